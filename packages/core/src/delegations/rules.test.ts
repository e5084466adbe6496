import { describe, expect, it } from 'vitest';
import {
  delegationLifecycle,
  delegationPeople,
  followUpLifecycle,
  openFollowUps,
  personKey,
  samePerson,
  validateDelegation,
} from './rules';
import { Delegation, type DelegationInput, type ItineraryItemInput } from './schemas';

const stamp = '2025-11-01T08:00:00Z';
const dean = { name: 'Claire Dubois', role: 'French dean', staffId: 'stf_0000000001' as const };
const deputy = { name: 'Li Ming', role: 'Deputy director, international office' };
const officer = { name: 'Wang Fang', staffId: 'stf_0000000002' as const };

type ItemSpec = Partial<ItineraryItemInput> & { id: string; start: string; end: string };

function item(spec: ItemSpec) {
  return { kind: 'meeting', timeZone: 'Europe/Paris', participants: [], ...spec };
}

function delegation(
  overrides: Partial<DelegationInput> & {
    id?: string;
    itinerary?: ItemSpec[];
    outcomes?: unknown[];
  } = {},
): Delegation {
  const { itinerary = [], ...rest } = overrides;
  return Delegation.parse({
    id: 'del_0000000001',
    direction: 'outbound',
    title: { en: 'Delegation to France', zh: '赴法代表团', fr: 'Délégation en France' },
    startDate: '2025-12-08',
    endDate: '2025-12-12',
    countries: ['FR'],
    leader: dean,
    members: [deputy, officer],
    status: 'approved',
    createdAt: stamp,
    updatedAt: stamp,
    version: 1,
    ...rest,
    itinerary: itinerary.map(item),
  });
}

const rules = (violations: { rule: string }[]) => violations.map((v) => v.rule);

describe('delegationLifecycle', () => {
  it('lets a planned delegation be approved or cancelled, and nothing else', () => {
    expect(delegationLifecycle.move('planned', 'approved')).toEqual({
      ok: true,
      value: 'approved',
    });
    const refused = delegationLifecycle.move('planned', 'underway');
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.violation.rule).toBe('delegation.illegal_transition');
    expect(refused.violation.data.allowed).toEqual(['approved', 'cancelled']);
  });

  it('lets an approval be withdrawn, and a trip start and finish', () => {
    expect(delegationLifecycle.canMove('approved', 'planned')).toBe(true);
    expect(delegationLifecycle.canMove('approved', 'underway')).toBe(true);
    expect(delegationLifecycle.canMove('underway', 'completed')).toBe(true);
    expect(delegationLifecycle.canMove('underway', 'planned')).toBe(false);
  });

  it('treats completed and cancelled as final', () => {
    expect(delegationLifecycle.isFinal('completed')).toBe(true);
    expect(delegationLifecycle.isFinal('cancelled')).toBe(true);
    expect(delegationLifecycle.canMove('completed', 'cancelled')).toBe(false);
  });
});

describe('followUpLifecycle', () => {
  it('moves open work forward, back to open, and stops at done or cancelled', () => {
    expect(followUpLifecycle.next('open')).toEqual(['in_progress', 'done', 'cancelled']);
    expect(followUpLifecycle.canMove('in_progress', 'open')).toBe(true);
    expect(followUpLifecycle.isFinal('done')).toBe(true);
    const refused = followUpLifecycle.move('done', 'open');
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.violation.rule).toBe('follow_up.illegal_transition');
  });
});

describe('people', () => {
  it('identifies people by staff id, else by name without case or extra spaces', () => {
    expect(personKey(dean)).toBe('staff:stf_0000000001');
    expect(personKey({ name: '  Li   MING ' })).toBe(personKey({ name: 'li ming' }));
    expect(
      samePerson({ name: 'Wang Fang', staffId: 'stf_0000000002' }, { name: 'wang fang' }),
    ).toBe(true);
    expect(
      samePerson(
        { name: 'Wang Fang', staffId: 'stf_0000000002' },
        { name: 'Wang Fang', staffId: 'stf_0000000009' },
      ),
    ).toBe(false);
  });

  it('lists the leader first and each person once', () => {
    const d = delegation({ members: [deputy, { name: 'CLAIRE dubois' }, officer] });
    expect(delegationPeople(d).map((p) => p.name)).toEqual([
      'Claire Dubois',
      'Li Ming',
      'Wang Fang',
    ]);
  });
});

describe('validateDelegation: itinerary inside the dates', () => {
  it('accepts an itinerary that lies inside the dates', () => {
    const d = delegation({
      itinerary: [
        {
          id: 'itm_0000000001',
          start: '2025-12-08T10:00:00+01:00',
          end: '2025-12-08T12:00:00+01:00',
        },
        {
          id: 'itm_0000000002',
          start: '2025-12-12T14:00:00+01:00',
          end: '2025-12-12T16:00:00+01:00',
        },
      ],
    });
    expect(validateDelegation(d)).toEqual([]);
  });

  it("reads an item's dates in the item's own time zone", () => {
    // 7 December 17:00 UTC is already 8 December 01:00 in Shanghai: inside.
    const shanghai = delegation({
      itinerary: [
        {
          id: 'itm_0000000001',
          kind: 'travel',
          timeZone: 'Asia/Shanghai',
          start: '2025-12-07T17:00:00Z',
          end: '2025-12-07T20:00:00Z',
        },
      ],
    });
    expect(validateDelegation(shanghai)).toEqual([]);
    // The same instants read in Paris fall on 7 December: outside.
    const paris = delegation({
      itinerary: [
        { id: 'itm_0000000001', start: '2025-12-07T17:00:00Z', end: '2025-12-07T20:00:00Z' },
      ],
    });
    const [violation] = validateDelegation(paris);
    expect(violation?.rule).toBe('delegation.item_outside_dates');
    expect(violation?.data).toMatchObject({
      itemId: 'itm_0000000001',
      delegationId: 'del_0000000001',
      itemStartDate: '2025-12-07',
      startDate: '2025-12-08',
      endDate: '2025-12-12',
    });
    expect(violation?.message.en).toContain('2025-12-07 18:00');
    expect(violation?.message.zh).toContain('超出');
    expect(violation?.message.fr).toContain('sort des dates');
  });

  it('refuses an item that ends after the last day, but not one that ends at its midnight', () => {
    const d = delegation({
      itinerary: [
        {
          id: 'itm_0000000001',
          start: '2025-12-12T22:00:00+01:00',
          end: '2025-12-13T00:00:00+01:00',
          participants: ['Li Ming'],
        },
        {
          id: 'itm_0000000002',
          start: '2025-12-12T23:00:00+01:00',
          end: '2025-12-13T00:30:00+01:00',
          participants: ['Wang Fang'],
        },
      ],
    });
    const violations = validateDelegation(d);
    expect(rules(violations)).toEqual(['delegation.item_outside_dates']);
    expect(violations[0]?.data).toMatchObject({
      itemId: 'itm_0000000002',
      itemEndDate: '2025-12-13',
    });
  });
});

describe('validateDelegation: nobody in two places at once', () => {
  it('refuses one person, written two ways, in two overlapping items', () => {
    const d = delegation({
      itinerary: [
        {
          id: 'itm_0000000001',
          start: '2025-12-09T10:00:00+01:00',
          end: '2025-12-09T12:00:00+01:00',
          place: 'École Polytechnique',
          participants: ['Li Ming'],
        },
        {
          id: 'itm_0000000002',
          kind: 'lab_tour',
          start: '2025-12-09T11:30:00+01:00',
          end: '2025-12-09T13:00:00+01:00',
          participants: [' li  ming', 'Wang Fang'],
        },
      ],
    });
    const violations = validateDelegation(d);
    expect(rules(violations)).toEqual(['delegation.member_double_booked']);
    expect(violations[0]?.data).toEqual({
      delegationId: 'del_0000000001',
      itemIds: ['itm_0000000001', 'itm_0000000002'],
      people: ['Li Ming'],
      personKeys: ['name:li ming'],
    });
    expect(violations[0]?.message.en).toContain('Li Ming would be in two places at once');
    expect(violations[0]?.message.en).toContain('École Polytechnique');
  });

  it('counts an item without participants as the whole delegation, travel included', () => {
    const d = delegation({
      itinerary: [
        {
          id: 'itm_0000000001',
          kind: 'travel',
          start: '2025-12-10T08:00:00+01:00',
          end: '2025-12-10T10:00:00+01:00',
        },
        {
          id: 'itm_0000000002',
          start: '2025-12-10T09:30:00+01:00',
          end: '2025-12-10T11:00:00+01:00',
          participants: ['Claire Dubois'],
        },
      ],
    });
    const violations = validateDelegation(d);
    expect(rules(violations)).toEqual(['delegation.member_double_booked']);
    expect(violations[0]?.data.personKeys).toEqual(['staff:stf_0000000001']);
  });

  it('accepts back-to-back items and overlapping items with different people', () => {
    const d = delegation({
      itinerary: [
        {
          id: 'itm_0000000001',
          start: '2025-12-10T09:00:00+01:00',
          end: '2025-12-10T10:00:00+01:00',
          participants: ['Li Ming'],
        },
        {
          id: 'itm_0000000002',
          start: '2025-12-10T10:00:00+01:00',
          end: '2025-12-10T11:00:00+01:00',
          participants: ['Li Ming'],
        },
        {
          id: 'itm_0000000003',
          start: '2025-12-10T09:30:00+01:00',
          end: '2025-12-10T10:30:00+01:00',
          participants: ['Wang Fang'],
        },
      ],
    });
    expect(validateDelegation(d)).toEqual([]);
  });

  it('still catches a double booking of a guest who is not on the member list', () => {
    const d = delegation({
      itinerary: [
        {
          id: 'itm_0000000001',
          start: '2025-12-10T09:00:00+01:00',
          end: '2025-12-10T10:00:00+01:00',
          participants: ['Interpreter Zhao'],
        },
        {
          id: 'itm_0000000002',
          start: '2025-12-10T09:45:00+01:00',
          end: '2025-12-10T11:00:00+01:00',
          participants: ['interpreter zhao'],
        },
      ],
    });
    expect(validateDelegation(d)[0]?.data.people).toEqual(['Interpreter Zhao']);
  });
});

describe('validateDelegation: nobody in two delegations at once', () => {
  const other = (overrides: Partial<DelegationInput> & { id?: string } = {}) =>
    delegation({
      id: 'del_0000000002',
      title: { en: 'Visit to Lyon' },
      startDate: '2025-12-12',
      endDate: '2025-12-15',
      leader: { name: 'Someone Else' },
      members: [],
      ...overrides,
    });

  it('refuses a leader who leads another delegation over overlapping dates', () => {
    const violations = validateDelegation(delegation(), [
      other({ leader: { name: 'C. Dubois', staffId: 'stf_0000000001' } }),
    ]);
    expect(rules(violations)).toEqual(['delegation.person_overlapping_delegations']);
    expect(violations[0]?.data).toEqual({
      delegationId: 'del_0000000001',
      otherDelegationId: 'del_0000000002',
      otherStartDate: '2025-12-12',
      otherEndDate: '2025-12-15',
      people: [
        {
          name: 'Claire Dubois',
          personKey: 'staff:stf_0000000001',
          here: 'leader',
          there: 'leader',
        },
      ],
    });
    expect(violations[0]?.message.en).toBe(
      'Claire Dubois leads the delegation "Visit to Lyon" (2025-12-12 – 2025-12-15), whose dates overlap this one.',
    );
  });

  it('refuses a member who joins another delegation, matched by name', () => {
    const violations = validateDelegation(delegation(), [
      other({ members: [{ name: 'LI MING' }, { name: 'Wang Fang', staffId: 'stf_0000000007' }] }),
    ]);
    expect(violations[0]?.data.people).toEqual([
      { name: 'Li Ming', personKey: 'name:li ming', here: 'member', there: 'member' },
    ]);
  });

  it('ignores cancelled delegations, the same delegation, and dates that do not meet', () => {
    const clash = { leader: dean };
    expect(
      validateDelegation(delegation(), [
        other({ ...clash, status: 'cancelled' }),
        other({ ...clash, id: 'del_0000000001' }),
        other({ ...clash, startDate: '2025-12-13', endDate: '2025-12-20' }),
      ]),
    ).toEqual([]);
    expect(
      validateDelegation(delegation({ status: 'cancelled' }), [other({ leader: dean })]),
    ).toEqual([]);
  });

  it('reports one conflict per overlapping delegation', () => {
    const violations = validateDelegation(delegation(), [
      other({ leader: dean }),
      other({
        id: 'del_0000000003',
        startDate: '2025-12-01',
        endDate: '2025-12-08',
        members: [officer],
      }),
    ]);
    expect(violations.map((v) => v.data.otherDelegationId)).toEqual([
      'del_0000000002',
      'del_0000000003',
    ]);
  });
});

describe('validateDelegation: every conflict at once', () => {
  it('returns all the broken rules, not only the first', () => {
    const d = delegation({
      itinerary: [
        {
          id: 'itm_0000000001',
          start: '2025-12-06T10:00:00+01:00',
          end: '2025-12-06T11:00:00+01:00',
        },
        {
          id: 'itm_0000000002',
          start: '2025-12-14T10:00:00+01:00',
          end: '2025-12-14T11:00:00+01:00',
        },
        {
          id: 'itm_0000000003',
          start: '2025-12-09T10:00:00+01:00',
          end: '2025-12-09T11:00:00+01:00',
        },
        {
          id: 'itm_0000000004',
          start: '2025-12-09T10:30:00+01:00',
          end: '2025-12-09T11:30:00+01:00',
        },
      ],
    });
    const others = [
      delegation({
        id: 'del_0000000002',
        startDate: '2025-12-11',
        endDate: '2025-12-11',
        leader: officer,
        members: [],
      }),
    ];
    expect(rules(validateDelegation(d, others))).toEqual([
      'delegation.item_outside_dates',
      'delegation.item_outside_dates',
      'delegation.member_double_booked',
      'delegation.person_overlapping_delegations',
    ]);
  });
});

describe('openFollowUps', () => {
  const followUp = (id: string, dueDate: string, status: string) => ({
    id,
    action: `Action ${id}`,
    owner: 'Li Ming',
    dueDate,
    status,
  });
  const d = delegation({
    outcomes: [
      {
        id: 'out_0000000001',
        kind: 'consensus',
        summary: { en: 'Dual degree with Polytech Paris-Saclay' },
        followUps: [
          followUp('fup_0000000001', '2026-03-01', 'open'),
          followUp('fup_0000000002', '2026-01-15', 'in_progress'),
          followUp('fup_0000000003', '2026-01-01', 'done'),
        ],
      },
      {
        id: 'out_0000000002',
        kind: 'new_contact',
        summary: { en: 'Albert School' },
        followUps: [
          followUp('fup_0000000004', '2026-02-01', 'cancelled'),
          followUp('fup_0000000005', '2026-02-01', 'open'),
        ],
      },
    ],
  });

  it('lists what is still to do, earliest first, flagging what is overdue', () => {
    const open = openFollowUps(d, '2026-02-01');
    expect(open.map((f) => [f.id, f.outcomeId, f.overdue])).toEqual([
      ['fup_0000000002', 'out_0000000001', true],
      ['fup_0000000005', 'out_0000000002', false],
      ['fup_0000000001', 'out_0000000001', false],
    ]);
    expect(open[0]?.action).toBe('Action fup_0000000002');
  });

  it('flags nothing as overdue before the first due date', () => {
    expect(openFollowUps(d, '2025-12-20').some((f) => f.overdue)).toBe(false);
  });
});

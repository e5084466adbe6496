import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { dayNumber, fromDayNumber, type StateMachine, type Transitions } from '../shared';
import {
  agreementExpiresWithin,
  agreementLifecycle,
  agreementStatusAt,
  ExchangeBalance,
  exchangeBalance,
  exchangeBalances,
  isAgreementActiveOver,
  isDormant,
  OutboundMobility,
  quotaFor,
  relationshipStages,
} from './rules';
import {
  Agreement,
  type AgreementStatus,
  type EffectiveAgreementStatus,
  type RelationshipStage,
} from './schemas';

const AGR = 'agr_01JD00000000000001';
const AGR2 = 'agr_01JD00000000000002';
const INS = 'ins_01JD00000000000001';

function agreement(overrides: Partial<z.input<typeof Agreement>> = {}): Agreement {
  return Agreement.parse({
    id: AGR,
    title: { en: 'Student exchange with École Polytechnique' },
    kind: 'student_exchange',
    institutionIds: [INS],
    status: 'active',
    startDate: '2024-09-01',
    endDate: '2029-08-31',
    createdAt: '2024-06-01T08:00:00Z',
    updatedAt: '2024-06-01T08:00:00Z',
    version: 1,
    ...overrides,
  });
}

const day = fc
  .integer({ min: dayNumber('2020-01-01'), max: dayNumber('2034-12-31') })
  .map(fromDayNumber);

/**
 * Any sequence of requested moves from any state: legal moves (per the table in the brief)
 * succeed, illegal ones are refused with the allowed next states, the machine only ever stands
 * in a listed state, and final states never move again.
 */
function checkMachineProperty<S extends string>(
  machine: StateMachine<S>,
  expected: Transitions<S>,
  finals: readonly S[],
) {
  const states = Object.keys(expected) as S[];
  fc.assert(
    fc.property(
      fc.constantFrom(...states),
      fc.array(fc.constantFrom(...states), { maxLength: 40 }),
      (start, moves) => {
        let current = start;
        for (const to of moves) {
          const before = current;
          const result = machine.move(current, to);
          if (expected[current].includes(to)) {
            expect(result).toEqual({ ok: true, value: to });
            current = to;
          } else {
            expect(result.ok).toBe(false);
            if (!result.ok) {
              expect(result.violation.rule).toBe(`${machine.name}.illegal_transition`);
              expect(result.violation.data).toEqual({
                from: current,
                to,
                allowed: expected[current],
              });
              for (const allowed of expected[current]) {
                expect(result.violation.message.en).toContain(allowed);
              }
            }
          }
          expect(states).toContain(current);
          if (finals.includes(before)) expect(current).toBe(before);
        }
      },
    ),
  );
}

describe('agreementLifecycle', () => {
  const expected: Transitions<AgreementStatus> = {
    draft: ['negotiating', 'terminated'],
    negotiating: ['signed', 'draft', 'terminated'],
    signed: ['active', 'terminated'],
    active: ['expired', 'terminated'],
    expired: [],
    terminated: [],
  };

  it('follows draft → negotiating → signed → active → expired', () => {
    expect(agreementLifecycle.move('draft', 'negotiating')).toEqual({
      ok: true,
      value: 'negotiating',
    });
    expect(agreementLifecycle.move('negotiating', 'signed').ok).toBe(true);
    expect(agreementLifecycle.move('signed', 'active').ok).toBe(true);
    expect(agreementLifecycle.move('active', 'expired').ok).toBe(true);
    expect(agreementLifecycle.move('negotiating', 'draft').ok).toBe(true);
  });

  it('refuses signing a draft that was never negotiated, naming the allowed moves', () => {
    const result = agreementLifecycle.move('draft', 'signed');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.violation.rule).toBe('agreement.illegal_transition');
    expect(result.violation.data.allowed).toEqual(['negotiating', 'terminated']);
    expect(result.violation.message.en).toContain('negotiating, terminated');
    expect(result.violation.message.zh).toContain('negotiating');
    expect(result.violation.message.fr).toContain('negotiating');
  });

  it('keeps expired and terminated agreements final', () => {
    expect(agreementLifecycle.isFinal('expired')).toBe(true);
    expect(agreementLifecycle.isFinal('terminated')).toBe(true);
    expect(agreementLifecycle.isFinal('active')).toBe(false);
    expect(agreementLifecycle.move('expired', 'active').ok).toBe(false);
    expect(agreementLifecycle.move('terminated', 'draft').ok).toBe(false);
  });

  it('property: any sequence of requested moves follows the table', () => {
    checkMachineProperty(agreementLifecycle, expected, ['expired', 'terminated']);
  });
});

describe('relationshipStages', () => {
  const expected: Transitions<RelationshipStage> = {
    prospect: ['contacted', 'dormant'],
    contacted: ['negotiating', 'prospect', 'dormant'],
    negotiating: ['partner', 'contacted', 'dormant'],
    partner: ['dormant'],
    dormant: ['contacted', 'negotiating', 'partner'],
  };

  it('lets a prospect become a partner only through contact and negotiation', () => {
    const skip = relationshipStages.move('prospect', 'partner');
    expect(skip.ok).toBe(false);
    if (!skip.ok) {
      expect(skip.violation.rule).toBe('institution.illegal_transition');
      expect(skip.violation.data.allowed).toEqual(['contacted', 'dormant']);
    }
    expect(relationshipStages.move('prospect', 'contacted').ok).toBe(true);
    expect(relationshipStages.move('contacted', 'negotiating').ok).toBe(true);
    expect(relationshipStages.move('negotiating', 'partner').ok).toBe(true);
  });

  it('revives a dormant partner but never sends a partner back to negotiating', () => {
    expect(relationshipStages.move('dormant', 'partner').ok).toBe(true);
    expect(relationshipStages.move('partner', 'negotiating').ok).toBe(false);
    expect(relationshipStages.isFinal('dormant')).toBe(false);
  });

  it('property: any sequence of requested moves follows the table', () => {
    checkMachineProperty(relationshipStages, expected, []);
  });
});

describe('agreementStatusAt', () => {
  const signed = agreement({
    status: 'signed',
    startDate: '2025-09-01',
    endDate: '2030-08-31',
    renewalNoticeDays: 180,
  });

  it('keeps draft, negotiating and terminated whatever the dates say', () => {
    for (const status of ['draft', 'negotiating', 'terminated'] as const) {
      expect(agreementStatusAt({ ...signed, status }, '2026-01-01')).toBe(status);
      expect(agreementStatusAt({ ...signed, status }, '2031-01-01')).toBe(status);
    }
  });

  it('reads signed before the start, active inside, expired after the end', () => {
    expect(agreementStatusAt(signed, '2025-08-31')).toBe('signed');
    expect(agreementStatusAt(signed, '2025-09-01')).toBe('active');
    expect(agreementStatusAt(signed, '2030-09-01')).toBe('expired');
  });

  it('follows the dates even when the stored status lags behind or runs ahead', () => {
    expect(agreementStatusAt({ ...signed, status: 'active' }, '2025-01-01')).toBe('signed');
    expect(agreementStatusAt({ ...signed, status: 'expired' }, '2027-01-01')).toBe('active');
    expect(agreementStatusAt({ ...signed, status: 'active' }, '2031-01-01')).toBe('expired');
  });

  it('is expiring once the end date is within the renewal notice period (rule 5)', () => {
    // 2030-08-31 minus 180 days is 2030-03-04.
    expect(agreementStatusAt(signed, '2030-03-03')).toBe('active');
    expect(agreementStatusAt(signed, '2030-03-04')).toBe('expiring');
    expect(agreementStatusAt(signed, '2030-08-31')).toBe('expiring');
    expect(agreementStatusAt({ ...signed, renewalNoticeDays: 30 }, '2030-03-04')).toBe('active');
    expect(agreementStatusAt({ ...signed, renewalNoticeDays: 30 }, '2030-08-01')).toBe('expiring');
  });

  it('treats a missing end date as open-ended and a missing start date as valid from signature', () => {
    const { endDate: _end, ...openEnded } = signed;
    expect(agreementStatusAt(openEnded, '2099-12-31')).toBe('active');
    const { startDate: _start, ...noStart } = signed;
    expect(agreementStatusAt(noStart, '2020-01-01')).toBe('active');
  });

  it('keeps a stored expired agreement without an end date expired', () => {
    const { endDate: _end, ...rest } = signed;
    expect(agreementStatusAt({ ...rest, status: 'expired' }, '2026-01-01')).toBe('expired');
  });

  it('property: signed → active/expiring → expired never goes back as the date increases', () => {
    const rank: Partial<Record<EffectiveAgreementStatus, number>> = {
      signed: 0,
      active: 1,
      expiring: 2,
      expired: 3,
    };
    fc.assert(
      fc.property(
        fc.constantFrom<AgreementStatus>('signed', 'active', 'expired'),
        fc.option(day, { nil: undefined }),
        fc.option(day, { nil: undefined }),
        fc.integer({ min: 0, max: 800 }),
        day,
        day,
        (status, a, b, renewalNoticeDays, d1, d2) => {
          const [startDate, endDate] =
            a !== undefined && b !== undefined && a > b ? [b, a] : [a, b];
          const input = {
            status,
            renewalNoticeDays,
            ...(startDate === undefined ? {} : { startDate }),
            ...(endDate === undefined ? {} : { endDate }),
          };
          const [early, late] = d1 <= d2 ? [d1, d2] : [d2, d1];
          const first = rank[agreementStatusAt(input, early)];
          const second = rank[agreementStatusAt(input, late)];
          expect(first).toBeDefined();
          expect(second).toBeDefined();
          expect(first ?? 0).toBeLessThanOrEqual(second ?? 0);
          if (endDate !== undefined && late > endDate) {
            expect(agreementStatusAt(input, late)).toBe('expired');
          }
          if (startDate !== undefined && early < startDate) {
            expect(agreementStatusAt(input, early)).toBe('signed');
          }
        },
      ),
    );
  });
});

describe('isAgreementActiveOver', () => {
  const active = agreement({ startDate: '2025-09-01', endDate: '2027-08-31' });

  it('is true when the validity dates cover the whole range', () => {
    expect(isAgreementActiveOver(active, '2025-09-01', '2027-08-31')).toBe(true);
    expect(isAgreementActiveOver({ ...active, status: 'signed' }, '2026-02-01', '2026-07-01')).toBe(
      true,
    );
  });

  it('is false when the range starts before or ends after the validity dates', () => {
    expect(isAgreementActiveOver(active, '2025-08-31', '2026-01-31')).toBe(false);
    expect(isAgreementActiveOver(active, '2027-02-01', '2027-09-01')).toBe(false);
  });

  it('is false for agreements not signed yet or terminated', () => {
    for (const status of ['draft', 'negotiating', 'terminated'] as const) {
      expect(isAgreementActiveOver({ ...active, status }, '2026-02-01', '2026-07-01')).toBe(false);
    }
  });

  it('covers any range when open-ended, and no range when the dates are reversed', () => {
    const { endDate: _end, ...openEnded } = active;
    expect(isAgreementActiveOver(openEnded, '2026-02-01', '2040-07-01')).toBe(true);
    expect(isAgreementActiveOver(active, '2026-07-01', '2026-02-01')).toBe(false);
    expect(
      isAgreementActiveOver({ ...openEnded, status: 'expired' }, '2026-02-01', '2026-07-01'),
    ).toBe(false);
  });
});

describe('agreementExpiresWithin', () => {
  const active = agreement({ endDate: '2026-06-30' });

  it('is true when the end date falls after the date and at most N days later', () => {
    expect(agreementExpiresWithin(active, '2026-01-01', 180)).toBe(true);
    expect(agreementExpiresWithin(active, '2026-06-29', 1)).toBe(true);
    expect(agreementExpiresWithin(active, '2025-12-31', 181)).toBe(true);
  });

  it('is false when the end date is later, today, or past', () => {
    expect(agreementExpiresWithin(active, '2025-12-31', 180)).toBe(false);
    expect(agreementExpiresWithin(active, '2026-06-30', 180)).toBe(false);
    expect(agreementExpiresWithin(active, '2026-07-01', 180)).toBe(false);
  });

  it('is false for terminated or open-ended agreements', () => {
    expect(agreementExpiresWithin({ ...active, status: 'terminated' }, '2026-01-01', 180)).toBe(
      false,
    );
    expect(agreementExpiresWithin({ status: 'active' }, '2026-01-01', 180)).toBe(false);
  });
});

describe('isDormant', () => {
  it('is dormant with no activity in 24 months', () => {
    expect(isDormant('2023-12-07', '2025-12-08')).toBe(true);
    expect(isDormant('2023-12-08', '2025-12-08')).toBe(false);
    expect(isDormant('2025-06-01', '2025-12-08')).toBe(false);
  });

  it('is dormant when no activity was ever recorded', () => {
    expect(isDormant(undefined, '2025-12-08')).toBe(true);
  });

  it('takes another period in months', () => {
    expect(isDormant('2025-06-01', '2025-12-08', 6)).toBe(true);
    expect(isDormant('2025-06-08', '2025-12-08', 6)).toBe(false);
  });
});

describe('quotaFor', () => {
  const withQuotas = agreement({
    quotas: [
      { academicYear: '2025-2026', direction: 'inbound', students: 5 },
      { academicYear: '2025-2026', direction: 'outbound', students: 3 },
      { academicYear: '2026-2027', direction: 'inbound', students: 8 },
    ],
  });

  it('finds the quota of a year and direction', () => {
    expect(quotaFor(withQuotas, '2025-2026', 'inbound')?.students).toBe(5);
    expect(quotaFor(withQuotas, '2025-2026', 'outbound')?.students).toBe(3);
    expect(quotaFor(withQuotas, '2026-2027', 'inbound')?.students).toBe(8);
  });

  it('returns undefined when none is defined', () => {
    expect(quotaFor(withQuotas, '2026-2027', 'outbound')).toBeUndefined();
    expect(quotaFor(agreement(), '2025-2026', 'inbound')).toBeUndefined();
  });
});

describe('exchangeBalance', () => {
  const base = { agreementId: AGR, academicYear: '2025-2026' } as const;

  it('flags an imbalance above 25% (rule 3)', () => {
    const balance = exchangeBalance({ ...base, inbound: 10, outbound: 6 });
    expect(balance).toEqual({
      ...base,
      inbound: 10,
      outbound: 6,
      difference: 4,
      imbalance: 0.4,
      flagged: true,
    });
    expect(ExchangeBalance.parse(balance)).toEqual(balance);
  });

  it('does not flag an imbalance at or below the threshold', () => {
    expect(exchangeBalance({ ...base, inbound: 4, outbound: 5 })).toMatchObject({
      difference: -1,
      imbalance: 0.2,
      flagged: false,
    });
    expect(exchangeBalance({ ...base, inbound: 3, outbound: 4 }).flagged).toBe(false);
  });

  it('reads an empty exchange as balanced and a one-way one as fully imbalanced', () => {
    expect(exchangeBalance({ ...base, inbound: 0, outbound: 0 })).toMatchObject({
      imbalance: 0,
      flagged: false,
    });
    expect(exchangeBalance({ ...base, inbound: 0, outbound: 3 })).toMatchObject({
      difference: -3,
      imbalance: 1,
      flagged: true,
    });
  });

  it('takes another threshold', () => {
    expect(exchangeBalance({ ...base, inbound: 10, outbound: 6, threshold: 0.5 }).flagged).toBe(
      false,
    );
    expect(exchangeBalance({ ...base, inbound: 5, outbound: 4, threshold: 0.1 }).flagged).toBe(
      true,
    );
  });
});

describe('exchangeBalances', () => {
  const year = '2025-2026';
  const outboundRecord = (agreementId: string, academicYear = year) =>
    OutboundMobility.parse({
      agreementId,
      academicYear,
      studentName: 'Li Wei',
      institutionId: INS,
      start: '2025-09-01',
      end: '2026-01-31',
    });

  it('counts admitted inbound students and outbound mobilities per agreement', () => {
    const students = [
      { agreementId: AGR, academicYear: year, status: 'admitted' },
      { agreementId: AGR, academicYear: year, status: 'active' },
      { agreementId: AGR, academicYear: year, status: 'completed' },
      { agreementId: AGR, academicYear: year, status: 'applied' },
      { agreementId: AGR, academicYear: year, status: 'withdrawn' },
      { agreementId: AGR, academicYear: '2024-2025', status: 'active' },
      { agreementId: AGR2, academicYear: year, status: 'enrolled' },
      { academicYear: year, status: 'active' },
    ] as const;
    const outbound = [
      outboundRecord(AGR),
      outboundRecord(AGR, '2024-2025'),
      outboundRecord(AGR2),
      outboundRecord(AGR2),
      outboundRecord(AGR2),
    ];
    const balances = exchangeBalances(
      [agreement(), agreement({ id: AGR2 }), agreement({ id: 'agr_01JD00000000000003' })],
      students,
      outbound,
      year,
    );
    expect(balances.map((b) => [b.agreementId, b.inbound, b.outbound, b.flagged])).toEqual([
      [AGR, 3, 1, true],
      [AGR2, 1, 3, true],
      ['agr_01JD00000000000003', 0, 0, false],
    ]);
    expect(balances.every((b) => b.academicYear === year)).toBe(true);
  });

  it('passes the threshold on', () => {
    const [balance] = exchangeBalances(
      [agreement()],
      [{ agreementId: AGR, academicYear: year, status: 'active' }],
      [outboundRecord(AGR), outboundRecord(AGR)],
      year,
      0.6,
    );
    expect(balance).toMatchObject({ inbound: 1, outbound: 2, imbalance: 0.5, flagged: false });
  });
});

describe('OutboundMobility', () => {
  it('refuses a mobility that ends before it starts', () => {
    const result = OutboundMobility.safeParse({
      agreementId: AGR,
      academicYear: '2025-2026',
      studentName: 'Li Wei',
      institutionId: INS,
      start: '2026-01-31',
      end: '2025-09-01',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['end']);
  });
});

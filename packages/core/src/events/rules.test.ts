import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RegistrationId } from '../shared';
import {
  applyRegistrationChanges,
  cancelRegistration,
  isOpenTo,
  markAttendance,
  promoteWaitlisted,
  register,
  registrationCounts,
  registrationWindow,
} from './rules';
import {
  Event,
  type EventInput,
  type Participant,
  participantKey,
  type Registration,
} from './schemas';

const stamp = '2025-09-01T00:00:00Z';

function event(overrides: Partial<EventInput> & { id?: string } = {}): Event {
  return Event.parse({
    id: 'evt_0000000001',
    kind: 'themed_salon',
    title: { en: 'Sino-French salon', zh: '中法沙龙', fr: 'Salon franco-chinois' },
    sessions: [
      {
        id: 'ses_0000000001',
        start: '2025-10-10T14:00:00+08:00',
        end: '2025-10-10T16:00:00+08:00',
        timeZone: 'Asia/Shanghai',
      },
    ],
    capacity: 2,
    registrationOpensAt: '2025-09-20T00:00:00+08:00',
    organiser: 'International Affairs Office',
    createdAt: stamp,
    updatedAt: stamp,
    version: 1,
    ...overrides,
  });
}

const now = new Date('2025-10-01T09:00:00+08:00');
const student = (n: number): Participant => ({
  kind: 'student',
  studentId: `stu_${String(n).padStart(10, '0')}`,
});
const regId = (n: number): RegistrationId => `reg_${String(n).padStart(10, '0')}`;
const exchange = { kind: 'student', programmeKind: 'exchange' } as const;

/** Registers people one after another, as a staff member clicking through would. */
function registerAll(e: Event, people: Participant[]): Registration[] {
  let registrations: Registration[] = [];
  people.forEach((participant, index) => {
    const result = register({
      event: e,
      registrations,
      participant,
      now,
      id: regId(index + 1),
    });
    if (!result.ok) throw new Error(result.violation.rule);
    registrations = applyRegistrationChanges(registrations, [result.value.registration]);
  });
  return registrations;
}

function refusal<T>(result: { ok: true; value: T } | { ok: false; violation: { rule: string } }) {
  return result.ok ? 'ok' : result.violation.rule;
}

describe('isOpenTo', () => {
  it('lets all_students cover every programme kind, and only students', () => {
    const e = { audience: ['all_students' as const] };
    expect(isOpenTo(e, { kind: 'student', programmeKind: 'summer_school' })).toBe(true);
    expect(isOpenTo(e, { kind: 'student', programmeKind: 'degree' })).toBe(true);
    expect(isOpenTo(e, { kind: 'staff' })).toBe(false);
    expect(isOpenTo(e, { kind: 'guest' })).toBe(false);
  });

  it('admits only the programme kinds listed, and staff when staff is listed', () => {
    const e = { audience: ['exchange' as const, 'staff' as const] };
    expect(isOpenTo(e, exchange)).toBe(true);
    expect(isOpenTo(e, { kind: 'student', programmeKind: 'degree' })).toBe(false);
    expect(isOpenTo(e, { kind: 'staff' })).toBe(true);
    expect(isOpenTo(e, { kind: 'guest' })).toBe(false);
  });

  it('lets public cover guests and everyone else', () => {
    const e = { audience: ['public' as const] };
    expect(isOpenTo(e, { kind: 'guest' })).toBe(true);
    expect(isOpenTo(e, { kind: 'staff' })).toBe(true);
    expect(isOpenTo(e, { kind: 'student', programmeKind: 'intern' })).toBe(true);
  });
});

describe('registrationWindow', () => {
  it('is open between the opening time and the first session', () => {
    expect(registrationWindow(event(), now)).toEqual({ ok: true, value: true });
  });

  it('refuses before the opening time, saying when it opens', () => {
    const result = registrationWindow(event(), new Date('2025-09-19T15:59:59Z'));
    expect(refusal(result)).toBe('event.registration_not_open');
    if (result.ok) return;
    expect(result.violation.data.opensAt).toBe('2025-09-20T00:00:00+08:00');
    expect(result.violation.message.en).toContain('opens at 2025-09-20T00:00:00+08:00');
    expect(result.violation.message.zh).toContain('中法沙龙');
    expect(result.violation.message.fr).toContain('Salon franco-chinois');
  });

  it('closes at the close time when one is given', () => {
    const e = event({ registrationClosesAt: '2025-10-05T18:00:00+08:00' });
    expect(refusal(registrationWindow(e, new Date('2025-10-05T17:59:00+08:00')))).toBe('ok');
    const closed = registrationWindow(e, new Date('2025-10-05T18:00:00+08:00'));
    expect(refusal(closed)).toBe('event.registration_closed');
    if (closed.ok) return;
    expect(closed.violation.data.closedBy).toBe('close_time');
  });

  it('closes when the earliest session starts when no close time is given', () => {
    const e = event({
      sessions: [
        {
          start: '2025-10-12T14:00:00+08:00',
          end: '2025-10-12T16:00:00+08:00',
          timeZone: 'Asia/Shanghai',
        },
        {
          start: '2025-10-10T14:00:00+08:00',
          end: '2025-10-10T16:00:00+08:00',
          timeZone: 'Asia/Shanghai',
        },
      ].map((s, i) => ({ ...s, id: `ses_000000000${i}` })),
    });
    expect(refusal(registrationWindow(e, new Date('2025-10-10T13:59:00+08:00')))).toBe('ok');
    const closed = registrationWindow(e, new Date('2025-10-10T14:00:00+08:00'));
    expect(refusal(closed)).toBe('event.registration_closed');
    if (closed.ok) return;
    expect(closed.violation.data).toMatchObject({
      closesAt: '2025-10-10T14:00:00+08:00',
      closedBy: 'first_session',
    });
  });

  it('refuses a cancelled event first', () => {
    const result = registrationWindow(event({ cancelled: true }), new Date('2025-01-01T00:00:00Z'));
    expect(refusal(result)).toBe('event.cancelled');
  });
});

describe('register', () => {
  it('registers while seats are free, then waitlists in arrival order', () => {
    const registrations = registerAll(event(), [student(1), student(2), student(3), student(4)]);
    expect(registrations.map((r) => [r.sequence, r.status])).toEqual([
      [1, 'registered'],
      [2, 'registered'],
      [3, 'waitlisted'],
      [4, 'waitlisted'],
    ]);
    expect(registrations[0]).toEqual({
      id: regId(1),
      eventId: 'evt_0000000001',
      participant: student(1),
      status: 'registered',
      sequence: 1,
      registeredAt: now.toISOString(),
      updatedAt: now.toISOString(),
      version: 1,
    });
  });

  it('never waitlists when the event has no capacity', () => {
    const people = Array.from({ length: 30 }, (_, i) => student(i + 1));
    const registrations = registerAll(event({ capacity: undefined }), people);
    expect(registrationCounts(registrations).registered).toBe(30);
  });

  it('counts people who attended as holding a seat', () => {
    const e = event();
    const [first, second] = registerAll(e, [student(1), student(2)]);
    if (first === undefined || second === undefined) throw new Error('setup');
    const attended = markAttendance(first, 'attended', now);
    if (!attended.ok) throw new Error('setup');
    const result = register({
      event: e,
      registrations: [attended.value, { ...second, status: 'cancelled' }],
      participant: student(3),
      now,
      id: regId(3),
    });
    expect(result.ok && result.value.registration.status).toBe('registered');
  });

  it('refuses a second registration by the same person, even while waitlisted', () => {
    const e = event({ capacity: 1 });
    const registrations = registerAll(e, [student(1), student(2)]);
    const result = register({
      event: e,
      registrations,
      participant: student(2),
      now,
      id: regId(9),
    });
    expect(refusal(result)).toBe('event.already_registered');
    if (result.ok) return;
    expect(result.violation.data).toEqual({
      registrationId: regId(2),
      status: 'waitlisted',
      participantKey: 'student:stu_0000000002',
    });
  });

  it('lets a guest register again after cancelling, with a new place in the queue', () => {
    const e = event({ audience: ['public'] });
    const guest: Participant = { kind: 'guest', name: 'Jeanne', email: 'Jeanne@example.org' };
    const [first] = registerAll(e, [guest]);
    if (first === undefined) throw new Error('setup');
    const same = { ...guest, email: 'jeanne@EXAMPLE.org' };
    expect(
      refusal(register({ event: e, registrations: [first], participant: same, now, id: regId(2) })),
    ).toBe('event.already_registered');
    const again = register({
      event: e,
      registrations: [{ ...first, status: 'cancelled' }],
      participant: same,
      now,
      id: regId(2),
    });
    expect(again.ok && again.value.registration.sequence).toBe(2);
  });

  it('refuses people outside the audience', () => {
    const e = event({ audience: ['exchange', 'dual_degree'] });
    const degree = register({
      event: e,
      registrations: [],
      participant: student(1),
      audience: { kind: 'student', programmeKind: 'degree' },
      now,
      id: regId(1),
    });
    expect(refusal(degree)).toBe('event.not_in_audience');
    if (!degree.ok) expect(degree.violation.message.en).toContain('exchange, dual_degree');
    const staff = register({
      event: e,
      registrations: [],
      participant: { kind: 'staff', staffId: 'stf_0000000001' },
      now,
      id: regId(1),
    });
    expect(refusal(staff)).toBe('event.not_in_audience');
    const exchangeStudent = register({
      event: e,
      registrations: [],
      participant: student(1),
      audience: exchange,
      now,
      id: regId(1),
    });
    expect(refusal(exchangeStudent)).toBe('ok');
  });

  it('admits a student of unknown programme kind only to events for some students', () => {
    const forStaff = event({ audience: ['staff'] });
    const forInterns = event({ audience: ['intern'] });
    const input = { registrations: [], participant: student(1), now, id: regId(1) };
    expect(refusal(register({ ...input, event: forStaff }))).toBe('event.not_in_audience');
    expect(refusal(register({ ...input, event: forInterns }))).toBe('ok');
  });

  it('refuses outside the window', () => {
    const input = { registrations: [], participant: student(1), id: regId(1) };
    expect(
      refusal(register({ ...input, event: event(), now: new Date('2025-09-01T00:00:00Z') })),
    ).toBe('event.registration_not_open');
    expect(
      refusal(register({ ...input, event: event(), now: new Date('2025-10-11T00:00:00Z') })),
    ).toBe('event.registration_closed');
    expect(refusal(register({ ...input, event: event({ cancelled: true }), now }))).toBe(
      'event.cancelled',
    );
  });

  it('ignores registrations of other events', () => {
    const e = event({ capacity: 1 });
    const elsewhere = registerAll(event({ id: 'evt_0000000002', capacity: 1 }), [student(1)]);
    const result = register({
      event: e,
      registrations: elsewhere,
      participant: student(1),
      now,
      id: regId(5),
    });
    expect(result.ok && result.value.registration).toMatchObject({
      status: 'registered',
      sequence: 1,
    });
  });
});

describe('promoteWaitlisted', () => {
  const later = new Date('2025-10-03T09:00:00+08:00');
  const people = [student(1), student(2), student(3), student(4), student(5)];

  it('gives the new seats of a raised capacity to the waitlist in arrival order', () => {
    const registrations = registerAll(event(), people).reverse();
    const promoted = promoteWaitlisted({
      event: event({ capacity: 4 }),
      registrations,
      now: later,
    });
    expect(promoted.map((r) => [r.id, r.status, r.version])).toEqual([
      [regId(3), 'registered', 2],
      [regId(4), 'registered', 2],
    ]);
    expect(promoted[0]?.updatedAt).toBe(later.toISOString());
  });

  it('promotes everyone when the limit is removed, and no one when it is lowered', () => {
    const registrations = registerAll(event(), people);
    const { capacity: _limit, ...unlimited } = event();
    expect(promoteWaitlisted({ event: unlimited, registrations, now: later })).toHaveLength(3);
    expect(promoteWaitlisted({ event: event({ capacity: 1 }), registrations, now: later })).toEqual(
      [],
    );
  });

  it('never fills more seats than the capacity, counting attended people', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 12 }), (cap, n) => {
        const registrations = registerAll(
          event({ capacity: 2 }),
          Array.from({ length: n }, (_, i) => student(i + 1)),
        ).map((r, i) =>
          i === 0 && r.status === 'registered' ? { ...r, status: 'attended' as const } : r,
        );
        const promoted = promoteWaitlisted({
          event: event({ capacity: cap }),
          registrations,
          now: later,
        });
        const next = applyRegistrationChanges(registrations, promoted);
        const seated = next.filter((r) => r.status === 'registered' || r.status === 'attended');
        expect(seated.length).toBe(Math.max(Math.min(n, 2), Math.min(n, cap)));
        expect(promoted.every((r) => r.status === 'registered')).toBe(true);
      }),
    );
  });
});

describe('cancelRegistration', () => {
  const later = new Date('2025-10-02T09:00:00+08:00');

  it('gives the freed seat to the first person on the waitlist', () => {
    const e = event();
    const registrations = registerAll(e, [student(1), student(2), student(3), student(4)]);
    const result = cancelRegistration({
      event: e,
      registrations,
      registrationId: regId(1),
      now: later,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.cancelled).toMatchObject({
      id: regId(1),
      status: 'cancelled',
      version: 2,
      updatedAt: later.toISOString(),
    });
    expect(result.value.promoted).toMatchObject({ id: regId(3), status: 'registered', version: 2 });
    const next = applyRegistrationChanges(registrations, [
      result.value.cancelled,
      ...(result.value.promoted ? [result.value.promoted] : []),
    ]);
    expect(next.map((r) => r.status)).toEqual([
      'cancelled',
      'registered',
      'registered',
      'waitlisted',
    ]);
  });

  it('promotes by arrival order, not by list order', () => {
    const e = event({ capacity: 1 });
    const registrations = registerAll(e, [student(1), student(2), student(3)]).reverse();
    const result = cancelRegistration({
      event: e,
      registrations,
      registrationId: regId(1),
      now: later,
    });
    expect(result.ok && result.value.promoted?.id).toBe(regId(2));
  });

  it('promotes nobody when a waitlisted person cancels', () => {
    const e = event({ capacity: 1 });
    const registrations = registerAll(e, [student(1), student(2), student(3)]);
    const result = cancelRegistration({
      event: e,
      registrations,
      registrationId: regId(2),
      now: later,
    });
    expect(result.ok && result.value).toMatchObject({
      cancelled: { id: regId(2), status: 'cancelled' },
      promoted: null,
    });
  });

  it('promotes nobody while the room is still over capacity', () => {
    // Capacity lowered from 3 to 1 after three people registered.
    const registrations = registerAll(event({ capacity: 3 }), [
      student(1),
      student(2),
      student(3),
      student(4),
    ]);
    const result = cancelRegistration({
      event: event({ capacity: 1 }),
      registrations,
      registrationId: regId(1),
      now: later,
    });
    expect(result.ok && result.value.promoted).toBe(null);
  });

  it('refuses an unknown registration and one that is no longer active', () => {
    const e = event();
    const registrations = registerAll(e, [student(1)]);
    const missing = cancelRegistration({
      event: e,
      registrations,
      registrationId: regId(7),
      now: later,
    });
    expect(refusal(missing)).toBe('registration.not_found');
    const done = registrations.map((r) => ({ ...r, status: 'attended' as const }));
    const attended = cancelRegistration({
      event: e,
      registrations: done,
      registrationId: regId(1),
      now: later,
    });
    expect(refusal(attended)).toBe('registration.not_cancellable');
    if (!attended.ok) expect(attended.violation.data.status).toBe('attended');
  });
});

describe('markAttendance', () => {
  const [registered] = registerAll(event(), [student(1)]);
  if (registered === undefined) throw new Error('setup');

  it('records attendance for a registered person, and allows a correction', () => {
    const attended = markAttendance(registered, 'attended', now);
    expect(attended.ok && attended.value).toMatchObject({ status: 'attended', version: 2 });
    if (!attended.ok) return;
    const corrected = markAttendance(attended.value, 'no_show', now);
    expect(corrected.ok && corrected.value).toMatchObject({ status: 'no_show', version: 3 });
    expect(markAttendance(attended.value, 'attended', now)).toEqual({
      ok: true,
      value: attended.value,
    });
  });

  it('refuses waitlisted and cancelled registrations', () => {
    for (const status of ['waitlisted', 'cancelled'] as const) {
      const result = markAttendance({ ...registered, status }, 'attended', now);
      expect(refusal(result)).toBe('registration.not_attendable');
    }
  });
});

describe('registrationCounts', () => {
  it('counts each status', () => {
    const statuses = [
      'registered',
      'registered',
      'waitlisted',
      'cancelled',
      'attended',
      'no_show',
    ] as const;
    expect(registrationCounts(statuses.map((status) => ({ status })))).toEqual({
      registered: 2,
      waitlisted: 1,
      cancelled: 1,
      attended: 1,
      noShow: 1,
    });
  });
});

describe('applyRegistrationChanges', () => {
  it('replaces by id, keeps order, and appends new registrations', () => {
    const [a, b] = registerAll(event(), [student(1), student(2)]);
    if (a === undefined || b === undefined) throw new Error('setup');
    const changedB = { ...b, status: 'cancelled' as const };
    const c = { ...a, id: regId(3) };
    expect(applyRegistrationChanges([a, b], [c, changedB])).toEqual([a, changedB, c]);
  });
});

describe('registration properties', () => {
  type Op = { op: 'register' | 'cancel'; who: number };
  const people = 8;
  const ops = fc.array(
    fc.record({ op: fc.constantFrom<Op['op']>('register', 'cancel'), who: fc.nat(people - 1) }),
    { maxLength: 80 },
  );
  const capacity = fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined });

  it('loses nobody, counts nobody twice, never exceeds capacity, and serves the waitlist in order', () => {
    fc.assert(
      fc.property(capacity, ops, (cap, script) => {
        const e = event({ capacity: cap, audience: ['all_students'] });
        let registrations: Registration[] = [];
        const inside = new Set<number>();
        let successfulRegistrations = 0;
        script.forEach(({ op, who }, step) => {
          const at = new Date(now.getTime() + step * 60_000);
          const mine = registrations.filter(
            (r) => participantKey(r.participant) === participantKey(student(who)),
          );
          const active = mine.find((r) => r.status === 'registered' || r.status === 'waitlisted');
          if (op === 'register') {
            const result = register({
              event: e,
              registrations,
              participant: student(who),
              now: at,
              id: regId(step + 1),
            });
            if (inside.has(who)) {
              expect(refusal(result)).toBe('event.already_registered');
              return;
            }
            expect(result.ok).toBe(true);
            if (!result.ok) return;
            registrations = applyRegistrationChanges(registrations, [result.value.registration]);
            inside.add(who);
            successfulRegistrations++;
          } else {
            const target = active ?? mine[mine.length - 1];
            const waitlistBefore = registrations
              .filter((r) => r.status === 'waitlisted')
              .sort((a, b) => a.sequence - b.sequence);
            const result = cancelRegistration({
              event: e,
              registrations,
              registrationId: target?.id ?? regId(999),
              now: at,
            });
            if (target === undefined) {
              expect(refusal(result)).toBe('registration.not_found');
              return;
            }
            if (active === undefined) {
              expect(refusal(result)).toBe('registration.not_cancellable');
              return;
            }
            expect(result.ok).toBe(true);
            if (!result.ok) return;
            const { cancelled, promoted } = result.value;
            if (active.status === 'registered' && waitlistBefore.length > 0) {
              // First come, first served: the lowest sequence moves up.
              expect(promoted?.id).toBe(waitlistBefore[0]?.id);
            } else {
              expect(promoted).toBe(null);
            }
            registrations = applyRegistrationChanges(registrations, [
              cancelled,
              ...(promoted ? [promoted] : []),
            ]);
            inside.delete(who);
          }

          // Nobody lost, nobody twice.
          expect(registrations).toHaveLength(successfulRegistrations);
          for (let p = 0; p < people; p++) {
            const live = registrations.filter(
              (r) =>
                r.status !== 'cancelled' &&
                participantKey(r.participant) === participantKey(student(p)),
            );
            expect(live).toHaveLength(inside.has(p) ? 1 : 0);
          }
          const counts = registrationCounts(registrations);
          const seats = counts.registered + counts.attended;
          if (cap !== undefined) expect(seats).toBeLessThanOrEqual(cap);
          // A free seat means an empty waitlist.
          if (cap === undefined || seats < cap) expect(counts.waitlisted).toBe(0);
          // Everyone waiting arrived after everyone seated.
          const seated = registrations
            .filter((r) => r.status === 'registered')
            .map((r) => r.sequence);
          const waiting = registrations
            .filter((r) => r.status === 'waitlisted')
            .map((r) => r.sequence);
          if (seated.length > 0 && waiting.length > 0) {
            expect(Math.min(...waiting)).toBeGreaterThan(Math.max(...seated));
          }
          // Arrival numbers are unique.
          expect(new Set(registrations.map((r) => r.sequence)).size).toBe(registrations.length);
        });
      }),
      { numRuns: 300 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { Agreement } from '../partners/schemas';
import {
  addMonths,
  type CalendarDate,
  dayNumber,
  fromDayNumber,
  type Transitions,
} from '../shared';
import {
  checkAdmission,
  checkEligibility,
  DocumentAlert,
  documentAlerts,
  studentLifecycle,
  toStudentSelfView,
} from './rules';
import { Student, StudentSelfView, type StudentStatus } from './schemas';

const STU = 'stu_01JD00000000000001';
const INS = 'ins_01JD00000000000001';
const OTHER_INS = 'ins_01JD00000000000002';
const AGR = 'agr_01JD00000000000001';
const AGR2 = 'agr_01JD00000000000002';

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

function student(overrides: Partial<z.input<typeof Student>> = {}): Student {
  return Student.parse({
    id: STU,
    fullName: 'Camille Martin',
    email: 'camille.martin@example.org',
    nationality: 'FR',
    programmeKind: 'exchange',
    level: 'master',
    homeInstitutionId: INS,
    agreementId: AGR,
    programmeStart: '2025-09-01',
    programmeEnd: '2026-01-31',
    academicYear: '2025-2026',
    status: 'active',
    documents: {
      passportNumber: '18AB12345',
      passportExpiry: '2030-05-01',
      permit: { type: 'residence_permit', number: 'RP998877', expiry: '2026-02-28' },
      insuranceExpiry: '2026-02-28',
      insuranceProvider: 'MGEN',
    },
    checkIns: [
      {
        id: 'chk_01JD00000000000001',
        on: '2025-10-01',
        by: 'stf_01JD00000000000001',
        followUpNeeded: true,
        notes: 'Homesick; suggested the buddy programme.',
      },
    ],
    admission: {
      agreementId: AGR,
      academicYear: '2025-2026',
      admittedAt: '2025-05-01T08:00:00Z',
      override: { justification: 'Strategic partner, dean approved.', quota: 5 },
    },
    createdAt: '2025-04-01T08:00:00Z',
    updatedAt: '2025-04-01T08:00:00Z',
    version: 1,
    ...overrides,
  });
}

const day = fc
  .integer({ min: dayNumber('2020-01-01'), max: dayNumber('2034-12-31') })
  .map(fromDayNumber);

describe('studentLifecycle', () => {
  const expected: Transitions<StudentStatus> = {
    applied: ['admitted', 'withdrawn'],
    admitted: ['enrolled', 'withdrawn'],
    enrolled: ['arrived', 'withdrawn'],
    arrived: ['active', 'withdrawn'],
    active: ['completed', 'withdrawn'],
    completed: [],
    withdrawn: [],
  };
  const states = Object.keys(expected) as StudentStatus[];
  const finals: readonly StudentStatus[] = ['completed', 'withdrawn'];
  const order: readonly StudentStatus[] = [
    'applied',
    'admitted',
    'enrolled',
    'arrived',
    'active',
    'completed',
  ];

  it('walks applied → admitted → enrolled → arrived → active → completed', () => {
    for (let i = 0; i + 1 < order.length; i++) {
      const from = order[i];
      const to = order[i + 1];
      if (from === undefined || to === undefined) throw new Error('order');
      expect(studentLifecycle.move(from, to)).toEqual({ ok: true, value: to });
    }
  });

  it('refuses skipping forward with the allowed next states (rule 9)', () => {
    const result = studentLifecycle.move('admitted', 'arrived');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.violation.rule).toBe('student.illegal_transition');
    expect(result.violation.data).toEqual({
      from: 'admitted',
      to: 'arrived',
      allowed: ['enrolled', 'withdrawn'],
    });
    expect(result.violation.message.en).toContain('enrolled, withdrawn');
  });

  it('lets a student withdraw before completing, never after', () => {
    for (const from of ['applied', 'admitted', 'enrolled', 'arrived', 'active'] as const) {
      expect(studentLifecycle.move(from, 'withdrawn').ok).toBe(true);
    }
    expect(studentLifecycle.move('completed', 'withdrawn').ok).toBe(false);
    expect(studentLifecycle.isFinal('completed')).toBe(true);
    expect(studentLifecycle.isFinal('withdrawn')).toBe(true);
  });

  it('property: any sequence of requested moves follows the table', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...states),
        fc.array(fc.constantFrom(...states), { maxLength: 40 }),
        (start, moves) => {
          let current = start;
          for (const to of moves) {
            const before = current;
            const result = studentLifecycle.move(current, to);
            if (expected[current].includes(to)) {
              expect(result).toEqual({ ok: true, value: to });
              current = to;
              // No skipping forward: one step along the order, or out by withdrawal.
              expect(to === 'withdrawn' || order.indexOf(to) === order.indexOf(before) + 1).toBe(
                true,
              );
            } else {
              expect(result.ok).toBe(false);
              if (!result.ok) {
                expect(result.violation.rule).toBe('student.illegal_transition');
                expect(result.violation.data.allowed).toEqual(expected[current]);
              }
            }
            expect(states).toContain(current);
            if (finals.includes(before)) {
              expect(current).toBe(before);
              expect(studentLifecycle.isFinal(before)).toBe(true);
            }
          }
        },
      ),
    );
  });
});

describe('documentAlerts', () => {
  const today = '2025-12-01';
  const docs = (documents: z.input<typeof Student>['documents']) => student({ documents });

  it('raises nothing when every document is valid well past the programme', () => {
    const s = docs({
      passportExpiry: '2030-01-01',
      permit: { type: 'residence_permit', expiry: '2026-06-30' },
      insuranceExpiry: '2026-06-30',
    });
    expect(documentAlerts(s, today)).toEqual([]);
    expect(documentAlerts(docs({}), today)).toEqual([]);
  });

  it('raises an expired permit with negative days left', () => {
    const s = docs({ permit: { type: 'student_visa_x1', expiry: '2025-11-20' } });
    expect(documentAlerts(s, today)).toEqual([
      {
        studentId: STU,
        document: 'permit',
        expiry: '2025-11-20',
        reason: 'expired',
        daysLeft: -11,
      },
    ]);
  });

  it('raises a permit or insurance expiring within 30 days', () => {
    const s = docs({
      permit: { type: 'residence_permit', expiry: '2025-12-31' },
      insuranceExpiry: '2025-12-01',
    });
    expect(documentAlerts(s, today)).toEqual([
      {
        studentId: STU,
        document: 'insurance',
        expiry: '2025-12-01',
        reason: 'expires_soon',
        daysLeft: 0,
      },
      {
        studentId: STU,
        document: 'permit',
        expiry: '2025-12-31',
        reason: 'expires_soon',
        daysLeft: 30,
      },
    ]);
  });

  it('raises insurance expiring before the programme ends, even months ahead', () => {
    const s = docs({ insuranceExpiry: '2026-01-15' });
    expect(documentAlerts(s, today)).toEqual([
      {
        studentId: STU,
        document: 'insurance',
        expiry: '2026-01-15',
        reason: 'expires_before_programme_end',
        daysLeft: 45,
      },
    ]);
    // Valid on the programme's last day: nothing to say.
    expect(documentAlerts(docs({ insuranceExpiry: '2026-01-31' }), today)).toEqual([]);
  });

  it('takes another number of days', () => {
    const s = docs({ insuranceExpiry: '2026-01-15' });
    expect(documentAlerts(s, today, { withinDays: 60 })[0]?.reason).toBe('expires_soon');
    // Nine days left is not "soon" with a 7-day window, but still before the programme ends.
    const short = documentAlerts(docs({ insuranceExpiry: '2025-12-10' }), today, { withinDays: 7 });
    expect(short.map((a) => a.reason)).toEqual(['expires_before_programme_end']);
    const later = student({
      programmeEnd: '2025-12-05',
      documents: { insuranceExpiry: '2025-12-10' },
    });
    expect(documentAlerts(later, today, { withinDays: 7 })).toEqual([]);
  });

  it('raises a passport expiring less than 6 months after the programme ends', () => {
    // Programme ends 2026-01-31; the passport must hold until 2026-07-31.
    expect(documentAlerts(docs({ passportExpiry: '2026-07-30' }), today)).toEqual([
      {
        studentId: STU,
        document: 'passport',
        expiry: '2026-07-30',
        reason: 'passport_expires_near_programme_end',
        daysLeft: 241,
      },
    ]);
    expect(documentAlerts(docs({ passportExpiry: '2026-07-31' }), today)).toEqual([]);
    expect(documentAlerts(docs({ passportExpiry: '2025-11-30' }), today)[0]?.reason).toBe(
      'expired',
    );
  });

  it('gives one alert per document, the most urgent, sorted by expiry', () => {
    const s = docs({
      passportExpiry: '2026-03-01',
      permit: { type: 'residence_permit', expiry: '2025-12-15' },
      insuranceExpiry: '2025-11-01',
    });
    const alerts = documentAlerts(s, today);
    expect(alerts.map((a) => [a.document, a.reason])).toEqual([
      ['insurance', 'expired'],
      ['permit', 'expires_soon'],
      ['passport', 'passport_expires_near_programme_end'],
    ]);
  });

  it('orders documents expiring the same day as permit, insurance, passport', () => {
    const s = docs({
      passportExpiry: '2025-12-20',
      permit: { type: 'residence_permit', expiry: '2025-12-20' },
      insuranceExpiry: '2025-12-20',
    });
    expect(documentAlerts(s, today).map((a) => a.document)).toEqual([
      'permit',
      'insurance',
      'passport',
    ]);
  });

  it('raises nothing for completed or withdrawn students', () => {
    const documents = { insuranceExpiry: '2025-11-01', passportExpiry: '2025-11-01' };
    expect(documentAlerts(student({ status: 'completed', documents }), today)).toEqual([]);
    expect(documentAlerts(student({ status: 'withdrawn', documents }), today)).toEqual([]);
    expect(documentAlerts(student({ status: 'applied', documents }), today)).toHaveLength(2);
  });

  it('property: an alert is raised iff rule 4 says so, with a reason that fits', () => {
    const statuses: StudentStatus[] = [
      'applied',
      'admitted',
      'enrolled',
      'arrived',
      'active',
      'completed',
      'withdrawn',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...statuses),
        day,
        fc.option(day, { nil: undefined }),
        fc.option(day, { nil: undefined }),
        fc.option(day, { nil: undefined }),
        fc.integer({ min: 0, max: 120 }),
        day,
        (status, programmeEnd, permit, insurance, passport, withinDays, now) => {
          const subject: Parameters<typeof documentAlerts>[0] = {
            id: STU,
            status,
            programmeEnd,
            documents: {
              ...(permit === undefined
                ? {}
                : { permit: { type: 'residence_permit' as const, expiry: permit } }),
              ...(insurance === undefined ? {} : { insuranceExpiry: insurance }),
              ...(passport === undefined ? {} : { passportExpiry: passport }),
            },
          };
          const alerts = documentAlerts(subject, now, { withinDays });
          const caredFor = status !== 'completed' && status !== 'withdrawn';
          const left = (date: CalendarDate) => dayNumber(date) - dayNumber(now);

          const stayAlert = (expiry: CalendarDate | undefined) =>
            caredFor &&
            expiry !== undefined &&
            (left(expiry) <= withinDays || expiry < programmeEnd);
          const passportAlert =
            caredFor &&
            passport !== undefined &&
            (left(passport) < 0 || passport < addMonths(programmeEnd, 6));
          const raised = (document: string) => alerts.filter((a) => a.document === document);

          expect(raised('permit')).toHaveLength(stayAlert(permit) ? 1 : 0);
          expect(raised('insurance')).toHaveLength(stayAlert(insurance) ? 1 : 0);
          expect(raised('passport')).toHaveLength(passportAlert ? 1 : 0);

          for (const alert of alerts) {
            expect(DocumentAlert.parse(alert)).toEqual(alert);
            expect(alert.daysLeft).toBe(left(alert.expiry));
            expect(alert.reason === 'expired').toBe(alert.daysLeft < 0);
            if (alert.reason === 'expires_soon')
              expect(alert.daysLeft).toBeLessThanOrEqual(withinDays);
            if (alert.reason === 'expires_before_programme_end') {
              expect(alert.daysLeft).toBeGreaterThan(withinDays);
              expect(alert.expiry < programmeEnd).toBe(true);
            }
            if (alert.document === 'passport') {
              expect(['expired', 'passport_expires_near_programme_end']).toContain(alert.reason);
            }
          }
          const expiries = alerts.map((a) => a.expiry);
          expect(expiries).toEqual([...expiries].sort());
        },
      ),
    );
  });
});

describe('checkEligibility', () => {
  const exchange = {
    programmeKind: 'exchange',
    homeInstitutionId: INS,
    programmeStart: '2025-09-01',
    programmeEnd: '2026-01-31',
  } as const;

  it('needs no agreement for degree students, interns and visitors', () => {
    for (const programmeKind of ['degree', 'intern', 'short_term', 'summer_school'] as const) {
      expect(checkEligibility({ ...exchange, programmeKind }, [])).toEqual({
        ok: true,
        value: null,
      });
    }
  });

  it('finds the exchange agreement with the home institution in force over the programme', () => {
    const other = agreement({ id: AGR2, institutionIds: [OTHER_INS] });
    const match = agreement({ institutionIds: [OTHER_INS, INS] });
    expect(checkEligibility(exchange, [other, match])).toEqual({ ok: true, value: match });
  });

  it('needs a dual-degree agreement for a dual-degree student', () => {
    const exchangeOnly = agreement();
    const refused = checkEligibility({ ...exchange, programmeKind: 'dual_degree' }, [exchangeOnly]);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.violation.rule).toBe('student.no_active_agreement');
      expect(refused.violation.data).toEqual({
        programmeKind: 'dual_degree',
        homeInstitutionId: INS,
        requiredKind: 'dual_degree',
        programmeStart: '2025-09-01',
        programmeEnd: '2026-01-31',
      });
      expect(refused.violation.message.en).toContain('dual_degree');
      expect(refused.violation.message.zh).toContain(INS);
      expect(refused.violation.message.fr).toContain('2026-01-31');
    }
    const dual = agreement({ id: AGR2, kind: 'dual_degree' });
    expect(
      checkEligibility({ ...exchange, programmeKind: 'dual_degree' }, [exchangeOnly, dual]),
    ).toEqual({
      ok: true,
      value: dual,
    });
  });

  it('refuses when the agreement ends before the programme, is not signed, or is terminated', () => {
    const endsEarly = agreement({ endDate: '2025-12-31' });
    const draft = agreement({ status: 'draft' });
    const terminated = agreement({ status: 'terminated' });
    for (const candidate of [endsEarly, draft, terminated]) {
      expect(checkEligibility(exchange, [candidate]).ok).toBe(false);
    }
  });

  it('refuses an exchange student without a home institution', () => {
    const { homeInstitutionId: _home, ...noHome } = exchange;
    const result = checkEligibility(noHome, [agreement()]);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.violation.rule).toBe('student.home_institution_required');
      expect(result.violation.data).toEqual({
        programmeKind: 'exchange',
        requiredKind: 'student_exchange',
      });
    }
  });

  it('checks the recorded agreement rather than any other one', () => {
    const recorded = agreement({ id: AGR2, endDate: '2025-12-31' });
    const good = agreement();
    const result = checkEligibility({ ...exchange, agreementId: AGR2 }, [good, recorded]);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.violation.rule).toBe('student.no_active_agreement');
      expect(result.violation.data.agreementId).toBe(AGR2);
      expect(result.violation.message.en).toContain(AGR2);
    }
    const second = agreement({ id: AGR2 });
    expect(checkEligibility({ ...exchange, agreementId: AGR2 }, [good, second])).toEqual({
      ok: true,
      value: second,
    });
  });
});

describe('checkAdmission', () => {
  const applicant = {
    programmeKind: 'exchange',
    academicYear: '2025-2026',
    level: 'master',
  } as const;
  const withQuota = agreement({
    quotas: [
      { academicYear: '2025-2026', direction: 'inbound', students: 3, levels: ['master', 'phd'] },
      { academicYear: '2025-2026', direction: 'outbound', students: 10 },
      { academicYear: '2026-2027', direction: 'inbound', students: 1 },
    ],
  });

  it('admits freely without an agreement or without an inbound quota for the year', () => {
    expect(checkAdmission({ student: applicant, admittedCount: 7 })).toEqual({
      ok: true,
      value: { quota: null, used: 8, overridden: false },
    });
    expect(
      checkAdmission({
        student: { ...applicant, academicYear: '2027-2028' },
        agreement: withQuota,
        admittedCount: 40,
      }),
    ).toEqual({ ok: true, value: { quota: null, used: 41, overridden: false } });
  });

  it('admits up to the last place of the quota', () => {
    expect(checkAdmission({ student: applicant, agreement: withQuota, admittedCount: 2 })).toEqual({
      ok: true,
      value: { quota: 3, used: 3, overridden: false },
    });
  });

  it('refuses beyond the quota with the numbers (rule 2)', () => {
    const result = checkAdmission({ student: applicant, agreement: withQuota, admittedCount: 3 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.violation.rule).toBe('agreement.quota_exceeded');
    expect(result.violation.data).toEqual({
      agreementId: AGR,
      academicYear: '2025-2026',
      quota: 3,
      used: 3,
    });
    expect(result.violation.message.en).toContain('3 of 3');
    expect(result.violation.message.zh).toContain('3/3');
    expect(result.violation.message.fr).toContain('3 places prises sur 3');
  });

  it('lets staff override with a justification', () => {
    expect(
      checkAdmission({
        student: applicant,
        agreement: withQuota,
        admittedCount: 3,
        override: { justification: 'Dean approved: strategic partner.' },
      }),
    ).toEqual({ ok: true, value: { quota: 3, used: 4, overridden: true } });
  });

  it('refuses an override whose justification is too short', () => {
    for (const justification of ['', 'ok', 'a b c d e f g h i', '   approved   ']) {
      const result = checkAdmission({
        student: applicant,
        agreement: withQuota,
        admittedCount: 3,
        override: { justification },
      });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.violation.rule).toBe('admission.override_requires_justification');
        expect(result.violation.data.minCharacters).toBe(10);
      }
    }
  });

  it('does not mark an admission within the quota as overridden', () => {
    const result = checkAdmission({
      student: applicant,
      agreement: withQuota,
      admittedCount: 0,
      override: { justification: 'x' },
    });
    expect(result).toEqual({ ok: true, value: { quota: 3, used: 1, overridden: false } });
  });

  it('refuses a level the quota does not cover', () => {
    const bachelor = checkAdmission({
      student: { ...applicant, level: 'bachelor' },
      agreement: withQuota,
      admittedCount: 0,
    });
    expect(bachelor.ok).toBe(false);
    if (!bachelor.ok) {
      expect(bachelor.violation.rule).toBe('agreement.level_not_covered');
      expect(bachelor.violation.data).toEqual({
        agreementId: AGR,
        academicYear: '2025-2026',
        level: 'bachelor',
        levels: ['master', 'phd'],
      });
      expect(bachelor.violation.message.en).toContain('master, phd');
    }
    const { level: _level, ...noLevel } = applicant;
    const unknown = checkAdmission({ student: noLevel, agreement: withQuota, admittedCount: 0 });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.violation.data.level).toBeNull();
    // A quota that lists no levels covers all of them.
    expect(
      checkAdmission({
        student: { ...applicant, academicYear: '2026-2027', level: 'bachelor' },
        agreement: withQuota,
        admittedCount: 0,
      }).ok,
    ).toBe(true);
  });
});

describe('toStudentSelfView', () => {
  it('removes document numbers, check-ins and the admission record', () => {
    const full = student();
    const view = toStudentSelfView(full);
    expect(StudentSelfView.parse(view)).toEqual(view);
    const text = JSON.stringify(view);
    for (const secret of ['18AB12345', 'RP998877', 'Homesick', 'dean approved']) {
      expect(text).not.toContain(secret);
    }
    expect(view).not.toHaveProperty('checkIns');
    expect(view).not.toHaveProperty('admission');
    expect(view.documents).toEqual({
      passportExpiry: '2030-05-01',
      permit: { type: 'residence_permit', expiry: '2026-02-28' },
      insuranceExpiry: '2026-02-28',
      insuranceProvider: 'MGEN',
    });
    expect(view.fullName).toBe('Camille Martin');
    expect(view.programmeEnd).toBe('2026-01-31');
  });

  it('leaves out the permit when there is none', () => {
    const view = toStudentSelfView(student({ documents: { passportNumber: 'X1234567' } }));
    expect(view.documents).toEqual({});
    expect(StudentSelfView.parse(view)).toEqual(view);
  });
});

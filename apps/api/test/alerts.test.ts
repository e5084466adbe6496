/**
 * GET /v1/alerts: document alerts (rule 4) for staff and for a student's own documents, the
 * filters, and agreements that need attention (rule 5 and recent expiries).
 */
import {
  type DocumentAlert,
  documentAlerts,
  type NamedDocumentAlert,
  Student,
} from '@passerelle/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids } from './fixtures';
import { expectProblem, type JsonObject, startTestApi, storeKinds, type TestApi } from './helpers';

type Report = { date: string; documents: NamedDocumentAlert[]; agreements: JsonObject[] };
type Page = { data: JsonObject[]; next_cursor: string | null };

/** The test clock starts at 2025-11-20T09:00Z: 2025-11-20 in Shanghai too. */
const studentsToCreate = {
  /** Permit within 30 days; insurance before the programme ends. */
  soon: {
    status: 'active',
    programmeEnd: '2026-06-30',
    documents: {
      passportExpiry: '2031-01-01',
      permit: { type: 'residence_permit', number: 'R5556667', expiry: '2025-12-05' },
      insuranceExpiry: '2026-03-01',
    },
  },
  /** Done: no alerts, even with an expired permit. */
  completed: {
    status: 'completed',
    programmeEnd: '2026-06-30',
    documents: { permit: { type: 'student_visa_x1', expiry: '2025-10-01' } },
  },
  withdrawn: {
    status: 'withdrawn',
    programmeEnd: '2026-06-30',
    documents: { insuranceExpiry: '2025-10-01' },
  },
  /** Insurance already expired. */
  expired: {
    status: 'enrolled',
    programmeEnd: '2026-06-30',
    documents: { insuranceExpiry: '2025-11-01' },
  },
  /** Permit after the programme; passport less than six months after it. */
  passport: {
    status: 'active',
    programmeEnd: '2026-06-30',
    documents: {
      passportExpiry: '2026-10-01',
      permit: { type: 'residence_permit', expiry: '2026-09-30' },
    },
  },
} as const;
type StudentName = keyof typeof studentsToCreate;

/**
 * What core's rule 4 finds over `everyone`, with the report's filters applied, each alert named
 * and sorted as the report sorts them: the expected answer of GET /v1/alerts.
 */
function coreAlerts(
  everyone: readonly Student[],
  date: string,
  withinDays: number,
  filters: { document?: string; beforeEnd?: boolean } = {},
): NamedDocumentAlert[] {
  return everyone
    .flatMap((one) =>
      documentAlerts(one, date, { withinDays })
        .filter(
          (alert) =>
            (filters.document === undefined || alert.document === filters.document) &&
            (!filters.beforeEnd || alert.expiry < one.programmeEnd),
        )
        .map((alert) => ({ ...alert, studentName: one.fullName })),
    )
    .sort((a, b) => a.expiry.localeCompare(b.expiry) || a.studentId.localeCompare(b.studentId));
}

const agreementsToCreate = {
  /** 101 days left, inside its 180-day renewal notice. */
  expiring: { endDate: '2026-03-01' },
  /** Ended 15 days ago. */
  recentlyExpired: { endDate: '2025-11-05' },
  /** Ended 51 days ago: no longer reported. */
  longExpired: { endDate: '2025-09-30' },
  /** 20 days left but no renewal notice: reported only within `within_days`. */
  noNotice: { endDate: '2025-12-10', renewalNoticeDays: 0 },
  terminated: { endDate: '2025-12-01', status: 'terminated' },
} as const;
type AgreementName = keyof typeof agreementsToCreate;

describe.each(storeKinds)('alerts on %s', (store) => {
  let api: TestApi;
  const student = {} as Record<StudentName, string>;
  const agreement = {} as Record<AgreementName, string>;

  const report = async (query: string, token?: string) => {
    const response = await api.json<Report>(`/v1/alerts${query}`, {
      token: token ?? api.tokens.staff,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };
  const summary = (alerts: DocumentAlert[]) =>
    alerts.map((alert) => [alert.studentId, alert.document, alert.reason, alert.daysLeft]);

  beforeAll(async () => {
    api = await startTestApi({ store });
    for (const [name, extra] of Object.entries(studentsToCreate)) {
      const made = await api.json<JsonObject>('/v1/students', {
        token: api.tokens.staff,
        body: {
          fullName: `Alert ${name}`,
          email: `${name}@example.org`,
          nationality: 'IT',
          programmeKind: 'degree',
          programmeStart: '2025-09-01',
          ...extra,
        },
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      student[name as StudentName] = String(made.body.id);
    }
    for (const [name, extra] of Object.entries(agreementsToCreate)) {
      const made = await api.json<JsonObject>('/v1/agreements', {
        token: api.tokens.staff,
        body: {
          title: { en: `Agreement ${name}` },
          kind: 'student_exchange',
          institutionIds: [ids.polytechnique],
          status: 'active',
          startDate: '2022-09-01',
          ...extra,
        },
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      agreement[name as AgreementName] = String(made.body.id);
    }
  }, 60_000);
  afterAll(async () => {
    await api?.close();
  });

  describe('documents', () => {
    it("lists every current student's alerts by expiry, with the most urgent reason", async () => {
      const body = await report('');
      expect(body.date).toBe('2025-11-20');
      expect(summary(body.documents)).toEqual([
        [student.expired, 'insurance', 'expired', -19],
        [ids.other, 'passport', 'passport_expires_near_programme_end', 11],
        [student.soon, 'permit', 'expires_soon', 15],
        [student.soon, 'insurance', 'expires_before_programme_end', 101],
        [student.passport, 'passport', 'passport_expires_near_programme_end', 315],
      ]);
      expect(body.documents[0]).toEqual({
        studentId: student.expired,
        studentName: 'Alert expired',
        document: 'insurance',
        expiry: '2025-11-01',
        reason: 'expired',
        daysLeft: -19,
      });
      expect(JSON.stringify(body)).not.toContain('R5556667');
    });

    it('finds exactly what the core rule finds over every student, at any date and window', async () => {
      const page = await api.json<Page>('/v1/students?limit=200', { token: api.tokens.staff });
      const everyone = page.body.data.map((item) => Student.parse(item));
      const cases: [string, number][] = [
        ['2025-11-20', 30],
        ['2025-11-20', 0],
        ['2026-02-15', 30],
        ['2026-06-01', 120],
        ['2027-01-10', 365],
        ['2024-01-01', 3650],
      ];
      for (const [date, withinDays] of cases) {
        const expected = coreAlerts(everyone, date, withinDays);
        const body = await report(`?date=${date}&within_days=${withinDays}`);
        expect(body.date).toBe(date);
        expect(body.documents, `${date} within ${withinDays}`).toEqual(expected);
      }
    });

    it('narrows to a window, a kind of document, and documents expiring before the programme ends', async () => {
      const narrow = await report('?within_days=5');
      expect(summary(narrow.documents).find((row) => row[1] === 'permit')).toEqual([
        student.soon,
        'permit',
        'expires_before_programme_end',
        15,
      ]);
      const before = await report('?before_programme_end=true');
      expect(summary(before.documents)).toEqual([
        [student.expired, 'insurance', 'expired', -19],
        [ids.other, 'passport', 'passport_expires_near_programme_end', 11],
        [student.soon, 'permit', 'expires_soon', 15],
        [student.soon, 'insurance', 'expires_before_programme_end', 101],
      ]);
      // "Which students' visas expire before their programme ends?"
      const visas = await report('?before_programme_end=true&document=permit');
      expect(visas.documents.map((alert) => alert.studentId)).toEqual([student.soon]);
      expect((await report('?document=passport')).documents.map((a) => a.studentId)).toEqual([
        ids.other,
        student.passport,
      ]);
      const all = await report('?before_programme_end=false');
      expect(all.documents).toHaveLength(5);
      expect(before.agreements).toEqual(all.agreements);
    });

    it('gives a student only their own alerts and no agreements', async () => {
      const own = await report('', api.tokens.student.token);
      expect(own).toEqual({ date: '2025-11-20', documents: [], agreements: [] });
      // In August 2026 the student's permit (2026-08-31) is due within 30 days.
      const later = await report('?date=2026-08-15', api.tokens.student.token);
      expect(summary(later.documents)).toEqual([[ids.student, 'permit', 'expires_soon', 16]]);
      expect(later.agreements).toEqual([]);
      const other = await report('?within_days=3650', api.tokens.otherStudent.token);
      expect(other.documents.map((alert) => alert.studentId)).toEqual([ids.other]);
      expect(other.agreements).toEqual([]);
      const filtered = await report('?document=permit', api.tokens.otherStudent.token);
      expect(filtered.documents).toEqual([]);
    });
  });

  describe('agreements', () => {
    it('reports those expiring in their notice period or the window, and recent expiries', async () => {
      const body = await report('');
      expect(
        body.agreements.map((item) => [item.agreementId, item.endDate, item.daysLeft, item.status]),
      ).toEqual([
        [agreement.recentlyExpired, '2025-11-05', -15, 'expired'],
        [agreement.noNotice, '2025-12-10', 20, 'active'],
        [agreement.expiring, '2026-03-01', 101, 'expiring'],
      ]);
      expect(body.agreements[2]?.title).toEqual({ en: 'Agreement expiring' });
      const narrow = await report('?within_days=10');
      expect(narrow.agreements.map((item) => item.agreementId)).toEqual([
        agreement.recentlyExpired,
        agreement.expiring,
      ]);
      const wide = await report('?within_days=1500');
      expect(wide.agreements.map((item) => item.agreementId)).toContain(ids.exchange);
      expect(wide.agreements.map((item) => item.agreementId)).not.toContain(agreement.terminated);
      const later = await report('?date=2026-03-20');
      expect(later.agreements.map((item) => [item.agreementId, item.status])).toEqual([
        [agreement.expiring, 'expired'],
      ]);
    });
  });

  describe('access and parameters', () => {
    it('admins read what staff read; the bot on its own is refused; a token is required', async () => {
      expect(await report('', api.tokens.admin)).toEqual(await report(''));
      await expectProblem(
        await api.fetch('/v1/alerts', { token: api.tokens.service }),
        403,
        'forbidden',
      );
      await expectProblem(await api.fetch('/v1/alerts'), 401, 'unauthenticated');
    });

    it('refuses bad parameters with the failing field', async () => {
      for (const [query, field] of [
        ['date=2025-02-30', 'query.date'],
        ['within_days=-1', 'query.within_days'],
        ['within_days=many', 'query.within_days'],
        ['before_programme_end=yes', 'query.before_programme_end'],
        ['document=visa', 'query.document'],
      ]) {
        const problem = await expectProblem(
          await api.fetch(`/v1/alerts?${query}`, { token: api.tokens.staff }),
          400,
          'validation',
        );
        expect((problem.errors as JsonObject[])[0]?.path).toBe(field);
      }
    });

    it("takes today in the office's time zone", async () => {
      const before = api.clock.now();
      api.clock.set('2025-11-20T17:00:00.000Z');
      try {
        expect((await report('')).date).toBe('2025-11-21');
        expect((await report('', api.tokens.student.token)).date).toBe('2025-11-21');
      } finally {
        api.clock.set(before);
      }
    });

    it('never misses an alert core finds, at every threshold and whatever the filters', async () => {
      // Documents on each side of every threshold: a window's last day, the programme's last
      // day, and a passport margin ending on a month's end (core and PostgreSQL both clamp).
      const edges: Record<string, unknown>[] = [
        { programmeEnd: '2026-08-31', documents: { passportExpiry: '2027-02-27' } },
        { programmeEnd: '2026-08-31', documents: { passportExpiry: '2027-02-28' } },
        { programmeEnd: '2026-08-31', documents: { passportExpiry: '2027-03-01' } },
        { programmeEnd: '2026-06-30', documents: { insuranceExpiry: '2026-06-29' } },
        { programmeEnd: '2026-06-30', documents: { insuranceExpiry: '2026-06-30' } },
        {
          programmeEnd: '2026-06-30',
          documents: {
            permit: { type: 'residence_permit', expiry: '2026-07-15' },
            insuranceExpiry: '2026-12-31',
            passportExpiry: '2025-11-01',
          },
        },
        {
          programmeEnd: '2026-01-31',
          documents: { permit: { type: 'other', expiry: '2026-07-30' } },
        },
      ];
      for (const [index, extra] of edges.entries()) {
        const made = await api.json<JsonObject>('/v1/students', {
          token: api.tokens.staff,
          body: {
            fullName: `Edge ${index}`,
            email: `edge${index}@example.org`,
            nationality: 'IT',
            programmeKind: 'degree',
            programmeStart: '2025-09-01',
            status: 'active',
            ...extra,
          },
        });
        expect(made.status, JSON.stringify(made.body)).toBe(201);
      }
      const page = await api.json<Page>('/v1/students?limit=200', { token: api.tokens.staff });
      const everyone = page.body.data.map((item) => Student.parse(item));
      const documents = [undefined, 'permit', 'insurance', 'passport'] as const;
      for (const [date, withinDays] of [
        ['2025-11-20', 30],
        ['2026-06-15', 15],
        ['2026-07-01', 0],
        ['2027-01-01', 60],
      ] as const) {
        for (const document of documents) {
          for (const beforeEnd of [false, true]) {
            const expected = coreAlerts(everyone, date, withinDays, {
              ...(document === undefined ? {} : { document }),
              beforeEnd,
            });
            const query = `?date=${date}&within_days=${withinDays}&before_programme_end=${beforeEnd}${document === undefined ? '' : `&document=${document}`}`;
            expect((await report(query)).documents, query).toEqual(expected);
          }
        }
      }
    });
  });
});

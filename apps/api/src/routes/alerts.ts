/**
 * GET /v1/alerts: what needs attention at a date.
 *
 * - Documents (rule 4, core `documentAlerts`): a residence permit or insurance expired,
 *   expiring within `within_days`, or expiring before the programme ends; a passport expired or
 *   expiring less than six months after the programme ends. Staff get every current student's
 *   alerts; a student (or the bot acting for one) gets only their own, and no agreements.
 * - Agreements (staff only): expiring inside their renewal notice period (core
 *   `agreementStatusAt` says `expiring`) or within `within_days` (core
 *   `agreementExpiresWithin`), and those that expired in the last 30 days.
 *
 * SQL on the indexed columns preselects candidates (a superset); the core rules decide.
 */
import { createRoute } from '@hono/zod-openapi';
import {
  AgreementId,
  addDays,
  agreementExpiresWithin,
  agreementStatusAt,
  type CalendarDate,
  CalendarDate as CalendarDateSchema,
  DEFAULT_ALERT_DAYS,
  DocumentAlert,
  DocumentKind,
  daysBetween,
  documentAlerts,
  EffectiveAgreementStatus,
  LocalizedText,
  PASSPORT_MARGIN_MONTHS,
  type Student,
  StudentStatus,
  studentLifecycle,
  today,
} from '@passerelle/core';
import { and, asc, gte, isNotNull, lt, lte, ne, notInArray, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ownStudentId } from '../auth/identity';
import { authorize, denied } from '../auth/policy';
import { findRecord } from '../db/records';
import { agreements, students } from '../db/schema';
import type { Db } from '../db/store';
import { type App, type AppDeps, authOf } from '../http/context';
import { agreementRepository } from '../repositories/agreements';
import { studentRepository } from '../repositories/students';
import { bearer, errors } from './common';

/** How long after its end an expired agreement is still reported. */
export const RECENTLY_EXPIRED_DAYS = 30;

const AlertQuery = z.object({
  date: CalendarDateSchema.optional().meta({
    description: 'The date to look from. Default: today in the office time zone.',
  }),
  within_days: z.coerce
    .number()
    .int()
    .min(0)
    .max(3650)
    .default(DEFAULT_ALERT_DAYS)
    .meta({
      description: `How far ahead an expiry is an alert, for documents and agreements (default ${DEFAULT_ALERT_DAYS}).`,
      example: DEFAULT_ALERT_DAYS,
    }),
  before_programme_end: z.enum(['true', 'false']).optional().meta({
    description:
      '`true`: only document alerts for a document that expires before the student\'s programme ends ("whose visas expire before their programme ends?", with `document=permit`). Agreements are not affected.',
  }),
  document: DocumentKind.optional().meta({
    description: 'Only alerts for this kind of document. Agreements are not affected.',
  }),
});

const AgreementAlert = z
  .object({
    agreementId: AgreementId,
    title: LocalizedText,
    endDate: CalendarDateSchema,
    /** Days from the date to the end date; negative once expired. */
    daysLeft: z.number().int(),
    status: EffectiveAgreementStatus,
  })
  .meta({ id: 'AgreementAlert' });
type AgreementAlert = z.infer<typeof AgreementAlert>;

const AlertReport = z
  .object({
    date: CalendarDateSchema,
    documents: z.array(DocumentAlert),
    agreements: z.array(AgreementAlert),
  })
  .meta({ id: 'AlertReport' });

const alerts = createRoute({
  method: 'get',
  path: '/v1/alerts',
  tags: ['Alerts'],
  summary: 'Documents and agreements that need attention at a date',
  description:
    'Documents (rule 4): staff get the alerts of every student who has not completed or withdrawn; a student gets only their own (and `agreements` is empty). Agreements (staff only): expiring inside their renewal notice period or within `within_days`, or expired in the last 30 days. Each list is sorted by date (expiry, end date). The report is not paged: it holds only what needs attention.',
  security: bearer,
  request: { query: AlertQuery },
  responses: {
    200: {
      description: 'The alerts',
      content: { 'application/json': { schema: AlertReport } },
    },
    ...errors(403, 404),
  },
});

/** Statuses with no alert any more (core: completed and withdrawn). */
const finalStatuses = StudentStatus.options.filter((status) => studentLifecycle.isFinal(status));

interface DocumentFilters {
  withinDays: number;
  beforeProgrammeEnd: boolean;
  document: DocumentKind | undefined;
}

/** The core rule over one student, then the request's filters. */
function alertsOf(student: Student, date: CalendarDate, filters: DocumentFilters): DocumentAlert[] {
  return documentAlerts(student, date, { withinDays: filters.withinDays }).filter(
    (alert) =>
      (filters.document === undefined || alert.document === filters.document) &&
      (!filters.beforeProgrammeEnd || alert.expiry < student.programmeEnd),
  );
}

/**
 * Every current student's document alerts. A student can have one only if their earliest
 * document expiry (the indexed `first_document_expiry`) is within the alert window or less
 * than the passport margin (plus a month, against month-end rounding) after the programme
 * end; `before_programme_end` narrows that to before the programme end.
 */
async function studentDocumentAlerts(
  db: Db,
  date: CalendarDate,
  filters: DocumentFilters,
): Promise<DocumentAlert[]> {
  const expiry = students.firstDocumentExpiry;
  const window = filters.beforeProgrammeEnd
    ? lt(expiry, students.programmeEnd)
    : or(
        lte(expiry, addDays(date, filters.withinDays)),
        sql`${expiry} < ${students.programmeEnd} + make_interval(months => ${PASSPORT_MARGIN_MONTHS + 1})`,
      );
  const rows = await db
    .select({ data: students.data })
    .from(students)
    .where(and(notInArray(students.status, finalStatuses), isNotNull(expiry), window))
    .orderBy(asc(expiry), asc(students.id));
  const found = rows.flatMap((row) =>
    alertsOf(studentRepository.schema.parse(row.data), date, filters),
  );
  // Stable: each student's alerts keep core's order within the same expiry.
  return found.sort(
    (a, b) => a.expiry.localeCompare(b.expiry) || a.studentId.localeCompare(b.studentId),
  );
}

/**
 * Agreements that need attention on `date`. Candidates: not terminated, ended at most 30 days
 * ago, and ending no later than the larger of `withinDays` and their own renewal notice.
 */
async function agreementAlerts(
  db: Db,
  date: CalendarDate,
  withinDays: number,
): Promise<AgreementAlert[]> {
  const rows = await db
    .select({ data: agreements.data })
    .from(agreements)
    .where(
      and(
        ne(agreements.status, 'terminated'),
        gte(agreements.endDate, addDays(date, -RECENTLY_EXPIRED_DAYS)),
        sql`${agreements.endDate} <= ${date}::date + greatest(${withinDays}::int, (${agreements.data}->>'renewalNoticeDays')::int)`,
      ),
    )
    .orderBy(asc(agreements.endDate), asc(agreements.id));
  return rows.flatMap((row): AgreementAlert[] => {
    const agreement = agreementRepository.schema.parse(row.data);
    const { endDate } = agreement;
    if (endDate === undefined) return [];
    const status = agreementStatusAt(agreement, date);
    const daysLeft = daysBetween(date, endDate);
    const needsAttention =
      status === 'expiring' ||
      agreementExpiresWithin(agreement, date, withinDays) ||
      (status === 'expired' && daysLeft < 0 && -daysLeft <= RECENTLY_EXPIRED_DAYS);
    return needsAttention
      ? [{ agreementId: agreement.id, title: agreement.title, endDate, daysLeft, status }]
      : [];
  });
}

export function registerAlerts(app: App, deps: AppDeps): void {
  const { db } = deps.store;

  app.openapi(alerts, async (c) => {
    const auth = authOf(c);
    const access = authorize(auth, 'alerts', 'read');
    const query = c.req.valid('query');
    const date = query.date ?? today(deps.now(), deps.config.OFFICE_TIME_ZONE);
    const filters: DocumentFilters = {
      withinDays: query.within_days,
      beforeProgrammeEnd: query.before_programme_end === 'true',
      document: query.document,
    };

    if (access !== 'all') {
      const own = ownStudentId(auth);
      if (own === undefined) throw denied(auth);
      const student = await findRecord(db, studentRepository, own);
      const documents = student === undefined ? [] : alertsOf(student, date, filters);
      return c.json({ date, documents, agreements: [] }, 200);
    }

    const [documents, agreementList] = await Promise.all([
      studentDocumentAlerts(db, date, filters),
      agreementAlerts(db, date, query.within_days),
    ]);
    return c.json({ date, documents, agreements: agreementList }, 200);
  });
}

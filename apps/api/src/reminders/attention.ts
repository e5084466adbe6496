/**
 * What needs attention at a date, selected once for GET /v1/alerts and the daily reminder run:
 * SQL on the indexed columns preselects candidates (a superset); the core rules decide.
 *
 * - Documents (rule 4, core `documentAlerts`) of every student who has not completed or
 *   withdrawn.
 * - Agreements expiring inside their renewal notice period (core `agreementStatusAt` says
 *   `expiring`) or within `withinDays` (core `agreementExpiresWithin`), and those that expired
 *   in the last 30 days.
 */
import {
  type AgreementAlert,
  addDays,
  agreementExpiresWithin,
  agreementStatusAt,
  type CalendarDate,
  type DocumentAlert,
  DocumentKind,
  daysBetween,
  documentAlerts,
  type NamedDocumentAlert,
  PASSPORT_MARGIN_MONTHS,
  type Student,
  StudentStatus,
  studentLifecycle,
} from '@passerelle/core';
import { and, asc, gte, isNotNull, ne, notInArray, or, type SQL, sql } from 'drizzle-orm';
import { storedRecord } from '../db/records';
import { agreements, students } from '../db/schema';
import type { Queryable } from '../db/store';
import { agreementRepository } from '../repositories/agreements';
import { studentRepository } from '../repositories/students';

/** How long after its end an expired agreement is still reported. */
export const RECENTLY_EXPIRED_DAYS = 30;

/** Statuses with no alert any more (core: completed and withdrawn). */
export const finalStudentStatuses = StudentStatus.options.filter((status) =>
  studentLifecycle.isFinal(status),
);

export interface DocumentFilters {
  withinDays: number;
  beforeProgrammeEnd: boolean;
  document: DocumentKind | undefined;
}

/** The core rule over one student, then the filters. */
export function alertsOf(
  student: Student,
  date: CalendarDate,
  filters: DocumentFilters,
): DocumentAlert[] {
  return documentAlerts(student, date, { withinDays: filters.withinDays }).filter(
    (alert) =>
      (filters.document === undefined || alert.document === filters.document) &&
      (!filters.beforeProgrammeEnd || alert.expiry < student.programmeEnd),
  );
}

/** A student with their document alerts. */
export interface StudentAlerts {
  student: Student;
  alerts: DocumentAlert[];
}

/** A document's expiry in the stored record, as a date (null when the student has none). */
const storedExpiry: Record<DocumentKind, SQL> = {
  permit: sql`(${students.data} #>> '{documents,permit,expiry}')::date`,
  insurance: sql`(${students.data} #>> '{documents,insuranceExpiry}')::date`,
  passport: sql`(${students.data} #>> '{documents,passportExpiry}')::date`,
};

/**
 * Where a student may have an alert for `document` (core's rule 4, `documentAlerts`): a permit
 * or an insurance expiring within the window (expired ones included) or before the programme
 * ends; a passport expired, or expiring less than the passport margin (plus a month, against
 * month-end rounding) after the programme ends. With `beforeProgrammeEnd`, only expiries
 * before the programme ends. A superset of core's rule, which decides on the rows read.
 */
function mayAlert(document: DocumentKind, date: CalendarDate, filters: DocumentFilters): SQL {
  const expiry = storedExpiry[document];
  if (filters.beforeProgrammeEnd) return sql`${expiry} < ${students.programmeEnd}`;
  if (document === 'passport') {
    return sql`(${expiry} < ${date}::date or ${expiry} < ${students.programmeEnd} + make_interval(months => ${PASSPORT_MARGIN_MONTHS + 1}))`;
  }
  return sql`(${expiry} <= ${addDays(date, filters.withinDays)}::date or ${expiry} < ${students.programmeEnd})`;
}

const documentKinds = DocumentKind.options;

/**
 * Every current student with at least one document alert. The store reads only the students
 * one of whose documents may raise an alert (`mayAlert`), so that a report parses a few
 * records rather than every student with a document: on the demo data, 4 rows instead of 42
 * with the earlier filter on the earliest expiry alone (bench/results.md).
 */
export async function studentsWithDocumentAlerts(
  db: Queryable,
  date: CalendarDate,
  filters: DocumentFilters,
): Promise<StudentAlerts[]> {
  const documents = filters.document === undefined ? documentKinds : [filters.document];
  const window = or(...documents.map((document) => mayAlert(document, date, filters)));
  const rows = await db
    .select({ data: students.data })
    .from(students)
    .where(
      and(
        notInArray(students.status, finalStudentStatuses),
        isNotNull(students.firstDocumentExpiry),
        window,
      ),
    )
    .orderBy(asc(students.firstDocumentExpiry), asc(students.id));
  return rows.flatMap((row) => {
    const student = storedRecord(studentRepository, row.data);
    const alerts = alertsOf(student, date, filters);
    return alerts.length === 0 ? [] : [{ student, alerts }];
  });
}

/** Document alerts with the name of the student they concern. */
export function named(alerts: readonly DocumentAlert[], studentName: string): NamedDocumentAlert[] {
  return alerts.map((alert) => ({ ...alert, studentName }));
}

/** By expiry, then student; stable, so each student's alerts keep core's order within a day. */
export function byExpiry(a: DocumentAlert, b: DocumentAlert): number {
  return a.expiry.localeCompare(b.expiry) || a.studentId.localeCompare(b.studentId);
}

/** A student's document alerts, each with the student's name (GET /v1/alerts). */
export function namedAlertsOf(
  student: Student,
  date: CalendarDate,
  filters: DocumentFilters,
): NamedDocumentAlert[] {
  return named(alertsOf(student, date, filters), student.fullName);
}

/** Every current student's document alerts, with their names, sorted by expiry. */
export async function studentDocumentAlerts(
  db: Queryable,
  date: CalendarDate,
  filters: DocumentFilters,
): Promise<NamedDocumentAlert[]> {
  return (await studentsWithDocumentAlerts(db, date, filters))
    .flatMap(({ student, alerts }) => named(alerts, student.fullName))
    .sort(byExpiry);
}

/**
 * Agreements that need attention on `date`. Candidates: not terminated, ended at most 30 days
 * ago, and ending no later than the larger of `withinDays` and their own renewal notice.
 */
export async function agreementAlerts(
  db: Queryable,
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
    const agreement = storedRecord(agreementRepository, row.data);
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

import { type AudienceMember, ProgrammeKind, Student } from '@passerelle/core';
import { eq, sql } from 'drizzle-orm';
import { defineRepository, foldText, searchText, spine } from '../db/records';
import { students } from '../db/schema';
import { reusable } from '../db/statements';
import type { Queryable } from '../db/store';

/** The earliest expiry among the student's passport, permit and insurance. */
export function firstDocumentExpiry(record: Student): string | null {
  const { documents } = record;
  const dates = [documents.passportExpiry, documents.permit?.expiry, documents.insuranceExpiry]
    .filter((date): date is string => date !== undefined)
    .sort();
  return dates[0] ?? null;
}

export const studentRepository = defineRepository({
  entity: 'student',
  table: students,
  schema: Student,
  toRow: (record: Student) => ({
    ...spine(record, record.createdAt),
    status: record.status,
    programmeKind: record.programmeKind,
    nationality: record.nationality,
    homeInstitutionId: record.homeInstitutionId ?? null,
    agreementId: record.agreementId ?? null,
    level: record.level ?? null,
    academicYear: record.academicYear,
    programmeStart: record.programmeStart,
    programmeEnd: record.programmeEnd,
    firstDocumentExpiry: firstDocumentExpiry(record),
    advisorId: record.advisorId ?? null,
    nameSort: foldText(record.fullName),
    // Names and email only: never a document number.
    search: searchText([record.fullName, record.preferredName, record.email]),
  }),
});

const programmeKindStatement = reusable('passerelle_student_programme_kind', (db) =>
  db
    .select({ programmeKind: students.programmeKind })
    .from(students)
    .where(eq(students.id, sql.placeholder('id')))
    .limit(1),
);

/**
 * A student's programme kind, which decides the events and articles open to them; undefined
 * when there is no such student. One column of one row, by a statement built once.
 */
export async function programmeKindOf(
  db: Queryable,
  studentId: string,
): Promise<ProgrammeKind | undefined> {
  const [row] = await programmeKindStatement(db, { id: studentId });
  const parsed = ProgrammeKind.safeParse(row?.programmeKind);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Who a student is for the audience rules of events and articles: a student of their
 * programme, or a guest when there is no such student.
 */
export async function audienceMemberOf(db: Queryable, studentId: string): Promise<AudienceMember> {
  const programmeKind = await programmeKindOf(db, studentId);
  return programmeKind === undefined ? { kind: 'guest' } : { kind: 'student', programmeKind };
}

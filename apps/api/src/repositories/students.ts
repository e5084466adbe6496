import { Student } from '@passerelle/core';
import { defineRepository, foldText, searchText, spine } from '../db/records';
import { students } from '../db/schema';

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

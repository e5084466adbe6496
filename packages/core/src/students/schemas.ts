import { z } from 'zod';
import { StudyLevel } from '../partners/schemas';
import {
  AcademicYear,
  AgreementId,
  CalendarDate,
  CheckInId,
  CountryCode,
  Email,
  Instant,
  InstitutionId,
  Language,
  recordFields,
  ShortText,
  StaffId,
  StudentId,
} from '../shared';

export const ProgrammeKind = z
  .enum(['degree', 'exchange', 'dual_degree', 'intern', 'short_term', 'summer_school'])
  .meta({ id: 'ProgrammeKind' });
export type ProgrammeKind = z.infer<typeof ProgrammeKind>;

/** applied → admitted → enrolled → arrived → active → completed; withdrawn from any earlier. */
export const StudentStatus = z
  .enum(['applied', 'admitted', 'enrolled', 'arrived', 'active', 'completed', 'withdrawn'])
  .meta({ id: 'StudentStatus' });
export type StudentStatus = z.infer<typeof StudentStatus>;

export const PermitType = z
  .enum(['residence_permit', 'student_visa_x1', 'student_visa_x2', 'visitor_visa', 'other'])
  .meta({ id: 'PermitType' });
export type PermitType = z.infer<typeof PermitType>;

/**
 * Identity documents. Numbers are kept for the office's files and never appear in a bot
 * answer or a log line; `redactStudent` removes them from what a student or the bot sees.
 */
export const Documents = z
  .object({
    passportNumber: z.string().trim().min(3).max(30).optional(),
    passportExpiry: CalendarDate.optional(),
    permit: z
      .object({
        type: PermitType,
        number: z.string().trim().min(3).max(30).optional(),
        expiry: CalendarDate,
      })
      .optional(),
    insuranceExpiry: CalendarDate.optional(),
    insuranceProvider: ShortText.optional(),
  })
  .meta({ id: 'Documents' });
export type Documents = z.infer<typeof Documents>;

/** A staff member's check-in with a student. Notes are for staff only. */
export const CheckIn = z
  .object({
    id: CheckInId,
    on: CalendarDate,
    by: StaffId,
    followUpNeeded: z.boolean().default(false),
    notes: z.string().trim().max(4000).optional(),
  })
  .meta({ id: 'CheckIn' });
export type CheckIn = z.infer<typeof CheckIn>;

/** A quota override recorded at admission (rule 2). */
export const AdmissionRecord = z.object({
  agreementId: AgreementId.optional(),
  academicYear: AcademicYear,
  admittedAt: Instant,
  by: StaffId.optional(),
  override: z
    .object({ justification: z.string().trim().min(10).max(2000), quota: z.number().int() })
    .optional(),
});
export type AdmissionRecord = z.infer<typeof AdmissionRecord>;

const studentBase = z.object({
  fullName: ShortText,
  preferredName: ShortText.optional(),
  email: Email,
  nationality: CountryCode,
  programmeKind: ProgrammeKind,
  level: StudyLevel.optional(),
  homeInstitutionId: InstitutionId.optional(),
  /** The institute that hosts the student ("SPEIT"). */
  hostInstitute: z.string().trim().min(1).max(100).default('SPEIT'),
  /** The agreement the student comes under (exchange and dual-degree students). */
  agreementId: AgreementId.optional(),
  programmeStart: CalendarDate,
  programmeEnd: CalendarDate,
  advisorId: StaffId.optional(),
  buddy: ShortText.optional(),
  preferredLanguage: Language.optional(),
  status: StudentStatus.default('applied'),
  documents: Documents.default({}),
  orientationAttended: z.boolean().default(false),
  remindersEnabled: z.boolean().default(true),
});

const programmeInOrder = (value: { programmeStart: string; programmeEnd: string }) =>
  value.programmeStart <= value.programmeEnd;

export const StudentInput = studentBase.refine(programmeInOrder, {
  message: 'programmeEnd must not be before programmeStart',
  path: ['programmeEnd'],
});
export type StudentInput = z.input<typeof StudentInput>;

export const Student = studentBase
  .extend({
    id: StudentId,
    /** Academic year of the programme's start, derived at write time for filters and quotas. */
    academicYear: AcademicYear,
    checkIns: z.array(CheckIn).default([]),
    admission: AdmissionRecord.optional(),
    ...recordFields,
  })
  .meta({ id: 'Student' });
export type Student = z.infer<typeof Student>;

/** What a student (or the bot acting for one) may see of a record: no numbers, no staff notes. */
export const StudentSelfView = Student.omit({ checkIns: true, admission: true })
  .extend({
    documents: Documents.omit({ passportNumber: true, permit: true }).extend({
      permit: z.object({ type: PermitType, expiry: CalendarDate }).optional(),
    }),
  })
  .meta({ id: 'StudentSelfView' });
export type StudentSelfView = z.infer<typeof StudentSelfView>;

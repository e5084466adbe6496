import { z } from 'zod';
import {
  AcademicYear,
  AgreementId,
  CalendarDate,
  CountryCode,
  Email,
  InstitutionId,
  LocalizedText,
  recordFields,
  ShortText,
  Tag,
  Url,
} from '../shared';

export const InstitutionKind = z
  .enum(['university', 'grande_ecole', 'lycee', 'company', 'government', 'other'])
  .meta({ id: 'InstitutionKind' });
export type InstitutionKind = z.infer<typeof InstitutionKind>;

/** prospect → contacted → negotiating → partner → dormant (and back to partner when revived). */
export const RelationshipStage = z
  .enum(['prospect', 'contacted', 'negotiating', 'partner', 'dormant'])
  .meta({ id: 'RelationshipStage' });
export type RelationshipStage = z.infer<typeof RelationshipStage>;

export const Contact = z
  .object({
    name: ShortText,
    role: ShortText.optional(),
    email: Email.optional(),
    phone: z.string().trim().min(3).max(40).optional(),
  })
  .meta({ id: 'Contact' });
export type Contact = z.infer<typeof Contact>;

/** One change of relationship stage, kept so a partner's history can be told. */
export const StageChange = z.object({
  stage: RelationshipStage,
  on: CalendarDate,
  note: z.string().trim().max(500).optional(),
});
export type StageChange = z.infer<typeof StageChange>;

/**
 * An institution's id in the Erasmus Without Paper network: its lower-case internet domain
 * (`polytechnique.edu`, `sjtu.edu.cn`), the `hei-id` of EWP documents.
 */
export const HeiId = z
  .string()
  .trim()
  .max(253)
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/,
    'must be a lower-case domain name such as polytechnique.edu',
  )
  .meta({ id: 'HeiId', example: 'polytechnique.edu' });
export type HeiId = z.infer<typeof HeiId>;

export const InstitutionInput = z.object({
  name: LocalizedText,
  shortName: z.string().trim().min(1).max(40).optional(),
  /** Other names people use: acronyms and nicknames ("X", "Polytechnique", "巴黎综合理工"). */
  aliases: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
  country: CountryCode,
  city: ShortText,
  kind: InstitutionKind,
  website: Url.optional(),
  contacts: z.array(Contact).max(50).default([]),
  tags: z.array(Tag).max(30).default([]),
  stage: RelationshipStage.default('prospect'),
  stageHistory: z.array(StageChange).max(100).default([]),
  /** Strategic partners are the few the office revisits first (seed 001). */
  strategic: z.boolean().default(false),
  /** Its id in the Erasmus Without Paper network, when it has one (EWP interchange). */
  heiId: HeiId.optional(),
});
export type InstitutionInput = z.input<typeof InstitutionInput>;

export const Institution = InstitutionInput.extend({
  id: InstitutionId,
  ...recordFields,
}).meta({ id: 'Institution' });
export type Institution = z.infer<typeof Institution>;

export const AgreementKind = z
  .enum([
    'mou',
    'student_exchange',
    'dual_degree',
    'summer_school',
    'faculty_exchange',
    'research',
    'internship',
    'teacher_training',
  ])
  .meta({ id: 'AgreementKind' });
export type AgreementKind = z.infer<typeof AgreementKind>;

/**
 * The stored status. `active` and `expired` also follow from the validity dates: see
 * `agreementStatusAt`.
 */
export const AgreementStatus = z
  .enum(['draft', 'negotiating', 'signed', 'active', 'expired', 'terminated'])
  .meta({ id: 'AgreementStatus' });
export type AgreementStatus = z.infer<typeof AgreementStatus>;

export const Direction = z.enum(['inbound', 'outbound']).meta({ id: 'Direction' });
export type Direction = z.infer<typeof Direction>;

export const StudyLevel = z.enum(['bachelor', 'master', 'phd']).meta({ id: 'StudyLevel' });
export type StudyLevel = z.infer<typeof StudyLevel>;

/** An ISCED-F 2013 detailed field code, four digits (0710 Engineering, 0610 ICT, …). */
export const IscedCode = z
  .string()
  .regex(/^\d{4}$/, 'must be a four-digit ISCED-F 2013 code such as 0710')
  .meta({ id: 'IscedCode' });
export type IscedCode = z.infer<typeof IscedCode>;

export const Quota = z
  .object({
    academicYear: AcademicYear,
    direction: Direction,
    students: z.number().int().min(0).max(100_000),
    months: z.number().int().min(0).max(1_000_000).optional(),
    levels: z.array(StudyLevel).max(3).default([]),
    subjectAreas: z.array(IscedCode).max(50).default([]),
  })
  .meta({ id: 'Quota' });
export type Quota = z.infer<typeof Quota>;

const agreementBase = z.object({
  title: LocalizedText,
  kind: AgreementKind,
  /** The university, or one of its institutes (e.g. "SPEIT"), that signs on our side. */
  hostUnit: z.string().trim().min(1).max(100).default('University'),
  institutionIds: z.array(InstitutionId).min(1).max(20),
  status: AgreementStatus.default('draft'),
  startDate: CalendarDate.optional(),
  endDate: CalendarDate.optional(),
  signedOn: CalendarDate.optional(),
  renewalNoticeDays: z.number().int().min(0).max(3650).default(180),
  quotas: z.array(Quota).max(200).default([]),
  notes: z.string().trim().max(4000).optional(),
  /** When present, the id the partner uses for the same agreement (EWP `iia-id`). */
  partnerReference: z.string().trim().min(1).max(100).optional(),
});

const datesInOrder = (value: { startDate?: string | undefined; endDate?: string | undefined }) =>
  value.startDate === undefined || value.endDate === undefined || value.startDate <= value.endDate;

export const AgreementInput = agreementBase.refine(datesInOrder, {
  message: 'endDate must not be before startDate',
  path: ['endDate'],
});
export type AgreementInput = z.input<typeof AgreementInput>;

export const Agreement = agreementBase
  .extend({ id: AgreementId, ...recordFields })
  .meta({ id: 'Agreement' });
export type Agreement = z.infer<typeof Agreement>;

/** The status a person reads at a date: the stored one, refined by the validity dates. */
export const EffectiveAgreementStatus = z
  .enum(['draft', 'negotiating', 'signed', 'active', 'expiring', 'expired', 'terminated'])
  .meta({ id: 'EffectiveAgreementStatus' });
export type EffectiveAgreementStatus = z.infer<typeof EffectiveAgreementStatus>;

/** What students and the bot see of an institution: its names and where it is. */
export const InstitutionPublicView = Institution.pick({
  id: true,
  name: true,
  shortName: true,
  aliases: true,
  country: true,
  city: true,
  kind: true,
  website: true,
}).meta({ id: 'InstitutionPublicView' });
export type InstitutionPublicView = z.infer<typeof InstitutionPublicView>;

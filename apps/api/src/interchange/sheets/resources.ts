/**
 * The columns of the students, institutions and agreements sheets, and what an import may
 * change in each. Names and titles are one column per language (`name_en`, `name_zh`,
 * `name_fr`). Students' document numbers (passport, permit) are never exported and never
 * imported: a student's row leaves them as they are.
 */
import {
  type Agreement,
  AgreementId,
  AgreementInput,
  academicYearOf,
  type CalendarDate,
  type Contact,
  type Institution,
  InstitutionId,
  InstitutionInput,
  type LocalizedText,
  type Quota,
  relationshipStages,
  type Student,
  StudentId,
  StudentInput,
} from '@passerelle/core';
import type { z } from 'zod';
import type { EntityTable, Repository, StoredRecord } from '../../db/records';
import { agreementRepository } from '../../repositories/agreements';
import { institutionRepository } from '../../repositories/institutions';
import { studentRepository } from '../../repositories/students';
import { type Column, type Draft, field, type ParsedValue, readOnly, setPath } from './columns';

export type EntityResource = 'students' | 'institutions' | 'agreements';

/** The tables a reference column may point into. */
export type ReferenceTable = 'institutions' | 'agreements' | 'staff';

export interface Reference {
  column: string;
  table: ReferenceTable;
  ids: readonly string[];
}

export interface EntitySheet<R extends StoredRecord, T extends EntityTable, I> {
  resource: EntityResource;
  /** The worksheet's name in an XLSX export. */
  title: string;
  repository: Repository<R, T>;
  idSchema: z.ZodType<string>;
  idPrefix: 'stu' | 'ins' | 'agr';
  columns: readonly Column<R>[];
  input: z.ZodType<I>;
  /** The input fields of a stored record, which the sheet's cells then overwrite. */
  draftOf: (record: R) => Draft;
  /** Tidies a draft after the cells are applied (before validation). */
  normalize?: (draft: Draft) => void;
  /** Ids the input names that must exist. */
  references: (input: I) => Reference[];
  /**
   * The record to store: a new one (current undefined) or the next version of `current`.
   * Returns the problems (column, message) instead when a rule refuses the change.
   */
  build: (
    input: I,
    current: R | undefined,
    context: { id: string; now: string; today: CalendarDate },
  ) => R | { column: string; message: string }[];
}

const text = (value: LocalizedText | undefined, language: 'en' | 'zh' | 'fr') => value?.[language];

/** Three columns for a multilingual text: `<prefix>_en`, `<prefix>_zh`, `<prefix>_fr`. */
function localized<R>(
  prefix: string,
  path: string,
  get: (record: R) => LocalizedText | undefined,
  what: string,
  required: boolean,
): Column<R>[] {
  return (['en', 'zh', 'fr'] as const).map((language) =>
    field<R>(
      `${prefix}_${language}`,
      'text',
      `${path}.${language}`,
      (record) => text(get(record), language),
      `${what} in ${{ en: 'English', zh: 'Chinese', fr: 'French' }[language]}${required ? ' (at least one of the three)' : ''}`,
      { aliases: [`${prefix} ${language}`, `${prefix}.${language}`] },
    ),
  );
}

const meta = <
  R extends { version: number; createdAt: string; updatedAt: string },
>(): Column<R>[] => [
  readOnly<R>(
    'version',
    'integer',
    (record) => record.version,
    'The version exported. On import, when given, the row is refused if the record has changed since (re-export and apply your change again).',
  ),
  readOnly<R>('created_at', 'instant', (record) => record.createdAt, 'Export only.'),
  readOnly<R>('updated_at', 'instant', (record) => record.updatedAt, 'Export only.'),
];

const idColumn = <R extends { id: string }>(what: string): Column<R> =>
  readOnly<R>(
    'id',
    'text',
    (record) => record.id,
    `The ${what} id. On import: blank creates a new ${what}; an id updates that ${what} (it must exist).`,
  );

// ---------------------------------------------------------------------------------- students

const studentColumns: Column<Student>[] = [
  idColumn<Student>('student'),
  field('full_name', 'text', 'fullName', (s) => s.fullName, 'Full name', {
    aliases: ['name', 'nom', 'nom complet', '姓名'],
    requiredOnCreate: true,
  }),
  field('preferred_name', 'text', 'preferredName', (s) => s.preferredName, 'Preferred name'),
  field('email', 'text', 'email', (s) => s.email, 'Email address', {
    aliases: ['e-mail', 'mail', 'courriel', '邮箱'],
    requiredOnCreate: true,
  }),
  field(
    'nationality',
    'code',
    'nationality',
    (s) => s.nationality,
    'Nationality, ISO 3166-1 alpha-2 (FR)',
    {
      aliases: ['country', 'nationalite', '国籍'],
      requiredOnCreate: true,
    },
  ),
  field(
    'programme_kind',
    'enum',
    'programmeKind',
    (s) => s.programmeKind,
    'degree, exchange, dual_degree, intern, short_term or summer_school',
    {
      aliases: ['programme', 'program kind', 'program'],
      requiredOnCreate: true,
    },
  ),
  field('level', 'enum', 'level', (s) => s.level, 'bachelor, master or phd'),
  field(
    'status',
    'enum',
    'status',
    (s) => s.status,
    'Lifecycle status. Set when creating (default applied); an import never changes it on an existing student (use POST /v1/students/{id}/transitions).',
  ),
  field(
    'home_institution_id',
    'text',
    'homeInstitutionId',
    (s) => s.homeInstitutionId,
    'Home institution id (ins_…); must exist',
  ),
  field(
    'agreement_id',
    'text',
    'agreementId',
    (s) => s.agreementId,
    'Agreement id (agr_…); must exist',
  ),
  field(
    'host_institute',
    'text',
    'hostInstitute',
    (s) => s.hostInstitute,
    'Host institute (default SPEIT)',
  ),
  field(
    'programme_start',
    'date',
    'programmeStart',
    (s) => s.programmeStart,
    'Programme start, YYYY-MM-DD',
    {
      aliases: ['start', 'program start'],
      requiredOnCreate: true,
    },
  ),
  field(
    'programme_end',
    'date',
    'programmeEnd',
    (s) => s.programmeEnd,
    'Programme end, YYYY-MM-DD',
    {
      aliases: ['end', 'program end'],
      requiredOnCreate: true,
    },
  ),
  readOnly(
    'academic_year',
    'text',
    (s) => s.academicYear,
    'Export only: derived from programme_start.',
  ),
  field(
    'advisor_id',
    'text',
    'advisorId',
    (s) => s.advisorId,
    'Advisor (staff id stf_…); must exist',
  ),
  field('buddy', 'text', 'buddy', (s) => s.buddy, 'Buddy'),
  field(
    'preferred_language',
    'enum',
    'preferredLanguage',
    (s) => s.preferredLanguage,
    'en, zh or fr',
  ),
  field(
    'passport_expiry',
    'date',
    'documents.passportExpiry',
    (s) => s.documents.passportExpiry,
    'Passport expiry, YYYY-MM-DD (the number is never exported)',
  ),
  {
    ...field<Student>(
      'permit_type',
      'enum',
      'documents.permit.type',
      (s) => s.documents.permit?.type,
      'residence_permit, student_visa_x1, student_visa_x2, visitor_visa or other',
    ),
    paths: ['documents.permit.type', 'documents.permit'],
  },
  field(
    'permit_expiry',
    'date',
    'documents.permit.expiry',
    (s) => s.documents.permit?.expiry,
    'Visa or residence permit expiry, YYYY-MM-DD',
  ),
  field(
    'insurance_expiry',
    'date',
    'documents.insuranceExpiry',
    (s) => s.documents.insuranceExpiry,
    'Health insurance expiry, YYYY-MM-DD',
  ),
  field(
    'insurance_provider',
    'text',
    'documents.insuranceProvider',
    (s) => s.documents.insuranceProvider,
    'Health insurance provider',
  ),
  field(
    'orientation_attended',
    'boolean',
    'orientationAttended',
    (s) => s.orientationAttended,
    'true or false',
  ),
  field(
    'reminders_enabled',
    'boolean',
    'remindersEnabled',
    (s) => s.remindersEnabled,
    'true or false',
  ),
  ...meta<Student>(),
];

/** A student's input fields; document numbers stay as they are and are never in a cell. */
function studentDraft(record: Student): Draft {
  const {
    id: _id,
    academicYear: _year,
    checkIns: _checkIns,
    admission: _admission,
    createdAt: _c,
    updatedAt: _u,
    version: _v,
    ...input
  } = record;
  return structuredClone(input) as Draft;
}

export const studentSheet: EntitySheet<
  Student,
  typeof studentRepository.table,
  z.output<typeof StudentInput>
> = {
  resource: 'students',
  title: 'Students',
  repository: studentRepository,
  idSchema: StudentId,
  idPrefix: 'stu',
  columns: studentColumns,
  input: StudentInput,
  draftOf: studentDraft,
  references: (input) => [
    {
      column: 'home_institution_id',
      table: 'institutions',
      ids: input.homeInstitutionId === undefined ? [] : [input.homeInstitutionId],
    },
    {
      column: 'agreement_id',
      table: 'agreements',
      ids: input.agreementId === undefined ? [] : [input.agreementId],
    },
    {
      column: 'advisor_id',
      table: 'staff',
      ids: input.advisorId === undefined ? [] : [input.advisorId],
    },
  ],
  normalize: (draft) => {
    // Both permit cells blank: the student has no permit (its number goes with it).
    const documents = draft.documents;
    if (typeof documents !== 'object' || documents === null) return;
    const permit = (documents as Draft).permit;
    if (typeof permit === 'object' && permit !== null) {
      const { type, expiry } = permit as Draft;
      if (type === undefined && expiry === undefined) delete (documents as Draft).permit;
    }
  },
  build: (input, current, { id, now }) => {
    if (current === undefined) {
      return {
        ...input,
        id: StudentId.parse(id),
        academicYear: academicYearOf(input.programmeStart),
        checkIns: [],
        createdAt: now,
        updatedAt: now,
        version: 1,
      };
    }
    if (input.status !== current.status) {
      return [
        {
          column: 'status',
          message: `an import does not change a student's status (${current.status}); use POST /v1/students/${current.id}/transitions`,
        },
      ];
    }
    // Document numbers are in no cell: they stay, except a permit number when the permit's type changes.
    const permit = input.documents.permit;
    const documents =
      permit !== undefined &&
      permit.type !== current.documents.permit?.type &&
      permit.number !== undefined
        ? { ...input.documents, permit: { type: permit.type, expiry: permit.expiry } }
        : input.documents;
    return { ...current, ...input, documents, academicYear: academicYearOf(input.programmeStart) };
  },
};

// ------------------------------------------------------------------------------ institutions

/** `Name | role | email | phone`, one contact per line. */
function contactLine(contact: Contact): string {
  return [contact.name, contact.role ?? '', contact.email ?? '', contact.phone ?? '']
    .join(' | ')
    .replace(/( \| )+$/, '');
}

function parseContacts(lines: readonly string[]): Draft[] {
  return lines.map((line) => {
    const [name = '', role = '', email = '', phone = ''] = line
      .split('|')
      .map((part) => part.trim());
    return Object.fromEntries(
      Object.entries({ name, role, email, phone }).filter(([, value]) => value !== ''),
    );
  });
}

const institutionColumns: Column<Institution>[] = [
  idColumn<Institution>('institution'),
  ...localized<Institution>('name', 'name', (i) => i.name, 'Name', true),
  field('short_name', 'text', 'shortName', (i) => i.shortName, 'Short name (X, TUM)'),
  field('aliases', 'list', 'aliases', (i) => i.aliases, 'Other names, separated by ";"'),
  field('country', 'code', 'country', (i) => i.country, 'Country, ISO 3166-1 alpha-2', {
    requiredOnCreate: true,
    aliases: ['pays', '国家'],
  }),
  field('city', 'text', 'city', (i) => i.city, 'City', {
    requiredOnCreate: true,
    aliases: ['ville', '城市'],
  }),
  field(
    'kind',
    'enum',
    'kind',
    (i) => i.kind,
    'university, grande_ecole, lycee, company, government or other',
    { requiredOnCreate: true },
  ),
  field(
    'stage',
    'enum',
    'stage',
    (i) => i.stage,
    'prospect, contacted, negotiating, partner or dormant; a change follows the relationship stages and is added to the history',
  ),
  field('strategic', 'boolean', 'strategic', (i) => i.strategic, 'true or false'),
  field('website', 'text', 'website', (i) => i.website, 'Website (http or https URL)'),
  field('tags', 'list', 'tags', (i) => i.tags, 'Tags, separated by ";"'),
  {
    name: 'contacts',
    kind: 'lines',
    doc: 'One contact per line: `name | role | email | phone` (empty parts allowed)',
    get: (i) => i.contacts.map(contactLine),
    set: (draft: Draft, value: ParsedValue | undefined) =>
      setPath(draft, ['contacts'], Array.isArray(value) ? parseContacts(value) : []),
    paths: ['contacts'],
  },
  ...meta<Institution>(),
];

export const institutionSheet: EntitySheet<
  Institution,
  typeof institutionRepository.table,
  z.output<typeof InstitutionInput>
> = {
  resource: 'institutions',
  title: 'Institutions',
  repository: institutionRepository,
  idSchema: InstitutionId,
  idPrefix: 'ins',
  columns: institutionColumns,
  input: InstitutionInput,
  draftOf: (record) => {
    const { id: _id, createdAt: _c, updatedAt: _u, version: _v, ...input } = record;
    return structuredClone(input) as Draft;
  },
  references: () => [],
  build: (input, current, { id, now, today }) => {
    if (current === undefined) {
      return { ...input, id: InstitutionId.parse(id), createdAt: now, updatedAt: now, version: 1 };
    }
    if (input.stage === current.stage)
      return { ...current, ...input, stageHistory: current.stageHistory };
    const move = relationshipStages.move(current.stage, input.stage);
    if (!move.ok) return [{ column: 'stage', message: move.violation.message.en }];
    return {
      ...current,
      ...input,
      stageHistory: [...current.stageHistory, { stage: input.stage, on: today }],
    };
  },
};

// -------------------------------------------------------------------------------- agreements

/** `2025-2026 inbound 5 months=50 levels=master,phd areas=0710,0610`, one quota per line. */
function quotaLine(quota: Quota): string {
  return [
    quota.academicYear,
    quota.direction,
    String(quota.students),
    quota.months === undefined ? undefined : `months=${quota.months}`,
    quota.levels.length === 0 ? undefined : `levels=${quota.levels.join(',')}`,
    quota.subjectAreas.length === 0 ? undefined : `areas=${quota.subjectAreas.join(',')}`,
  ]
    .filter((part) => part !== undefined)
    .join(' ');
}

function parseQuotas(lines: readonly string[]): Draft[] {
  return lines.map((line) => {
    const [academicYear, direction, students, ...options] = line.split(/\s+/);
    const quota: Draft = {
      academicYear,
      direction: direction?.toLowerCase(),
      students: students === undefined || !/^\d+$/.test(students) ? students : Number(students),
    };
    for (const option of options) {
      const [key, value = ''] = option.split('=');
      if (key === 'months') quota.months = /^\d+$/.test(value) ? Number(value) : value;
      else if (key === 'levels') quota.levels = value.split(',').filter(Boolean);
      else if (key === 'areas') quota.subjectAreas = value.split(',').filter(Boolean);
      else quota[`unknown option ${key}`] = value;
    }
    return quota;
  });
}

const agreementColumns = (effectiveStatus: (record: Agreement) => string): Column<Agreement>[] => [
  idColumn<Agreement>('agreement'),
  ...localized<Agreement>('title', 'title', (a) => a.title, 'Title', true),
  field(
    'kind',
    'enum',
    'kind',
    (a) => a.kind,
    'mou, student_exchange, dual_degree, summer_school, faculty_exchange, research, internship or teacher_training',
    { requiredOnCreate: true },
  ),
  field(
    'status',
    'enum',
    'status',
    (a) => a.status,
    'Stored status. Set when creating (default draft); an import never changes it on an existing agreement (use POST /v1/agreements/{id}/transitions).',
  ),
  readOnly(
    'effective_status',
    'enum',
    effectiveStatus,
    "Export only: the status at today's date in the office time zone.",
  ),
  field(
    'host_unit',
    'text',
    'hostUnit',
    (a) => a.hostUnit,
    'Signing unit on our side (default University)',
  ),
  field(
    'institution_ids',
    'list',
    'institutionIds',
    (a) => a.institutionIds,
    'Partner institution ids (ins_…), separated by ";"; each must exist',
    { requiredOnCreate: true, aliases: ['institutions', 'partners'] },
  ),
  field('start_date', 'date', 'startDate', (a) => a.startDate, 'Start of validity, YYYY-MM-DD'),
  field('end_date', 'date', 'endDate', (a) => a.endDate, 'End of validity, YYYY-MM-DD'),
  field('signed_on', 'date', 'signedOn', (a) => a.signedOn, 'Signing date, YYYY-MM-DD'),
  field(
    'renewal_notice_days',
    'integer',
    'renewalNoticeDays',
    (a) => a.renewalNoticeDays,
    'Renewal notice period in days (default 180)',
  ),
  {
    name: 'quotas',
    kind: 'lines',
    doc: 'One quota per line: `2025-2026 inbound 5`, optionally followed by `months=N`, `levels=master,phd`, `areas=0710,0610` (ISCED-F)',
    get: (a) => a.quotas.map(quotaLine),
    set: (draft: Draft, value: ParsedValue | undefined) =>
      setPath(draft, ['quotas'], Array.isArray(value) ? parseQuotas(value) : []),
    paths: ['quotas'],
  },
  field(
    'partner_reference',
    'text',
    'partnerReference',
    (a) => a.partnerReference,
    "The partner's id for the agreement (EWP iia-id)",
  ),
  field('notes', 'text', 'notes', (a) => a.notes, 'Notes'),
  ...meta<Agreement>(),
];

export function agreementSheet(
  effectiveStatus: (record: Agreement) => string,
): EntitySheet<Agreement, typeof agreementRepository.table, z.output<typeof AgreementInput>> {
  return {
    resource: 'agreements',
    title: 'Agreements',
    repository: agreementRepository,
    idSchema: AgreementId,
    idPrefix: 'agr',
    columns: agreementColumns(effectiveStatus),
    input: AgreementInput,
    draftOf: (record) => {
      const { id: _id, createdAt: _c, updatedAt: _u, version: _v, ...input } = record;
      return structuredClone(input) as Draft;
    },
    references: (input) => [
      { column: 'institution_ids', table: 'institutions', ids: input.institutionIds },
    ],
    build: (input, current, { id, now }) => {
      if (current === undefined) {
        return { ...input, id: AgreementId.parse(id), createdAt: now, updatedAt: now, version: 1 };
      }
      if (input.status !== current.status) {
        return [
          {
            column: 'status',
            message: `an import does not change an agreement's status (${current.status}); use POST /v1/agreements/${current.id}/transitions`,
          },
        ];
      }
      return { ...current, ...input };
    },
  };
}

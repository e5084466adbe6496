/**
 * Shapes of the API that are not domain records: list parameters, tokens, bindings, audit
 * entries, search hits, alerts. Domain records (Student, Agreement, Event, …) come from
 * @passerelle/core and are never written here.
 */
import type {
  AcademicYear,
  Agreement,
  AgreementId,
  AgreementKind,
  AgreementStatus,
  Article,
  AudienceGroup,
  CalendarDate,
  CountryCode,
  Delegation,
  DelegationDirection,
  DelegationStatus,
  DocumentKind,
  EffectiveAgreementStatus,
  EventId,
  EventKind,
  EventView,
  Instant,
  Institution,
  InstitutionId,
  InstitutionKind,
  Language,
  LocalizedText,
  NamedDocumentAlert,
  ProgrammeKind,
  RegistrationStatus,
  RegistrationSummary,
  RelationshipStage,
  StaffId,
  StaffRole,
  StudentId,
  StudentInput,
  StudentStatus,
  StudyLevel,
  Violation,
} from '@passerelle/core';

/** A sort order: a field, or `-field` for the reverse. */
export type SortOf<Field extends string> = Field | `-${Field}`;

/**
 * What every list takes. Query parameter names are the API's own (snake_case). `sort` is a
 * field name, or `-field` for the reverse; where the API's list is not final yet it is typed
 * as a plain string.
 */
export interface ListParams {
  /** Items per page, 1 to 200 (API default 50). Iteration keeps this page size. */
  limit?: number | undefined;
  /** The `nextCursor` of a previous page. */
  cursor?: string | undefined;
}

export interface InstitutionListParams extends ListParams {
  sort?: SortOf<'name' | 'created'> | undefined;
  country?: CountryCode | undefined;
  stage?: RelationshipStage | undefined;
  kind?: InstitutionKind | undefined;
  /** Search over names in every language, short name and aliases. */
  q?: string | undefined;
}

/** What students and the bot see of a partner institution: names and place only (core schema). */
export type { InstitutionPublicView } from '@passerelle/core';

export interface AgreementListParams extends ListParams {
  sort?: string | undefined;
  institution_id?: InstitutionId | undefined;
  country?: CountryCode | undefined;
  kind?: AgreementKind | undefined;
  status?: AgreementStatus | undefined;
  /** The status today in the office time zone (`effectiveStatus` on each agreement). */
  effective_status?: EffectiveAgreementStatus | undefined;
  /** Agreements whose end date falls within this many days. */
  expiring_within_days?: number | undefined;
  /** Agreements with a quota for this academic year. */
  academic_year?: AcademicYear | undefined;
  q?: string | undefined;
}

/** The exchange balance of one agreement for one academic year (rule 3). */
export interface AgreementBalance {
  agreementId: AgreementId;
  academicYear: AcademicYear;
  inbound: number;
  outbound: number;
  difference: number;
  imbalance: number;
  flagged: boolean;
  /** Outbound mobility is not recorded yet: `outbound` is 0. */
  outboundSource: 'not_recorded';
  inboundQuota: number | null;
  outboundQuota: number | null;
}

export interface StudentListParams extends ListParams {
  sort?: SortOf<'created' | 'name' | 'programme_start'> | undefined;
  status?: StudentStatus | undefined;
  programme_kind?: ProgrammeKind | undefined;
  nationality?: CountryCode | undefined;
  home_institution_id?: InstitutionId | undefined;
  level?: StudyLevel | undefined;
  academic_year?: AcademicYear | undefined;
  /** Students who started in this calendar year (programme start in it, past `applied`). */
  started_in?: number | undefined;
  /** Students with a passport, permit or insurance expiring before this date. */
  document_expiring_before?: CalendarDate | undefined;
  /** Search over full and preferred names and email. */
  q?: string | undefined;
  /** Only these students: comma-separated ids, at most 200 (one request for many records). */
  ids?: string | undefined;
}

/**
 * `students.counts`: each filter takes one value or several ("any of these"); `started_in`
 * counts the students who started in a calendar year (programme start in it, past `applied`).
 */
export interface StudentCountParams {
  status?: StudentStatus | readonly StudentStatus[] | undefined;
  programme_kind?: ProgrammeKind | readonly ProgrammeKind[] | undefined;
  nationality?: CountryCode | readonly CountryCode[] | undefined;
  home_institution_id?: InstitutionId | readonly InstitutionId[] | undefined;
  level?: StudyLevel | undefined;
  academic_year?: AcademicYear | undefined;
  started_in?: number | undefined;
  /** Also count by this field (`groups`, largest first). */
  group_by?: 'programme_kind' | 'status' | 'nationality' | 'academic_year' | undefined;
}

/** How many students match, and how many in each group of `group_by`. */
export interface StudentCounts {
  total: number;
  groups: { key: string; count: number }[];
}

/** What staff may change by PATCH; the status moves only through `transition`. */
export type StudentPatch = Partial<Omit<StudentInput, 'status'>>;

export interface StudentTransition {
  to: StudentStatus;
  /** When admitting beyond the agreement's quota (staff): why. It is recorded. */
  override?: { justification: string } | undefined;
}

export interface StaffListParams extends ListParams {
  sort?: string | undefined;
  /** Staff and admins only. */
  role?: StaffRole | undefined;
  q?: string | undefined;
}

/** What students see of a member of staff. */
export type { StaffPublicView } from '@passerelle/core';

export interface DelegationListParams extends ListParams {
  sort?: string | undefined;
  direction?: DelegationDirection | undefined;
  status?: DelegationStatus | undefined;
  /** Delegations that overlap `from`..`to`. */
  from?: CalendarDate | undefined;
  to?: CalendarDate | undefined;
  /** Delegations visiting (or sent by) this institution. */
  institution_id?: InstitutionId | undefined;
  country?: CountryCode | undefined;
  q?: string | undefined;
}

/** What `delegations.validate` answers: every broken rule 6 constraint, if any. */
export interface DelegationValidation {
  valid: boolean;
  violations: Violation[];
}

export interface EventListParams extends ListParams {
  sort?: string | undefined;
  kind?: EventKind | undefined;
  audience?: AudienceGroup | undefined;
  /** Events with a session on or after this date. */
  from?: CalendarDate | undefined;
  /** Events with a session on or before this date. */
  to?: CalendarDate | undefined;
  academic_year?: AcademicYear | undefined;
  q?: string | undefined;
}

export interface RegistrationListParams extends ListParams {
  status?: RegistrationStatus | undefined;
}

/** The workshop slot finder (rule 8): slots inside both campuses' working hours. */
export interface WorkshopSlotParams {
  /** Our campus's time zone (default the API's, Asia/Shanghai). */
  time_zone?: string | undefined;
  partner_time_zone: string;
  from: CalendarDate;
  to: CalendarDate;
  /** 150 to 180 (default 150). */
  duration_minutes?: number | undefined;
  step_minutes?: number | undefined;
}

export interface PublicationListParams extends ListParams {
  sort?: string | undefined;
  /** Published in this calendar year. */
  year?: number | undefined;
  from?: CalendarDate | undefined;
  to?: CalendarDate | undefined;
  channel?: string | undefined;
  q?: string | undefined;
}

export interface AwardListParams extends ListParams {
  sort?: string | undefined;
  year?: number | undefined;
  category?: string | undefined;
  q?: string | undefined;
}

export interface ArticleListParams extends ListParams {
  sort?: string | undefined;
  language?: Language | undefined;
  audience?: AudienceGroup | undefined;
  topic?: string | undefined;
  tag?: string | undefined;
  q?: string | undefined;
}

export interface KnowledgeSearchParams {
  q: string;
  /** The language of the answer wanted; articles in it rank first. */
  lang?: Language | undefined;
  limit?: number | undefined;
}

/** An article that answers a search, with the passage that matched. */
export interface KnowledgeHit {
  article: Article;
  /** BM25: higher is better, comparable only between hits of one question. */
  score: number;
  /** The window of the body that best matches the question (plain text, ≤ 300 characters). */
  passage: string;
  /** The language of this article. */
  language: Language;
  /** Share of the question's words (weighted by rarity) that the article holds, 0 to 1. */
  coverage: number;
  /** `strong`: the article is about what was asked. Answer only from strong hits. */
  match: 'strong' | 'weak';
}

export interface AlertParams {
  /** The date to look from (default: today at the API). */
  date?: CalendarDate | undefined;
  /** How far ahead a document expiry is an alert (default 30 days). */
  within_days?: number | undefined;
  /** Only documents that expire before the student's programme ends. */
  before_programme_end?: boolean | undefined;
  /** Only alerts for this kind of document. */
  document?: DocumentKind | undefined;
}

/** An agreement whose end falls inside its renewal notice period (rule 5). */
export interface AgreementAlert {
  agreementId: AgreementId;
  title: LocalizedText;
  endDate: CalendarDate;
  daysLeft: number;
  status: EffectiveAgreementStatus;
}

/**
 * What needs attention at a date: documents (rule 4), each with the name of the student it
 * concerns, and agreements (rule 5).
 */
export interface AlertReport {
  date: CalendarDate;
  documents: NamedDocumentAlert[];
  agreements: AgreementAlert[];
}

export type Role = 'admin' | 'staff' | 'student' | 'service';

/** An API token as listed (never the token itself). */
export interface Token {
  id: string;
  role: Role;
  name: string;
  studentId: string | null;
  staffId: string | null;
  createdAt: string;
  createdBy: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** A new token: `token` is shown this once. */
export interface CreatedToken extends Token {
  token: string;
}

export interface TokenCreateParams {
  role: Role;
  /** Who or what holds the token. */
  name: string;
  /** Required for the student role. */
  studentId?: StudentId | undefined;
  /** For admin and staff tokens: who holds it. */
  staffId?: StaffId | undefined;
  expiresAt?: Instant | undefined;
}

export type Channel = 'wechat' | 'slack';

/** The person a chat identity is bound to. */
export type BindingSubject = { kind: 'student'; id: StudentId } | { kind: 'staff'; id: StaffId };

export type BindingCodeParams = (
  | { studentId: StudentId; staffId?: undefined }
  | { staffId: StaffId; studentId?: undefined }
) & {
  /** Default 15 minutes. */
  expiresInMinutes?: number | undefined;
};

/** A one-time binding code (`XXXX-XXXX`), shown once: give it to the person. */
export interface BindingCode {
  code: string;
  subject: BindingSubject;
  expiresAt: Instant;
}

export interface BindParams {
  channel: Channel;
  userId: string;
  code: string;
}

export interface Binding {
  channel: Channel;
  userId: string;
  subject: BindingSubject;
  createdAt: string;
}

export interface AuditListParams extends ListParams {
  entity?: string | undefined;
  entity_id?: string | undefined;
  actor_id?: string | undefined;
}

/** Who did what, for whom, when, and the versions before and after. */
export interface AuditEntry {
  id: string;
  at: string;
  tokenId: string | null;
  actorRole: Role;
  actorId: string | null;
  /** Set when a service acted for someone (`student:stu_…`). */
  onBehalfOf: string | null;
  /** `<entity>.<verb>`: `student.transition`, `token.revoke`, … */
  action: string;
  entity: string;
  entityId: string;
  versionBefore: number | null;
  versionAfter: number | null;
  requestId: string | null;
  details: unknown;
}

/** The answer of /healthz and /readyz. */
export interface HealthStatus {
  status: string;
  [key: string]: unknown;
}

/** An agreement as the API answers it: the record and its status today (`agreementStatusAt`). */
export type AgreementView = Agreement & {
  /** The status today in the office time zone: `active` and `expired` follow from the dates. */
  effectiveStatus: EffectiveAgreementStatus;
};

/**
 * A partner's page in one request (`institutions.overview`): the institution, every agreement
 * it is party to (oldest first) and every delegation to or from it (by start date).
 */
export interface InstitutionOverview {
  institution: Institution;
  agreements: AgreementView[];
  delegations: Delegation[];
}

/** The places of an event as the asker reads them (`registration` on every event). */
export type EventRegistrationSummary = RegistrationSummary;

/** An event as the API answers it: the record and its registration summary for the asker. */
export type { EventView };

// --- Calendars -------------------------------------------------------------------------------

export interface CalendarEventsParams {
  /** Language of summaries, descriptions and places (default: the student's, else en). */
  lang?: Language | undefined;
  /** Only the events the caller holds a registration for. */
  registered_only?: boolean | undefined;
}

export interface CalendarFeedInput {
  /** A name to recognise the feed by (default "Calendar"). */
  name?: string | undefined;
  /** Only the events the owner is registered for (default: every event open to them). */
  registeredOnly?: boolean | undefined;
  /** The feed's default language. */
  language?: Language | undefined;
}

/** A calendar feed token, as listed (the URL is shown only when it is made). */
export interface CalendarFeed {
  id: string;
  name: string;
  /** Whose rights the feed reads with: `student:stu_…`, `staff:stf_…` or `token:tok_…`. */
  owner: string;
  registeredOnly: boolean;
  language: Language | null;
  createdAt: Instant;
  lastUsedAt: Instant | null;
  revokedAt: Instant | null;
}

/** A new feed with its subscription URLs: keep them secret, they are not shown again. */
export interface CreatedCalendarFeed extends CalendarFeed {
  /** The subscription URL; it works without a bearer token. */
  url: string;
  /** The same URL with the `webcal:` scheme. */
  webcalUrl: string;
  /** For staff: a delegation's itinerary through the same token; replace `{id}`. */
  delegationUrlTemplate: string | null;
}

// --- Spreadsheets ----------------------------------------------------------------------------

/** What can be exported to and imported from a spreadsheet. */
export type SheetResource = 'students' | 'institutions' | 'agreements' | 'registrations';
export type SheetFormat = 'csv' | 'xlsx';

/** The filters of an export: those of the resource's list (every page is exported). */
export interface SheetExportParams {
  students: Omit<StudentListParams, 'cursor' | 'limit'>;
  institutions: Omit<InstitutionListParams, 'cursor' | 'limit'>;
  agreements: Omit<AgreementListParams, 'cursor' | 'limit'>;
  registrations: {
    sort?: string | undefined;
    event_id?: EventId | undefined;
    student_id?: StudentId | undefined;
    status?: RegistrationStatus | undefined;
  };
}

export interface SheetImportOptions {
  /** The file's format; default: xlsx when the bytes are a ZIP (XLSX) file, else csv. */
  format?: SheetFormat | undefined;
  /** Validate and report, write nothing. */
  dryRun?: boolean | undefined;
}

/** One problem of an imported sheet. */
export interface SheetRowError {
  /** The row as the spreadsheet numbers it (the header is row 1). */
  row: number;
  /** The column's header as written in the sheet. */
  column: string | null;
  message: string;
}

/** What an import did (or, in a dry run, would do). */
export interface SheetImportReport {
  ok: boolean;
  dryRun: boolean;
  resource: SheetResource;
  format: SheetFormat;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: SheetRowError[];
  errorsTruncated: boolean;
  ignoredColumns: string[];
  importId: string | null;
}

// --- EWP -------------------------------------------------------------------------------------

export interface EwpExportParams {
  /** Only these agreements. */
  ids?: readonly AgreementId[] | undefined;
  /** Only the agreements with this partner institution. */
  institution_id?: InstitutionId | undefined;
  kind?: AgreementKind | undefined;
}

export interface EwpIssue {
  path: string;
  rule: string;
  message: string;
}

export interface EwpImportedIia {
  /** Position of the `<iia>` in the document, from 1. */
  index: number;
  outcome: 'created' | 'would_create' | 'exists' | 'rejected';
  partnerHeiId?: string;
  iiaIds: { ours?: string; partner?: string };
  agreementId?: string;
  institution?: { id: string; heiId: string; created: boolean };
  /** Why the IIA cannot be imported. */
  problems: EwpIssue[];
  /** What the agreement does not keep. */
  unmapped: EwpIssue[];
}

export interface EwpImportReport {
  dryRun: boolean;
  /** False when at least one IIA is rejected (nothing is written then). */
  ok: boolean;
  written: boolean;
  counts: { agreements: number; institutions: number; existing: number; rejected: number };
  iias: EwpImportedIia[];
}

// --- Backup ----------------------------------------------------------------------------------

export interface RestoreResult {
  restored: true;
  /** When the backup was taken. */
  createdAt: string;
  /** The migration the backup was taken at. */
  schemaVersion: string;
  /** Rows written, per table. */
  rows: Record<string, number>;
  total: number;
}

// --- Reports ---------------------------------------------------------------------------------

export type YearEndFormat = 'json' | 'markdown' | 'html';

export interface YearEndLinkInput {
  /** Default html. */
  format?: YearEndFormat | undefined;
  /** The language of a Markdown or HTML document. Default en. */
  language?: Language | undefined;
  /** How long the link works; at most (and by default) the API's REPORT_LINK_MINUTES. */
  expiresInMinutes?: number | undefined;
}

/** A signed, read-only link to one year-end document, opened without a token until it expires. */
export interface YearEndLink {
  /** The link, on the origin the API was reached at. */
  url: string;
  /** The same link without its origin, to put behind another public address. */
  path: string;
  year: number;
  format: YearEndFormat;
  language: Language;
  expiresAt: Instant;
}

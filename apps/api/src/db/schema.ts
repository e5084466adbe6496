/**
 * The database schema, one file for PGlite and PostgreSQL alike (drizzle `pg-core`).
 *
 * Every entity table has the same spine: `id`, the full `@passerelle/core` record in `data`,
 * `version` for If-Match, and the two timestamps. Beside it, typed columns hold every value a
 * list filters or sorts on, each behind an index, so a page costs the same at any table size
 * (keyset pagination, never OFFSET). The typed columns are derived from `data` at write time
 * by the resource's repository; `data` is what the API returns.
 *
 * `search` columns hold a lower-cased text of every name in every language, short names and
 * aliases, searched with `LIKE '%…%'` behind a trigram (pg_trgm) GIN index.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/** The spine every entity table shares. */
const entity = () => ({
  id: text('id').primaryKey(),
  data: jsonb('data').notNull(),
  version: integer('version').notNull(),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

export const institutions = pgTable(
  'institutions',
  {
    ...entity(),
    country: text('country').notNull(),
    stage: text('stage').notNull(),
    kind: text('kind').notNull(),
    strategic: boolean('strategic').notNull(),
    nameSort: text('name_sort').notNull(),
    search: text('search').notNull(),
  },
  (t) => [
    index('institutions_created_idx').on(t.createdAt, t.id),
    index('institutions_name_idx').on(t.nameSort, t.id),
    index('institutions_country_idx').on(t.country, t.createdAt, t.id),
    index('institutions_stage_idx').on(t.stage, t.createdAt, t.id),
    index('institutions_kind_idx').on(t.kind, t.createdAt, t.id),
    index('institutions_search_idx').using('gin', sql`${t.search} gin_trgm_ops`),
  ],
);

export const agreements = pgTable(
  'agreements',
  {
    ...entity(),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    startDate: date('start_date', { mode: 'string' }),
    endDate: date('end_date', { mode: 'string' }),
    /** Partner institutions; "agreements with French partners" is `institution_ids && (ids of institutions in FR)`. */
    institutionIds: text('institution_ids').array().notNull(),
    titleSort: text('title_sort').notNull(),
    search: text('search').notNull(),
  },
  (t) => [
    index('agreements_created_idx').on(t.createdAt, t.id),
    index('agreements_title_idx').on(t.titleSort, t.id),
    index('agreements_kind_idx').on(t.kind, t.createdAt, t.id),
    index('agreements_status_idx').on(t.status, t.createdAt, t.id),
    index('agreements_end_idx').on(t.endDate, t.id),
    index('agreements_institutions_idx').using('gin', t.institutionIds),
    index('agreements_search_idx').using('gin', sql`${t.search} gin_trgm_ops`),
    /** `academic_year` filter: `data->'quotas' @> [{"academicYear": …}]`. */
    index('agreements_quotas_idx').using('gin', sql`(${t.data}->'quotas') jsonb_path_ops`),
  ],
);

export const students = pgTable(
  'students',
  {
    ...entity(),
    status: text('status').notNull(),
    programmeKind: text('programme_kind').notNull(),
    nationality: text('nationality').notNull(),
    homeInstitutionId: text('home_institution_id'),
    agreementId: text('agreement_id'),
    level: text('level'),
    academicYear: text('academic_year').notNull(),
    programmeStart: date('programme_start', { mode: 'string' }).notNull(),
    programmeEnd: date('programme_end', { mode: 'string' }).notNull(),
    /** The earliest expiry among passport, permit and insurance: "a document expiring before". */
    firstDocumentExpiry: date('first_document_expiry', { mode: 'string' }),
    advisorId: text('advisor_id'),
    nameSort: text('name_sort').notNull(),
    search: text('search').notNull(),
  },
  (t) => [
    index('students_created_idx').on(t.createdAt, t.id),
    index('students_name_idx').on(t.nameSort, t.id),
    index('students_programme_start_idx').on(t.programmeStart, t.id),
    index('students_status_idx').on(t.status, t.createdAt, t.id),
    index('students_programme_kind_idx').on(t.programmeKind, t.createdAt, t.id),
    index('students_nationality_idx').on(t.nationality, t.createdAt, t.id),
    index('students_home_institution_idx').on(t.homeInstitutionId, t.createdAt, t.id),
    index('students_agreement_idx').on(t.agreementId, t.academicYear, t.status),
    index('students_level_idx').on(t.level, t.createdAt, t.id),
    index('students_academic_year_idx').on(t.academicYear, t.createdAt, t.id),
    index('students_document_expiry_idx').on(t.firstDocumentExpiry, t.id),
    index('students_advisor_idx').on(t.advisorId, t.createdAt, t.id),
    index('students_search_idx').using('gin', sql`${t.search} gin_trgm_ops`),
  ],
);

export const staff = pgTable(
  'staff',
  {
    ...entity(),
    role: text('role').notNull(),
    email: text('email').notNull(),
    nameSort: text('name_sort').notNull(),
    search: text('search').notNull(),
  },
  (t) => [
    index('staff_created_idx').on(t.createdAt, t.id),
    index('staff_name_idx').on(t.nameSort, t.id),
    index('staff_role_idx').on(t.role, t.createdAt, t.id),
    uniqueIndex('staff_email_idx').on(t.email),
    index('staff_search_idx').using('gin', sql`${t.search} gin_trgm_ops`),
  ],
);

export const delegations = pgTable(
  'delegations',
  {
    ...entity(),
    direction: text('direction').notNull(),
    status: text('status').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    institutionIds: text('institution_ids').array().notNull(),
    countries: text('countries').array().notNull(),
    titleSort: text('title_sort').notNull(),
    search: text('search').notNull(),
  },
  (t) => [
    index('delegations_created_idx').on(t.createdAt, t.id),
    index('delegations_title_idx').on(t.titleSort, t.id),
    index('delegations_start_idx').on(t.startDate, t.id),
    index('delegations_end_idx').on(t.endDate, t.id),
    index('delegations_direction_idx').on(t.direction, t.startDate, t.id),
    index('delegations_status_idx').on(t.status, t.startDate, t.id),
    index('delegations_institutions_idx').using('gin', t.institutionIds),
    index('delegations_countries_idx').using('gin', t.countries),
    index('delegations_search_idx').using('gin', sql`${t.search} gin_trgm_ops`),
  ],
);

export const events = pgTable(
  'events',
  {
    ...entity(),
    kind: text('kind').notNull(),
    /** Audience groups; the GIN index answers "open to exchange students" with `&&`. */
    audience: text('audience').array().notNull(),
    /** First session start and last session end, for date-range filters and sorting. */
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    capacity: integer('capacity'),
    cancelled: boolean('cancelled').notNull(),
    academicYear: text('academic_year'),
    titleSort: text('title_sort').notNull(),
    search: text('search').notNull(),
  },
  (t) => [
    index('events_created_idx').on(t.createdAt, t.id),
    index('events_title_idx').on(t.titleSort, t.id),
    index('events_starts_idx').on(t.startsAt, t.id),
    index('events_ends_idx').on(t.endsAt, t.id),
    index('events_kind_idx').on(t.kind, t.startsAt, t.id),
    index('events_academic_year_idx').on(t.academicYear, t.startsAt, t.id),
    index('events_audience_idx').using('gin', t.audience),
    index('events_search_idx').using('gin', sql`${t.search} gin_trgm_ops`),
    /** `partner_institution_id` filter: `data->'partnerInstitutionIds' @> ["inst_…"]`. */
    index('events_partners_idx').using(
      'gin',
      sql`(${t.data}->'partnerInstitutionIds') jsonb_path_ops`,
    ),
  ],
);

/**
 * Registrations live in their own table: counted and locked per event, never rewritten as
 * part of the event. One participant holds at most one active registration per event.
 */
export const registrations = pgTable(
  'registrations',
  {
    ...entity(),
    eventId: text('event_id').notNull(),
    participantKey: text('participant_key').notNull(),
    /** Set for student participants, so "my registrations" is one index lookup. */
    studentId: text('student_id'),
    status: text('status').notNull(),
    sequence: integer('sequence').notNull(),
  },
  (t) => [
    uniqueIndex('registrations_active_participant_idx')
      .on(t.eventId, t.participantKey)
      .where(sql`${t.status} in ('registered', 'waitlisted', 'attended')`),
    uniqueIndex('registrations_sequence_idx').on(t.eventId, t.sequence),
    index('registrations_event_status_idx').on(t.eventId, t.status, t.sequence),
    index('registrations_student_idx').on(t.studentId, t.createdAt, t.id),
    /** "My registrations" of a member of staff (or any non-student participant). */
    index('registrations_participant_idx').on(t.participantKey, t.createdAt, t.id),
  ],
);

export const publications = pgTable(
  'publications',
  {
    ...entity(),
    channel: text('channel').notNull(),
    publishedOn: date('published_on', { mode: 'string' }).notNull(),
    titleSort: text('title_sort').notNull(),
    search: text('search').notNull(),
  },
  (t) => [
    index('publications_created_idx').on(t.createdAt, t.id),
    index('publications_published_idx').on(t.publishedOn, t.id),
    index('publications_channel_idx').on(t.channel, t.publishedOn, t.id),
    index('publications_search_idx').using('gin', sql`${t.search} gin_trgm_ops`),
  ],
);

export const awards = pgTable(
  'awards',
  {
    ...entity(),
    year: integer('year').notNull(),
    category: text('category').notNull(),
    search: text('search').notNull(),
  },
  (t) => [
    index('awards_created_idx').on(t.createdAt, t.id),
    index('awards_year_idx').on(t.year, t.id),
    index('awards_category_idx').on(t.category, t.year, t.id),
    index('awards_search_idx').using('gin', sql`${t.search} gin_trgm_ops`),
  ],
);

export const articles = pgTable(
  'articles',
  {
    ...entity(),
    topic: text('topic').notNull(),
    language: text('language').notNull(),
    audience: text('audience').array().notNull(),
    tags: text('tags').array().notNull(),
    titleSort: text('title_sort').notNull(),
    search: text('search').notNull(),
  },
  (t) => [
    index('articles_created_idx').on(t.createdAt, t.id),
    index('articles_title_idx').on(t.titleSort, t.id),
    index('articles_topic_idx').on(t.topic, t.language),
    index('articles_language_idx').on(t.language, t.createdAt, t.id),
    index('articles_audience_idx').using('gin', t.audience),
    index('articles_tags_idx').using('gin', t.tags),
    index('articles_search_idx').using('gin', sql`${t.search} gin_trgm_ops`),
  ],
);

/** API tokens. Only the sha-256 of a token is stored; the token itself is shown once. */
export const tokens = pgTable(
  'tokens',
  {
    id: text('id').primaryKey(),
    hash: text('hash').notNull(),
    role: text('role').notNull(),
    name: text('name').notNull(),
    studentId: text('student_id'),
    staffId: text('staff_id'),
    createdAt: instant('created_at').notNull(),
    createdBy: text('created_by'),
    expiresAt: instant('expires_at'),
    revokedAt: instant('revoked_at'),
    lastUsedAt: instant('last_used_at'),
  },
  (t) => [
    uniqueIndex('tokens_hash_idx').on(t.hash),
    index('tokens_created_idx').on(t.createdAt, t.id),
  ],
);

/**
 * One-time codes that bind a chat identity to a student or staff member. `lookup` is the
 * code's public half (so attempts can be counted per code); `hash` is the sha-256 of the whole.
 */
export const bindingCodes = pgTable(
  'binding_codes',
  {
    id: text('id').primaryKey(),
    lookup: text('lookup').notNull(),
    hash: text('hash').notNull(),
    subjectKind: text('subject_kind').notNull(),
    subjectId: text('subject_id').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
    attempts: integer('attempts').notNull().default(0),
  },
  (t) => [
    index('binding_codes_lookup_idx').on(t.lookup, t.expiresAt),
    index('binding_codes_subject_idx').on(t.subjectKind, t.subjectId),
  ],
);

/** A chat identity (channel + user id) bound to a student or a member of staff. */
export const channelBindings = pgTable(
  'channel_bindings',
  {
    channel: text('channel').notNull(),
    userId: text('user_id').notNull(),
    subjectKind: text('subject_kind').notNull(),
    subjectId: text('subject_id').notNull(),
    createdAt: instant('created_at').notNull(),
    codeId: text('code_id').notNull(),
  },
  (t) => [
    uniqueIndex('channel_bindings_pk').on(t.channel, t.userId),
    index('channel_bindings_subject_idx').on(t.subjectKind, t.subjectId),
  ],
);

/** Every try at binding a channel identity, for the per-user rate limit. */
export const bindingAttempts = pgTable(
  'binding_attempts',
  {
    id: text('id').primaryKey(),
    channel: text('channel').notNull(),
    userId: text('user_id').notNull(),
    at: instant('at').notNull(),
    succeeded: boolean('succeeded').notNull(),
  },
  (t) => [index('binding_attempts_user_idx').on(t.channel, t.userId, t.at)],
);

/** The first response to a POST, replayed when the same token sends the same key again. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    tokenId: text('token_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    /** `in_progress` while the first request runs, then `completed`. */
    state: text('state').notNull(),
    status: integer('status'),
    headers: jsonb('headers'),
    body: text('body'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('idempotency_keys_pk').on(t.tokenId, t.key),
    index('idempotency_keys_created_idx').on(t.createdAt),
  ],
);

/** Who did what, for whom, when, and the versions before and after. Written in the same transaction as the change. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    at: instant('at').notNull(),
    tokenId: text('token_id'),
    actorRole: text('actor_role').notNull(),
    actorId: text('actor_id'),
    /** Set when a service acted for someone (`student:stu_…`, `staff:stf_…`). */
    onBehalfOf: text('on_behalf_of'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    versionBefore: integer('version_before'),
    versionAfter: integer('version_after'),
    requestId: text('request_id'),
    details: jsonb('details'),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at, t.id),
    index('audit_log_entity_idx').on(t.entity, t.entityId, t.at),
    index('audit_log_actor_idx').on(t.actorId, t.at),
  ],
);

/**
 * Calendar feed tokens: a secret URL a calendar app subscribes to without a bearer header.
 * Only the sha-256 of the feed token is stored. A feed reads with its owner's rights: the
 * student or member of staff it was made for (or, for a token that stands for no person, that
 * token while it stays valid). A revoked feed answers 404.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: text('id').primaryKey(),
    hash: text('hash').notNull(),
    name: text('name').notNull(),
    /** The role whose rights the feed reads with (admin, staff or student). */
    ownerRole: text('owner_role').notNull(),
    studentId: text('student_id'),
    staffId: text('staff_id'),
    /** The API token that created the feed. */
    tokenId: text('token_id').notNull(),
    /** Only events the owner is registered for (otherwise every event open to them). */
    registeredOnly: boolean('registered_only').notNull(),
    /** The feed's default language (`?lang=` overrides it). */
    language: text('language'),
    createdAt: instant('created_at').notNull(),
    revokedAt: instant('revoked_at'),
    lastUsedAt: instant('last_used_at'),
  },
  (t) => [
    uniqueIndex('calendar_feeds_hash_idx').on(t.hash),
    index('calendar_feeds_student_idx').on(t.studentId, t.createdAt),
    index('calendar_feeds_staff_idx').on(t.staffId, t.createdAt),
    index('calendar_feeds_token_idx').on(t.tokenId, t.createdAt),
  ],
);

/**
 * Values the store keeps for the API itself, one row per key: `report_link_secret` (the key that
 * signs year-end report links when REPORT_LINK_SECRET is unset), written once by whichever API
 * instance needs it first, so every instance on the database agrees.
 */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  createdAt: instant('created_at').notNull(),
});

/**
 * Reminders made by the daily run (apps/api/src/reminders). The unique key on recipient, kind,
 * subject and period is what makes a second run, on any instance, create nothing new; a
 * claim takes pending rows with `FOR UPDATE SKIP LOCKED` and holds them until `claimed_until`.
 */
export const reminders = pgTable(
  'reminders',
  {
    id: text('id').primaryKey(),
    recipientKind: text('recipient_kind').notNull(),
    recipientId: text('recipient_id').notNull(),
    kind: text('kind').notNull(),
    /** `wechat` for students, `slack` for staff. */
    channel: text('channel').notNull(),
    subject: text('subject').notNull(),
    period: text('period').notNull(),
    content: jsonb('content').notNull(),
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    claimedUntil: instant('claimed_until'),
    deliveredAt: instant('delivered_at'),
    lastError: text('last_error'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('reminders_once_idx').on(
      t.recipientKind,
      t.recipientId,
      t.kind,
      t.subject,
      t.period,
    ),
    index('reminders_queue_idx').on(t.channel, t.status, t.createdAt, t.id),
    index('reminders_created_idx').on(t.createdAt, t.id),
    index('reminders_recipient_idx').on(t.recipientKind, t.recipientId, t.createdAt),
  ],
);

/** A person's reminder preference; no row means reminders are on. */
export const reminderPreferences = pgTable(
  'reminder_preferences',
  {
    subjectKind: text('subject_kind').notNull(),
    subjectId: text('subject_id').notNull(),
    enabled: boolean('enabled').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [uniqueIndex('reminder_preferences_pk').on(t.subjectKind, t.subjectId)],
);

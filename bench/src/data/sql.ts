/**
 * The fast path for big tables: the generators of generate.ts written again as
 * `INSERT … SELECT … FROM generate_series(…)`, so PostgreSQL builds a million rows without a
 * byte crossing the wire. The JavaScript generators stay the definition: `verifySample` reads
 * rows back and checks them, column by column, against what the API's repository would have
 * written for the same generated record (`toRow`), so the two cannot drift apart unnoticed.
 */
import { isDeepStrictEqual } from 'node:util';
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import type { EntityTable, Repository, StoredRecord } from '../../../apps/api/src/db/records';
import {
  EVENT_KINDS,
  FIRST_NAMES,
  LAST_NAMES,
  LEVELS,
  NATIONALITIES,
  PROGRAMME_KINDS,
  STUDENT_STATUSES,
} from './generate';

/** Runs one statement with parameters (a pg client's or PGlite's `query`). */
export type Query = (text: string, params: unknown[]) => Promise<{ rows: unknown[] }>;

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const DAY = `'YYYY-MM-DD'`;

const textArray = (values: readonly string[]) => `{${values.join(',')}}`;

/** The academic year (September to August) of a date expression. */
const academicYear = (date: string) =>
  `(case when extract(month from ${date}) >= 9 then extract(year from ${date})::int else extract(year from ${date})::int - 1 end)`;

const STUDENTS_SQL = `
insert into students (id, data, version, created_at, updated_at, status, programme_kind, nationality,
  home_institution_id, agreement_id, level, academic_year, programme_start, programme_end,
  first_document_expiry, advisor_id, name_sort, search)
select c.id,
  jsonb_build_object(
    'id', c.id, 'fullName', c.full_name, 'email', c.email, 'nationality', c.nationality,
    'programmeKind', c.kind, 'level', c.level, 'hostInstitute', 'SPEIT',
    'programmeStart', to_char(a.start, ${DAY}), 'programmeEnd', to_char(a.start + 300, ${DAY}),
    'status', c.status,
    'documents', jsonb_build_object(
      'passportNumber', 'P' || a.num, 'passportExpiry', to_char(b.passport, ${DAY}),
      'permit', jsonb_build_object('type', 'residence_permit', 'number', 'R' || a.num,
        'expiry', to_char(b.permit, ${DAY})),
      'insuranceExpiry', to_char(b.insurance, ${DAY})),
    'orientationAttended', g.n % 2 = 0, 'remindersEnabled', true,
    'academicYear', c.academic_year, 'checkIns', '[]'::jsonb,
    'createdAt', b.created_iso, 'updatedAt', b.created_iso, 'version', 1),
  1, a.created, a.created, c.status, c.kind, c.nationality, null, null, c.level, c.academic_year,
  a.start, a.start + 300, least(b.passport, b.permit, b.insurance), null,
  lower(c.full_name), lower(c.full_name) || ' | ' || c.email
from generate_series($1::int, $2::int - 1) as g(n)
cross join lateral (select lpad(g.n::text, 10, '0') as num,
    $3::date + ((g.n::bigint * 7919) % $4::int)::int as start,
    $5::timestamptz + g.n * interval '1 second' as created) a
cross join lateral (select a.start + 900 + g.n % 400 as passport, a.start + 200 + g.n % 200 as permit,
    a.start + 365 as insurance, ${academicYear('a.start')} as year,
    to_char(a.created at time zone 'UTC', ${ISO}) as created_iso) b
cross join lateral (select 'stu_bench' || a.num as id,
    ($6::text[])[1 + g.n % cardinality($6::text[])] || ' '
      || ($7::text[])[1 + (g.n / cardinality($6::text[])) % cardinality($7::text[])] || ' ' || g.n as full_name,
    'student' || g.n || '@bench.example.org' as email,
    ($8::text[])[1 + g.n % cardinality($8::text[])] as nationality,
    ($9::text[])[1 + g.n % cardinality($9::text[])] as kind,
    ($10::text[])[1 + g.n % cardinality($10::text[])] as level,
    ($11::text[])[1 + g.n % cardinality($11::text[])] as status,
    b.year || '-' || (b.year + 1) as academic_year) c`;

const EVENTS_SQL = `
insert into events (id, data, version, created_at, updated_at, kind, audience, starts_at, ends_at,
  capacity, cancelled, academic_year, title_sort, search)
select 'evt_bench' || a.num,
  jsonb_build_object(
    'id', 'evt_bench' || a.num, 'kind', a.kind,
    'title', jsonb_build_object('en', b.title_en, 'fr', 'Rencontre ' || g.n, 'zh', '活动 ' || g.n),
    'sessions', jsonb_build_array(jsonb_build_object('id', 'ses_bench' || a.num,
      'start', to_char(b.start_utc, ${ISO}), 'end', to_char(c.end_utc, ${ISO}),
      'timeZone', 'Asia/Shanghai', 'place', 'Lecture hall A')),
    'capacity', 50 + g.n % 100, 'audience', to_jsonb(b.audience),
    'languages', jsonb_build_array('en', 'zh'), 'interpretation', false,
    'organiser', 'International Affairs Division', 'partnerInstitutionIds', '[]'::jsonb,
    'academicYear', c.academic_year, 'cancelled', false,
    'createdAt', b.created_iso, 'updatedAt', b.created_iso, 'version', 1),
  1, a.created, a.created, a.kind, b.audience, b.start_utc at time zone 'UTC',
  c.end_utc at time zone 'UTC', 50 + g.n % 100, false, c.academic_year, lower(b.title_en),
  lower(b.title_en) || ' | 活动 ' || g.n || ' | rencontre ' || g.n || ' | international affairs division'
from generate_series($1::int, $2::int - 1) as g(n)
cross join lateral (select lpad(g.n::text, 10, '0') as num,
    $3::date + ((g.n::bigint * 104729) % $4::int)::int as day,
    ($6::text[])[1 + g.n % cardinality($6::text[])] as kind,
    $5::timestamptz + g.n * interval '1 second' as created) a
cross join lateral (select (a.day + make_time(9 + g.n % 9, 0, 0)) - interval '8 hours' as start_utc,
    replace(a.kind, '_', ' ') || ' ' || g.n as title_en,
    case g.n % 3 when 0 then array['all_students'] when 1 then array['exchange', 'staff']
      else array['public'] end as audience,
    ${academicYear('a.day')} as year,
    to_char(a.created at time zone 'UTC', ${ISO}) as created_iso) b
cross join lateral (select b.start_utc + interval '90 minutes' as end_utc,
    b.year || '-' || (b.year + 1) as academic_year) c`;

const REGISTRATIONS_SQL = `
insert into registrations (id, data, version, created_at, updated_at, event_id, participant_key,
  student_id, status, sequence)
select b.id,
  jsonb_build_object('id', b.id, 'eventId', 'evt_bench' || a.num,
    'participant', jsonb_build_object('kind', 'student', 'studentId', b.student_id),
    'status', b.status, 'sequence', r.k, 'registeredAt', a.created_iso,
    'updatedAt', a.created_iso, 'version', 1),
  1, a.created, a.created, 'evt_bench' || a.num, 'student:' || b.student_id, b.student_id,
  b.status, r.k
from generate_series($1::int, $2::int - 1) as g(n)
cross join generate_series(1, $3::int) as r(k)
cross join lateral (select lpad(g.n::text, 10, '0') as num,
    $5::timestamptz + g.n * interval '1 second' as created,
    to_char(($5::timestamptz + g.n * interval '1 second') at time zone 'UTC', ${ISO}) as created_iso) a
cross join lateral (select 'reg_bench' || a.num || lpad(r.k::text, 3, '0') as id,
    'stu_bench' || lpad(((g.n::bigint * $3::int + r.k) % $4::int)::text, 10, '0') as student_id,
    case when r.k % 5 = 0 then 'cancelled' when r.k % 2 = 0 then 'attended'
      else 'registered' end as status) b`;

export interface Span {
  /** Record numbers from `from` (inclusive) to `to` (exclusive). */
  from: number;
  to: number;
  /** Rows per statement, so progress can be told (default 100,000). */
  chunk?: number;
  progress?: (written: number) => void;
}

async function inChunks(
  span: Span,
  run: (from: number, to: number) => Promise<unknown>,
): Promise<void> {
  const chunk = span.chunk ?? 100_000;
  for (let from = span.from; from < span.to; from += chunk) {
    const to = Math.min(span.to, from + chunk);
    await run(from, to);
    span.progress?.(to - span.from);
  }
}

/** Students `benchStudent(n, options)` for n in the span. */
export function insertStudents(
  query: Query,
  span: Span,
  options: { startFrom: string; startSpreadDays: number; createdFrom: string },
): Promise<void> {
  return inChunks(span, (from, to) =>
    query(STUDENTS_SQL, [
      from,
      to,
      options.startFrom,
      options.startSpreadDays,
      options.createdFrom,
      textArray(FIRST_NAMES),
      textArray(LAST_NAMES),
      textArray(NATIONALITIES),
      textArray(PROGRAMME_KINDS),
      textArray(LEVELS),
      textArray(STUDENT_STATUSES),
    ]),
  );
}

/** Events `benchEvent(n, options)` for n in the span. */
export function insertEvents(
  query: Query,
  span: Span,
  options: { startFrom: string; startSpreadDays: number; createdFrom: string },
): Promise<void> {
  return inChunks(span, (from, to) =>
    query(EVENTS_SQL, [
      from,
      to,
      options.startFrom,
      options.startSpreadDays,
      options.createdFrom,
      textArray(EVENT_KINDS),
    ]),
  );
}

/** `perEvent` registrations `benchRegistration` for each event n in the span. */
export function insertRegistrations(
  query: Query,
  span: Span,
  options: { perEvent: number; students: number; createdFrom: string },
): Promise<void> {
  return inChunks(span, (from, to) =>
    query(REGISTRATIONS_SQL, [from, to, options.perEvent, options.students, options.createdFrom]),
  );
}

function matches(expected: unknown, actual: string | null, sqlType: string): boolean {
  if (expected === null || expected === undefined) return actual === null;
  if (actual === null) return false;
  if (sqlType.startsWith('timestamp')) return Date.parse(String(expected)) === Date.parse(actual);
  if (sqlType === 'jsonb') {
    return isDeepStrictEqual(JSON.parse(actual), JSON.parse(JSON.stringify(expected)));
  }
  if (Array.isArray(expected)) return actual === `{${expected.join(',')}}`;
  return String(expected) === actual;
}

/**
 * Reads the rows of `expected` back and compares every column with the repository's `toRow`
 * of the generated record. Throws on the first difference.
 */
export async function verifySample<R extends StoredRecord, T extends EntityTable>(
  query: Query,
  repository: Repository<R, T>,
  expected: readonly R[],
): Promise<void> {
  const table: PgTable = repository.table;
  const columns = Object.entries(getTableColumns(table));
  const select = columns.map(([key, column]) => `"${column.name}"::text as "${key}"`).join(', ');
  const { rows } = await query(
    `select ${select} from "${getTableName(table)}" where id = any($1::text[])`,
    [textArray(expected.map((record) => record.id))],
  );
  const byId = new Map<string, Record<string, string | null>>();
  for (const row of rows as Record<string, string | null>[]) {
    const id = row.id;
    if (typeof id === 'string') byId.set(id, row);
  }
  for (const record of expected) {
    repository.schema.parse(record);
    const row = byId.get(record.id);
    if (row === undefined) throw new Error(`${record.id} was not written`);
    const wanted: Record<string, unknown> = repository.toRow(record);
    for (const [key, column] of columns) {
      const actual = row[key] ?? null;
      if (!matches(wanted[key], actual, column.getSQLType())) {
        throw new Error(
          `${record.id}.${key}: the SQL generator wrote ${actual}, the repository would write ${JSON.stringify(wanted[key])}`,
        );
      }
    }
  }
}

/** The rows of a table, and its size on disk with indexes. */
export async function tableSize(
  client: pg.Client,
  table: string,
): Promise<{ rows: number; bytes: number }> {
  const { rows } = await client.query<{ n: string; bytes: string }>(
    `select count(*)::text as n, pg_total_relation_size($1)::text as bytes from "${table}"`,
    [table],
  );
  return { rows: Number(rows[0]?.n ?? 0), bytes: Number(rows[0]?.bytes ?? 0) };
}

/**
 * Runs a bulk load with the secondary indexes of `tables` dropped, then builds them again, as
 * pg_restore does: one sorted build per index is much faster than a million index insertions.
 * The primary keys stay (they check the generated ids).
 */
export async function withoutIndexes(
  client: pg.Client,
  tables: readonly string[],
  load: () => Promise<void>,
): Promise<{ loadMs: number; indexMs: number; indexes: number }> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `select i.indexname as name, i.indexdef as definition from pg_indexes i
     where i.schemaname = 'public' and i.tablename = any($1::text[])
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    [tables],
  );
  for (const index of rows) await client.query(`drop index "${index.name}"`);
  let started = performance.now();
  await load();
  const loadMs = performance.now() - started;
  started = performance.now();
  await client.query(`set maintenance_work_mem = '256MB'`);
  for (const index of rows) await client.query(index.definition);
  return { loadMs, indexMs: performance.now() - started, indexes: rows.length };
}

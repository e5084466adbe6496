/**
 * What changed in the tables the year-end review reads, told by the embedded store itself:
 * triggers on those tables send a PostgreSQL notification naming what a write touched, and the
 * API process listens (`listenToChanges`). The year-end review's cache (reports/year-end-cache.ts)
 * drops what a change makes stale.
 *
 * Only PGlite has them. It is one process's database: every write goes through that process's
 * one connection, and PGlite hands a notification to its listeners while it reads the answer to
 * the COMMIT (or to the statement, outside a transaction), so the cache has dropped a stale
 * review before the write's own request has its answer. A PostgreSQL server may have several API
 * instances and writers of its own; it computes the review natively in a few milliseconds
 * (bench/results.md) and keeps no cache, so it has no triggers: a notification is sent on
 * commit under a server-wide lock, which its writers would pay for nothing.
 *
 * What a notification names (its payload):
 * - `students:<year>`: a student whose programme starts in that year was added, removed, or
 *   changed in what the review reads of it (status, programme kind, nationality, start);
 * - `events:<from>:<to>`: an event touching the calendar years `from` to `to` (its first
 *   session less a day to its last session plus a day, in UTC) was added, changed or removed;
 * - `registrations:<event id>`: a registration for that event was added, removed, or changed
 *   in its event or status;
 * - `all`: any write to delegations, agreements, institutions, publications or awards (rare,
 *   and institutions count as of today in every year's review), or a TRUNCATE of any of them.
 *
 * A notification is sent only by a transaction that commits, once per distinct payload.
 */
import type { PGlite } from '@electric-sql/pglite';

const CHANGES_CHANNEL = 'passerelle_changes';

export type Change =
  | { kind: 'all' }
  | { kind: 'students'; year: number }
  | { kind: 'events'; from: number; to: number }
  | { kind: 'registrations'; eventId: string };

/** A notification's payload as a change; anything unknown stands for `all`. */
export function parseChange(payload: string): Change {
  const [kind, first = '', second = ''] = payload.split(':');
  const year = /^-?\d+$/;
  if (kind === 'students' && year.test(first)) return { kind, year: Number(first) };
  if (kind === 'events' && year.test(first) && year.test(second)) {
    return { kind, from: Number(first), to: Number(second) };
  }
  if (kind === 'registrations' && first !== '') {
    return { kind, eventId: payload.slice('registrations:'.length) };
  }
  return { kind: 'all' };
}

/** Tables whose every write (or truncation) is `all`. */
const WHOLE_TABLES = ['delegations', 'agreements', 'institutions', 'publications', 'awards'];

/** Tables whose writes say what they touched: the payload of a row, and when an update counts. */
const TRACKED: readonly { table: string; payload: (row: string) => string; when?: string }[] = [
  {
    table: 'students',
    payload: (row) => `'students:' || extract(year from ${row}.programme_start)::int`,
    when: ['status', 'programme_kind', 'nationality', 'programme_start']
      .map((column) => `old.${column} is distinct from new.${column}`)
      .join(' or '),
  },
  {
    // The years `loadYearEndData` reads an event for: a day of slack on each side (DAY_MS).
    table: 'events',
    payload: (row) =>
      `'events:' || extract(year from (${row}.starts_at - interval '1 day') at time zone 'UTC')::int || ':' || extract(year from (${row}.ends_at + interval '1 day') at time zone 'UTC')::int`,
  },
  {
    table: 'registrations',
    payload: (row) => `'registrations:' || ${row}.event_id`,
    when: 'old.status is distinct from new.status or old.event_id is distinct from new.event_id',
  },
];

/**
 * The triggers, as statements run in order. Inserts and deletes are told per statement (a bulk
 * load or a restore sends one notification per distinct payload, read from the transition
 * table); updates per row, and only when a field the review reads changed (`when`), so a
 * student's change of reminders costs nothing here.
 */
function triggerStatements(): string[] {
  const notify = (payload: string) => `perform pg_notify('${CHANGES_CHANNEL}', ${payload})`;
  const fn = (name: string, body: string) =>
    `create or replace function ${name}() returns trigger language plpgsql as $$ begin ${body}; return null; end $$`;
  const trigger = (name: string, table: string, rest: string) =>
    `create or replace trigger ${name} after ${rest.replace('%t', table)}`;
  const statements: string[] = [];

  for (const { table, payload, when } of TRACKED) {
    const set = `passerelle_changes_${table}_set`;
    const row = `passerelle_changes_${table}_row`;
    statements.push(
      fn(
        set,
        `${notify('p')} from (select distinct ${payload('r')} as p from changed_rows r) payloads`,
      ),
      fn(row, `${notify(payload('old'))}; ${notify(payload('new'))}`),
      trigger(
        'passerelle_changes_insert',
        table,
        `insert on %t referencing new table as changed_rows for each statement execute function ${set}()`,
      ),
      trigger(
        'passerelle_changes_delete',
        table,
        `delete on %t referencing old table as changed_rows for each statement execute function ${set}()`,
      ),
      trigger(
        'passerelle_changes_update',
        table,
        `update on %t for each row ${when === undefined ? '' : `when (${when}) `}execute function ${row}()`,
      ),
    );
  }

  // The rest, and a truncation of anything: everything.
  statements.push(fn('passerelle_changes_all', notify(`'all'`)));
  for (const table of WHOLE_TABLES) {
    statements.push(
      trigger(
        'passerelle_changes_write',
        table,
        'insert or update or delete on %t for each statement execute function passerelle_changes_all()',
      ),
    );
  }
  for (const table of [...TRACKED.map((tracked) => tracked.table), ...WHOLE_TABLES]) {
    statements.push(
      trigger(
        'passerelle_changes_truncate',
        table,
        'truncate on %t for each statement execute function passerelle_changes_all()',
      ),
    );
  }
  return statements;
}

/**
 * Creates (or replaces) the triggers; run after the migrations, on every start, so a store
 * migrated by a version without them gets them. Idempotent.
 */
export async function installChangeTriggers(client: PGlite): Promise<void> {
  await client.transaction(async (tx) => {
    for (const statement of triggerStatements()) await tx.exec(statement);
  });
}

/** Where the store's changes go; `active` once the triggers are known to be in place. */
export interface ChangeFeed {
  readonly active: boolean;
  /** Calls `listener` with every change from now on. */
  subscribe(listener: (change: Change) => void): void;
}

/** Listens to the store's notifications; the feed turns active when `activate` is called. */
export async function listenToChanges(client: PGlite): Promise<ChangeFeed & { activate(): void }> {
  const listeners = new Set<(change: Change) => void>();
  let active = false;
  await client.listen(CHANGES_CHANNEL, (payload) => {
    const change = parseChange(payload);
    for (const listener of listeners) listener(change);
  });
  return {
    get active() {
      return active;
    },
    activate() {
      active = true;
    },
    subscribe(listener) {
      listeners.add(listener);
    },
  };
}

/**
 * Statements built once. Drizzle's query builder builds a statement's SQL text and parameters
 * anew on every run: its selection, its chunks, an `is()` prototype walk per chunk. For the
 * statements every write runs (a record's insert and update, its audit entry, the idempotency
 * key's claim, an event's lock), that building cost about as much CPU as PGlite's run of the
 * statement (bench/, CPU profile of a register-and-cancel loop: drizzle 16 % of it).
 *
 * `reusable` builds a statement once, with placeholders (`sql.placeholder('id')`) for its
 * values, and keeps what drizzle hands its session to prepare: the SQL text, the parameters,
 * the selected fields. Each run then prepares that on the session of the database or
 * transaction it is given, as drizzle's own `.prepare()` does, and executes it with the values.
 * So a reusable statement runs in whatever transaction its caller is in (the ambient one of an
 * idempotent request included: the store's database resolves to it). On PostgreSQL it is a
 * named statement, parsed once per connection; on PGlite, the statement cache
 * (pglite-statements.ts) keys it by its text as any other.
 */
import {
  PgDatabase,
  PgDialect,
  type PgQueryResultHKT,
  type PgSession,
  type PgTable,
  type PgUpdateSetSource,
} from 'drizzle-orm/pg-core';
import type { Queryable } from './store';

type PrepareArgs = Parameters<PgSession['prepareQuery']>;

/** A built statement: drizzle's builders (`select`, `insert`, `update`, `delete`) have `prepare`. */
export interface Preparable {
  prepare(name: string): { execute(values?: Record<string, unknown>): Promise<unknown> };
}

export type Run<Q extends Preparable> = (
  db: Queryable,
  values: Record<string, unknown>,
) => ReturnType<ReturnType<Q['prepare']>['execute']>;

/** What drizzle asked its session to prepare when `build` was prepared. */
function recordPreparation(name: string, build: (db: Queryable) => Preparable) {
  let recorded: PrepareArgs | undefined;
  const dialect = new PgDialect();
  // Drizzle sets a field or two on what its session gives back; nothing runs it.
  const stub = { setToken: () => stub };
  const recorder = {
    prepareQuery(...args: PrepareArgs) {
      recorded = args;
      return stub;
    },
  } as unknown as PgSession<PgQueryResultHKT>;
  const built = build(new PgDatabase(dialect, recorder, undefined));
  const prepared = built.prepare(name);
  if (recorded === undefined) {
    throw new Error(`statement ${name}: drizzle did not prepare it through its session`);
  }
  return { args: recorded, joins: Reflect.get(prepared, 'joinsNotNullableMap') as unknown };
}

/**
 * A statement built by `build` once, run on any database or transaction with the values of its
 * placeholders. `name` names it (on PostgreSQL, per connection): one name per SQL text.
 */
export function reusable<Q extends Preparable>(name: string, build: (db: Queryable) => Q): Run<Q> {
  let recorded: ReturnType<typeof recordPreparation> | undefined;
  return ((db: Queryable, values: Record<string, unknown>) => {
    recorded ??= recordPreparation(name, build);
    const prepared = db._.session.prepareQuery(...recorded.args);
    if (recorded.joins !== undefined) Reflect.set(prepared, 'joinsNotNullableMap', recorded.joins);
    return prepared.execute(values);
  }) as Run<Q>;
}

/**
 * `values` as the `set` of an update of `table`: drizzle takes placeholders there (each goes
 * through its column's encoder as a value would), though its types admit only values, SQL and
 * columns.
 */
export function setOf<T extends PgTable>(
  _table: T,
  values: Record<string, unknown>,
): PgUpdateSetSource<T> {
  return values as PgUpdateSetSource<T>;
}

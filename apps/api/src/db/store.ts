/**
 * The store: PGlite (PostgreSQL in WebAssembly) persisted in a data directory, or a PostgreSQL
 * server when a connection string is given. Both expose the same drizzle database over the
 * same schema, migrated by the same SQL files.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, types } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { type ChangeFeed, installChangeTriggers, listenToChanges } from './changes';
import { withPreparedStatements } from './pglite-statements';

/**
 * The database every repository and route works with, whichever driver is underneath. Drizzle
 * without a schema: the API writes its queries with the query builder and never uses
 * relational queries (`db.query.…`), which would make every transaction and savepoint build
 * a query builder per table (bench/: a measurable share of a registration's CPU).
 */
export type Db = PgDatabase<PgQueryResultHKT>;
/** A transaction; it can stand wherever a `Db` is expected. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything that runs queries: the database or an open transaction. */
export type Queryable = Db | Tx;

export interface Store {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** Applies the SQL migrations that have not run yet. */
  migrate(): Promise<void>;
  /** Resolves when the database answers a query. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /**
   * The embedded store's own account of what its writes changed (db/changes.ts), active once
   * `migrate` has run; absent on PostgreSQL.
   */
  readonly changes?: ChangeFeed;
}

export interface StoreOptions {
  /** PostgreSQL connection string; when absent, PGlite in `dataDir`. */
  databaseUrl?: string | undefined;
  /**
   * PostgreSQL only: how long to wait for a connection, and for a query's answer, before the
   * request fails (503) instead of hanging while the server is away (defaults 5 s and 60 s).
   */
  connectTimeoutMs?: number;
  queryTimeoutMs?: number;
  /** Directory of the embedded store (its database lives in `<dataDir>/pglite`). */
  dataDir: string;
  /** Where the drizzle-kit migrations are; found next to the package by default. */
  migrationsFolder?: string;
}

/** The `drizzle/` folder of this package, from the source tree or from `dist/`. */
export function findMigrationsFolder(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '../drizzle'), join(here, '../../drizzle')];
  for (const candidate of candidates) {
    if (existsSync(join(candidate, 'meta/_journal.json'))) return candidate;
  }
  throw new Error(`Cannot find the SQL migrations (looked in ${candidates.join(', ')})`);
}

export async function openStore(options: StoreOptions): Promise<Store> {
  const migrationsFolder = options.migrationsFolder ?? findMigrationsFolder();
  return options.databaseUrl === undefined
    ? openPglite(options.dataDir, migrationsFolder)
    : openPostgres(options.databaseUrl, migrationsFolder, {
        connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
        queryTimeoutMs: options.queryTimeoutMs ?? 60_000,
      });
}

const ambientTransaction = new AsyncLocalStorage<Tx>();

/**
 * The store's database as the app uses it: inside `withinTransaction`, every query made through
 * it joins that transaction (a nested `transaction()` becomes a savepoint). Besides making a
 * whole request atomic, this keeps PGlite from waiting on itself: its one connection runs one
 * transaction at a time, so a query made outside the open transaction would wait for ever.
 */
function ambient(db: Db): Db {
  return new Proxy(db, {
    get(target, property, receiver) {
      const tx = ambientTransaction.getStore();
      if (tx === undefined) return Reflect.get(target, property, receiver);
      const value: unknown = Reflect.get(tx, property, tx);
      return typeof value === 'function' ? value.bind(tx) : value;
    },
  });
}

/**
 * Runs `work` in one transaction that every use of a store's `db` within it joins, whatever
 * reference to the database the code holds (see `ambient`). Used by the Idempotency-Key
 * middleware: the write and the stored response commit together or not at all.
 */
export function withinTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction((tx) => ambientTransaction.run(tx, () => work(tx)));
}

/** Whether the caller runs inside a request's transaction (`withinTransaction`). */
export function inAmbientTransaction(): boolean {
  return ambientTransaction.getStore() !== undefined;
}

const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  // admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
const unavailableMessage =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|connection error|Client was closed|Cannot use a pool after calling end|PGlite is clos(ed|ing)/i;

/**
 * Whether an error means the database is away (refused or lost connection, shutting down or
 * starting up, time-out), which the API answers with 503 rather than 500.
 */
export function isStoreUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; depth < 5; depth++) {
    if (typeof current !== 'object' || current === null) return false;
    if ('code' in current && typeof current.code === 'string') {
      if (unavailableCodes.has(current.code) || current.code.startsWith('08')) return true;
    }
    if (current instanceof Error && unavailableMessage.test(current.message)) return true;
    current = 'cause' in current ? current.cause : undefined;
  }
  return false;
}

async function openPglite(dataDir: string, migrationsFolder: string): Promise<Store> {
  // PGlite creates only the last folder of its path.
  const root = resolve(dataDir);
  mkdirSync(root, { recursive: true });
  const client = await PGlite.create(join(root, 'pglite'), { extensions: { pg_trgm } });
  await keepUsedParsers(client);
  await keepGenericPlans(client);
  const db = drizzlePglite({ client: withPreparedStatements(client) });
  const changes = await listenToChanges(client);
  return {
    kind: 'pglite',
    db: ambient(db),
    changes,
    async migrate() {
      await migratePglite(db, { migrationsFolder });
      await installChangeTriggers(client);
      changes.activate();
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

/**
 * PGlite runs the API's queries as prepared statements (pglite-statements.ts), but PostgreSQL
 * plans a statement with parameters afresh on each run while it judges a plan made for the
 * values at hand cheaper than its generic plan, which, for a read that filters on a parameter,
 * it often does; planning in WebAssembly (the sizes of the table and of each index read through
 * Emscripten's file system) cost about 0.3 ms a run, three times the run itself, for an event's
 * registrations. The embedded store holds one office's data, so it keeps each statement's
 * generic plan from its first run (`plan_cache_mode`); PostgreSQL, which plans natively and
 * holds larger tables, decides as it does by default. In the bot's benchmark, answers over
 * 5 ms fell by a third (bench/results.md).
 */
export async function keepGenericPlans(client: PGlite): Promise<void> {
  await client.exec('set plan_cache_mode = force_generic_plan');
}

/**
 * PGlite copies its whole table of result parsers into a new object on every query (one entry
 * per type with an array type: about 320), which cost 70 µs of a 170 µs `select 1` on this
 * machine, more than the query itself (bench/results.md, "What the profiles showed"). The API
 * reads only the base types PGlite parses (booleans, numbers, text, JSON, dates, bytea) and
 * arrays of them, so only those parsers are kept; a value of another type, or an array of one,
 * would come back as PostgreSQL's text form, as any type PGlite has no parser for does.
 */
export async function keepUsedParsers(client: PGlite): Promise<void> {
  const base = Object.keys(types.parsers)
    .map(Number)
    .filter((oid) => Number.isInteger(oid));
  const arrays = await client.query<{ typarray: number }>(
    'select typarray from pg_type where oid = any($1::oid[]) and typarray <> 0',
    [base],
  );
  const used = new Set([...base, ...arrays.rows.map((row) => row.typarray)]);
  client.parsers = Object.fromEntries(
    Object.entries(client.parsers).filter(([oid]) => used.has(Number(oid))),
  );
}

/** An arbitrary constant: the advisory lock that keeps two instances from migrating at once. */
const MIGRATION_LOCK = 7_152_024;

async function openPostgres(
  url: string,
  migrationsFolder: string,
  timeouts: { connectTimeoutMs: number; queryTimeoutMs: number },
): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: timeouts.connectTimeoutMs,
    query_timeout: timeouts.queryTimeoutMs,
  });
  // An idle client's network error must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const db = drizzleNodePg({ client: pool });
  let closed = false;
  return {
    kind: 'postgres',
    db: ambient(db),
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
        try {
          await migrateNodePg(drizzleNodePg({ client }), { migrationsFolder });
        } finally {
          await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
        }
      } finally {
        client.release();
      }
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

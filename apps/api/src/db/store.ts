/**
 * The store: PGlite (PostgreSQL in WebAssembly) persisted in a data directory, or a PostgreSQL
 * server when a connection string is given. Both expose the same drizzle database over the
 * same schema, migrated by the same SQL files.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;

/** The database every repository and route works with, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
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
}

export interface StoreOptions {
  /** PostgreSQL connection string; when absent, PGlite in `dataDir`. */
  databaseUrl?: string | undefined;
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
    : openPostgres(options.databaseUrl, migrationsFolder);
}

async function openPglite(dataDir: string, migrationsFolder: string): Promise<Store> {
  // PGlite creates only the last folder of its path.
  const root = resolve(dataDir);
  mkdirSync(root, { recursive: true });
  const client = await PGlite.create(join(root, 'pglite'), { extensions: { pg_trgm } });
  const db = drizzlePglite({ client, schema });
  return {
    kind: 'pglite',
    db,
    migrate: () => migratePglite(db, { migrationsFolder }),
    async ping() {
      await db.execute(sql`select 1`);
    },
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

/** An arbitrary constant: the advisory lock that keeps two instances from migrating at once. */
const MIGRATION_LOCK = 7_152_024;

async function openPostgres(url: string, migrationsFolder: string): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client's network error must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const db = drizzleNodePg({ client: pool, schema });
  let closed = false;
  return {
    kind: 'postgres',
    db,
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
        try {
          await migrateNodePg(drizzleNodePg({ client, schema }), { migrationsFolder });
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

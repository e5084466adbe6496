/**
 * A PostgreSQL database of the benchmark's own, created on the TEST_DATABASE_URL server under a
 * unique name and dropped at the end, so the shared `test` database is never filled.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface BenchDatabase {
  name: string;
  url: string;
  /** A client of this database for the driver's own statements (seeding, ANALYZE). */
  client(): Promise<pg.Client>;
  drop(): Promise<void>;
}

const created = new Set<BenchDatabase>();

export async function createBenchDatabase(
  serverUrl: string,
  label: string,
): Promise<BenchDatabase> {
  const name = `passerelle_bench_${label}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  const database: BenchDatabase = {
    name,
    url: url.toString(),
    async client() {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      return client;
    },
    async drop() {
      if (dropped) return;
      dropped = true;
      created.delete(database);
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
  created.add(database);
  return database;
}

/** Drops every database this run created and has not dropped yet (on failure or Ctrl-C). */
export async function dropAllBenchDatabases(): Promise<void> {
  for (const database of [...created]) {
    try {
      await database.drop();
    } catch (error) {
      console.error(`could not drop ${database.name}: ${String(error)}`);
    }
  }
}

/** The server's version, for the report. */
export async function postgresVersion(serverUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    return `PostgreSQL ${rows[0]?.server_version ?? '?'}`;
  } finally {
    await client.end();
  }
}

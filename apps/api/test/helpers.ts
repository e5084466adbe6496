/**
 * Shared test helpers: a real API over HTTP on a random port, on PGlite in a temp directory or
 * on a fresh PostgreSQL database (when TEST_DATABASE_URL is set), with the fixture world and
 * a token per role.
 *
 *   const api = await startTestApi({ store: 'pglite' });
 *   const res = await api.fetch('/v1/students', { token: api.tokens.staff });
 *   await api.close();
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { serve } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { onTestFinished } from 'vitest';
import { createApp } from '../src/app';
import { createToken } from '../src/auth/tokens';
import { rowsOf } from '../src/backup/tables';
import { type Config, defaultConfig } from '../src/config';
import { isStoreUnavailable, openStore, type Queryable, type Store } from '../src/db/store';
import { type DemoDataSet, insertDemoData } from '../src/demo';
import { answerClientErrors } from '../src/http/client-errors';
import type { App } from '../src/http/context';
import { createLogger } from '../src/logger';
import { storeRecordProblems } from '../src/repositories/all';
import { fixtures, ids } from './fixtures';

export type StoreKind = 'pglite' | 'postgres';

/** The stores the suite runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const storeKinds: StoreKind[] = process.env.TEST_DATABASE_URL
  ? ['pglite', 'postgres']
  : ['pglite'];

export interface TestTokens {
  admin: string;
  staff: string;
  service: string;
  student: { token: string; studentId: string };
  /** A token of the other fixture student. */
  otherStudent: { token: string; studentId: string };
}

/** A clock the test moves by hand. */
export interface TestClock {
  now(): Date;
  set(date: Date | string): void;
  advance(ms: number): void;
}

export function testClock(start: string | Date = '2025-11-20T09:00:00.000Z'): TestClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (date) => {
      current = new Date(date);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

export interface FetchOptions {
  method?: string;
  token?: string;
  /** A value to send as JSON, or a string sent as it is. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface TestApi {
  url: string;
  tokens: TestTokens;
  store: Store;
  clock: TestClock;
  config: Config;
  /** Every log line the API wrote. */
  logs: string[];
  fetch(path: string, options?: FetchOptions): Promise<Response>;
  /** fetch and parse the JSON body. */
  json<T = JsonValue>(
    path: string,
    options?: FetchOptions,
  ): Promise<{ status: number; body: T; headers: Headers }>;
  close(): Promise<void>;
}

export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };
/** A JSON object from a response, for tests (fields read with `body.field`). */
export type JsonObject = { [key: string]: JsonValue };

export interface StartOptions {
  store?: StoreKind;
  /** Reuse a data directory (PGlite) to test persistence; otherwise a new temp directory. */
  dataDir?: string;
  /** Load the fixture world and create the tokens (default true). */
  seed?: boolean;
  data?: DemoDataSet;
  config?: Partial<Config>;
  clock?: TestClock;
  /** Add routes before serving (e.g. one that throws, to test the 500 path). */
  extend?: (app: App) => void;
  /** Keep the data directory on close (for persistence tests). */
  keepDataDir?: boolean;
}

export async function startTestApi(options: StartOptions = {}): Promise<TestApi> {
  const kind = options.store ?? 'pglite';
  const clock = options.clock ?? testClock();
  const config = defaultConfig({ LOG_LEVEL: 'info', ...options.config });
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'passerelle-api-')));
  const database = kind === 'postgres' ? await createTestDatabase() : undefined;
  const store = await openStore({ databaseUrl: database?.url, dataDir });
  await store.migrate();

  const tokens =
    options.seed === false
      ? emptyTokens()
      : await seed(store, options.data ?? fixtures(), clock.now());

  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createLogger(config, sink);
  const app = createApp({ store, config, logger, now: clock.now });
  options.extend?.(app);

  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  answerClientErrors(server);
  await new Promise<void>((resolve) => {
    if (server.listening) resolve();
    else server.once('listening', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const doFetch = (path: string, fetchOptions: FetchOptions = {}) => {
    const headers: Record<string, string> = { ...fetchOptions.headers };
    if (fetchOptions.token !== undefined) headers.authorization = `Bearer ${fetchOptions.token}`;
    let body: string | undefined;
    if (fetchOptions.body !== undefined) {
      body =
        typeof fetchOptions.body === 'string'
          ? fetchOptions.body
          : JSON.stringify(fetchOptions.body);
      headers['content-type'] ??= 'application/json';
    }
    return fetch(`${url}${path}`, {
      method: fetchOptions.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      ...(body === undefined ? {} : { body }),
    });
  };

  return {
    url,
    tokens,
    store,
    clock,
    config,
    logs,
    fetch: doFetch,
    async json<T = JsonValue>(path: string, fetchOptions?: FetchOptions) {
      const response = await doFetch(path, fetchOptions);
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: (text === '' ? null : JSON.parse(text)) as T,
      };
    },
    async close() {
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // The API reads records back without checking them (db/records.ts `storedRecord`): every
      // test that wrote through it checks here that it stored them in the schema's form.
      const problems = await storeRecordProblems(store.db).catch((error: unknown) => {
        // A test that stopped the store itself has nothing left to check.
        if (isStoreUnavailable(error)) return [];
        throw error;
      });
      await store.close();
      await database?.drop();
      if (options.dataDir === undefined && options.keepDataDir !== true) {
        await rm(dataDir, { recursive: true, force: true });
      }
      if (problems.length > 0) {
        throw new Error(
          `records stored in another form than the schema's: ${JSON.stringify(problems)}`,
        );
      }
    },
  };
}

function emptyTokens(): TestTokens {
  return {
    admin: '',
    staff: '',
    service: '',
    student: { token: '', studentId: '' },
    otherStudent: { token: '', studentId: '' },
  };
}

async function seed(store: Store, data: DemoDataSet, now: Date): Promise<TestTokens> {
  await insertDemoData(store.db, data);
  const token = async (input: Parameters<typeof createToken>[1]) =>
    (await createToken(store.db, input, now)).token;
  return {
    admin: await token({ role: 'admin', name: 'Test admin', staffId: ids.admin }),
    staff: await token({ role: 'staff', name: 'Test staff', staffId: ids.staff }),
    service: await token({ role: 'service', name: 'Test bot' }),
    student: {
      token: await token({ role: 'student', name: 'Test student', studentId: ids.student }),
      studentId: ids.student,
    },
    otherStudent: {
      token: await token({ role: 'student', name: 'Other student', studentId: ids.other }),
      studentId: ids.other,
    },
  };
}

/** A new, uniquely named database on the TEST_DATABASE_URL server, dropped on close. */
async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (base === undefined) throw new Error('TEST_DATABASE_URL is not set');
  const name = `passerelle_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Asserts a problem+json response and returns its body. */
export async function expectProblem(
  response: Response,
  status: number,
  type: string,
): Promise<JsonObject> {
  const text = await response.text();
  if (response.status !== status) {
    throw new Error(`expected ${status} ${type}, got ${response.status}: ${text}`);
  }
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.startsWith('application/problem+json')) {
    throw new Error(`expected application/problem+json, got ${contentType}: ${text}`);
  }
  const body = JSON.parse(text) as JsonObject;
  const expectedType = `urn:passerelle:problem:${type}`;
  if (body.type !== expectedType) throw new Error(`expected type ${expectedType}, got ${text}`);
  if (body.status !== status) throw new Error(`status in body is ${String(body.status)}`);
  if (
    typeof body.requestId !== 'string' ||
    body.requestId !== response.headers.get('x-request-id')
  ) {
    throw new Error(`requestId missing or different from X-Request-Id: ${text}`);
  }
  return body;
}

/** The columns of `table` the query planner has statistics for (`pg_stats`), sorted. */
export async function statisticsOf(db: Queryable, table: string): Promise<string[]> {
  const rows = await rowsOf<{ attname: string }>(
    db,
    sql`select attname from pg_stats where schemaname = 'public' and tablename = ${table} order by attname`,
  );
  return rows.map((row) => row.attname);
}

/** A new empty directory under the system's temporary one, removed when the test ends. */
export async function temporaryDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * The server under test for the API-overhead benchmarks, in a process of its own: one store
 * (PGlite in a temp directory, or a PostgreSQL database), the whole API (`createApp`, the same
 * app `npm start` serves, logging to this process's stdout) and the baseline app over it, each
 * on its own loopback port. It counts the SQL statements the store runs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { createApp } from '../../../apps/api/src/app';
import { defaultConfig } from '../../../apps/api/src/config';
import { openStore, type Store } from '../../../apps/api/src/db/store';
import { type DemoTokens, setUpDemo } from '../../../apps/api/src/demo';
import { createLogger } from '../../../apps/api/src/logger';
import { studentRepository } from '../../../apps/api/src/repositories/students';
import { benchStudent, benchStudentId } from '../data/generate';
import { bulkInsert, type Execute } from '../data/seed';
import { serveRpc } from '../rpc';
import { createBaselineApp } from './baseline';
import { countQueries, type QueryCounts } from './count';

export const STUDENT_OPTIONS = {
  startFrom: '2024-09-01',
  startSpreadDays: 730,
  createdFrom: '2024-06-01T00:00:00.000Z',
};

interface Opened {
  store: Store;
  dataDir: string;
  counts: QueryCounts;
  servers: ServerType[];
}

let opened: Opened | undefined;

function current(): Opened {
  if (opened === undefined) throw new Error('call open first');
  return opened;
}

function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<ServerType> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(server));
  });
}

const urlOf = (server: ServerType) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const handlers = {
  /** Opens and migrates the store, loads the demo data and `students` generated students. */
  async open(params: {
    databaseUrl?: string;
    students: number;
  }): Promise<{ kind: string; tokens: DemoTokens; studentId: string }> {
    const dataDir = await mkdtemp(join(tmpdir(), 'passerelle-bench-'));
    const store = await openStore({ databaseUrl: params.databaseUrl, dataDir });
    await store.migrate();
    const logger = createLogger({ LOG_LEVEL: 'silent' });
    const tokens = await setUpDemo(store.db, { now: new Date(), withData: true, logger });
    const client: unknown = Reflect.get(store.db, '$client');
    const execute: Execute = async (text, values) => {
      const query: unknown =
        typeof client === 'object' && client !== null ? Reflect.get(client, 'query') : undefined;
      if (typeof query !== 'function') throw new Error('no driver client');
      await Reflect.apply(query, client, [text, values]);
    };
    await bulkInsert(execute, studentRepository, {
      from: 0,
      to: params.students,
      make: (n) => benchStudent(n, STUDENT_OPTIONS),
    });
    const counts = countQueries(store.db);
    opened = { store, dataDir, counts, servers: [] };
    return { kind: store.kind, tokens, studentId: benchStudentId(Math.floor(params.students / 2)) };
  },

  /** Serves the whole API and the baseline; logs go to stdout (one JSON line per request). */
  async serve(): Promise<{ api: string; baseline: string }> {
    const state = current();
    const config = defaultConfig({ LOG_LEVEL: 'info' });
    const app = createApp({ store: state.store, config, logger: createLogger(config) });
    const api = await listen(app.fetch);
    const baseline = await listen(createBaselineApp(state.store.db).fetch);
    state.servers.push(api, baseline);
    return { api: urlOf(api), baseline: urlOf(baseline) };
  },

  /** The statements run so far, and the CPU time this process has used (microseconds). */
  async probe(): Promise<QueryCounts & { cpuMicros: number }> {
    const cpu = process.cpuUsage();
    return { ...current().counts, cpuMicros: cpu.user + cpu.system };
  },

  async memory(): Promise<NodeJS.MemoryUsage> {
    return process.memoryUsage();
  },

  async close(): Promise<void> {
    const state = opened;
    if (state === undefined) return;
    opened = undefined;
    for (const server of state.servers) {
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await state.store.close();
    await rm(state.dataDir, { recursive: true, force: true });
  },
};

export type TargetHandlers = typeof handlers;

serveRpc(handlers);

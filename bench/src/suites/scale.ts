/**
 * Scale: one page (50 rows, a filter and a cursor) of /v1/students and /v1/events when the
 * tables hold 1,000 rows and when they hold 1,000,000 (100,000 with --quick), on PostgreSQL.
 * Two databases side by side, each behind its own API process (apps/api/src/server.ts, as
 * `npm start` runs it), measured in alternation, so the ratio is not the drift of the machine.
 * The large tables are loaded with INSERT … SELECT generate_series, the secondary indexes
 * dropped during the load and built again after it; every phase is timed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { eventRepository } from '../../../apps/api/src/repositories/events';
import { studentRepository } from '../../../apps/api/src/repositories/students';
import { type ApiProcess, startApiProcess } from '../api-process';
import type { BenchContext } from '../context';
import { type BenchDatabase, createBenchDatabase } from '../data/database';
import { benchEvent, benchStudent } from '../data/generate';
import {
  insertEvents,
  insertStudents,
  type Query,
  tableSize,
  verifySample,
  withoutIndexes,
} from '../data/sql';
import { compare } from '../load/compare';
import { rssOf } from '../machine';
import { fmt, megabytes, seconds } from '../stats';

export const SMALL_ROWS = 1000;
const TARGET = 1.5;
const CONNECTIONS = 4;

/** Students and events spread over ten years, created one second apart. */
export const SCALE_SPREAD = {
  startFrom: '2016-01-01',
  startSpreadDays: 3650,
  createdFrom: '2016-01-01T00:00:00.000Z',
};

const PAGES = [
  { name: 'students', path: '/v1/students?status=active&limit=50' },
  { name: 'events', path: '/v1/events?kind=academic_seminar&limit=50' },
] as const;

interface Side {
  rows: number;
  database: BenchDatabase;
  dataDir: string;
  api: ApiProcess;
  client: pg.Client;
}

async function openSide(context: BenchContext, serverUrl: string, rows: number): Promise<Side> {
  const database = await createBenchDatabase(serverUrl, rows >= 100_000 ? 'large' : 'small');
  const dataDir = await mkdtemp(join(tmpdir(), 'passerelle-bench-api-'));
  const api = await startApiProcess(context, {
    label: `scale-api-${rows}`,
    dataDir,
    databaseUrl: database.url,
  });
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  return { rows, database, dataDir, api, client };
}

async function closeSide(side: Side | undefined): Promise<void> {
  if (side === undefined) return;
  await side.client.end().catch(() => undefined);
  await side.api.stop();
  await side.database.drop();
  await rm(side.dataDir, { recursive: true, force: true });
}

/** The URL of the second page of `path` (the first page's cursor), checked to hold 50 rows. */
async function secondPage(side: Side, path: string): Promise<string> {
  const headers = { authorization: `Bearer ${side.api.tokens.staff}` };
  const first = await fetch(`${side.api.url}${path}`, { headers });
  const body = (await first.json()) as { data: unknown[]; next_cursor: string | null };
  if (first.status !== 200 || body.next_cursor === null) {
    throw new Error(`${path} on ${side.rows} rows: ${first.status}, no next page`);
  }
  const url = `${side.api.url}${path}&cursor=${encodeURIComponent(body.next_cursor)}`;
  const second = await fetch(url, { headers });
  const page = (await second.json()) as { data: unknown[] };
  if (second.status !== 200 || page.data.length !== 50) {
    throw new Error(
      `${path} page 2 on ${side.rows} rows: ${second.status}, ${page.data.length} rows`,
    );
  }
  return url;
}

export async function scale(context: BenchContext): Promise<void> {
  const serverUrl = context.databaseUrl;
  if (serverUrl === undefined) throw new Error('needs TEST_DATABASE_URL');
  const { results } = context;
  const large = context.scaleRows;
  const group = `Scale, PostgreSQL (${SMALL_ROWS.toLocaleString('en-US')} vs ${large.toLocaleString('en-US')} rows)`;
  let small: Side | undefined;
  let big: Side | undefined;
  try {
    context.log('Scale: two databases and two API processes');
    const smallSide = await openSide(context, serverUrl, SMALL_ROWS);
    small = smallSide;
    big = await openSide(context, serverUrl, large);
    const rssStarted = rssOf(big.api.pid);

    const span = { from: 0, to: SMALL_ROWS };
    const smallQuery: Query = (text, params) => smallSide.client.query(text, params);
    await insertStudents(smallQuery, span, SCALE_SPREAD);
    await insertEvents(smallQuery, span, SCALE_SPREAD);
    await small.client.query('vacuum analyze students, events');

    context.log(`Scale: loading ${large.toLocaleString('en-US')} students and as many events`);
    const bigClient = big.client;
    const bigQuery: Query = (text, params) => bigClient.query(text, params);
    const progress = (what: string) => (written: number) => {
      if (written % 200_000 === 0 || written === large) {
        context.log(`  ${what}: ${written.toLocaleString('en-US')}`);
      }
    };
    const load = await withoutIndexes(bigClient, ['students', 'events'], async () => {
      await insertStudents(
        bigQuery,
        { from: 0, to: large, progress: progress('students') },
        SCALE_SPREAD,
      );
      await insertEvents(
        bigQuery,
        { from: 0, to: large, progress: progress('events') },
        SCALE_SPREAD,
      );
    });
    const analyzeStarted = performance.now();
    await bigClient.query('vacuum analyze students, events');
    const analyzeMs = performance.now() - analyzeStarted;
    const sample = [0, 1, 19, 285, Math.floor(large / 2), large - 1];
    await verifySample(
      bigQuery,
      studentRepository,
      sample.map((n) => benchStudent(n, SCALE_SPREAD)),
    );
    await verifySample(
      bigQuery,
      eventRepository,
      sample.map((n) => benchEvent(n, SCALE_SPREAD)),
    );
    const studentsSize = await tableSize(bigClient, 'students');
    const eventsSize = await tableSize(bigClient, 'events');
    const totalMs = load.loadMs + load.indexMs + analyzeMs;
    results.add({
      group,
      measure: `seeding ${large.toLocaleString('en-US')} students + ${large.toLocaleString('en-US')} events (INSERT … SELECT generate_series)`,
      value: `${seconds(totalMs)}: rows ${seconds(load.loadMs)}, ${load.indexes} indexes ${seconds(load.indexMs)}, VACUUM ANALYZE ${seconds(analyzeMs)}`,
      baseline: `${fmt((2 * large) / (totalMs / 1000))} rows/s overall`,
    });
    results.note(
      `${group}: the tables on disk with their indexes: students ${megabytes(studentsSize.bytes)} (${studentsSize.rows.toLocaleString('en-US')} rows, demo data included), events ${megabytes(eventsSize.bytes)}. Sampled rows read back match the API's own repositories column by column.`,
    );

    for (const page of PAGES) {
      const smallUrl = await secondPage(small, page.path);
      const bigUrl = await secondPage(big, page.path);
      context.log(`Scale: ${page.path} page 2, ${SMALL_ROWS} vs ${large} rows`);
      const compared = await compare(context, [
        {
          name: 'small',
          spec: {
            url: smallUrl,
            headers: { authorization: `Bearer ${small.api.tokens.staff}` },
            connections: CONNECTIONS,
          },
        },
        {
          name: 'large',
          spec: {
            url: bigUrl,
            headers: { authorization: `Bearer ${big.api.tokens.staff}` },
            connections: CONNECTIONS,
          },
        },
      ]);
      const a = compared.get('small');
      const b = compared.get('large');
      if (a === undefined || b === undefined) throw new Error('missing runs');
      if (a.failures + b.failures > 0) throw new Error(`${page.path}: failed requests`);
      const cost = a.rps / b.rps;
      results.add({
        group,
        measure: `GET ${page.path}&cursor=… (page 2): cost at ${large.toLocaleString('en-US')} rows ÷ at ${SMALL_ROWS.toLocaleString('en-US')}`,
        value: `${fmt(b.rps)} req/s, p50 ${fmt(b.p50)} ms`,
        baseline: `${fmt(a.rps)} req/s, p50 ${fmt(a.p50)} ms`,
        ratio: cost,
        target: `≤ ${TARGET}`,
        met: cost <= TARGET,
      });
    }

    const rssAfter = rssOf(big.api.pid);
    results.add({
      group: 'Memory',
      measure: `API process RSS on PostgreSQL: after start-up (demo data) → after the ${large.toLocaleString('en-US')}-row benchmark`,
      value: `${rssAfter === undefined ? '—' : megabytes(rssAfter)}`,
      baseline: `${rssStarted === undefined ? '—' : megabytes(rssStarted)} after start-up`,
    });
  } finally {
    await closeSide(small);
    await closeSide(big);
  }
}

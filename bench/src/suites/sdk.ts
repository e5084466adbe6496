/**
 * SDK overhead: a keyed read (`client.students.get(id)`) against the same request made with
 * plain `fetch` and `response.json()`, from this process, against the API in its own process
 * (apps/api/src/server.ts on PGlite with the demo data). Eight requests in flight. The two run
 * in short back-to-back pairs (SDK then fetch, fetch then SDK, …); each pair gives a ratio of
 * reads per second, and the figure is the median of those ratios, with their interquartile
 * range beside it: a drift of the shared machine touches both sides of a pair alike, where
 * medians taken apart over longer rounds moved from 0.87 to 1.12 between runs. The client's
 * CPU per read is beside it. Also the API process's resident memory after start-up, under tsx
 * and built (apps/api/dist/server.js, what `npm start` runs).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { StudentId } from '@passerelle/core';
import { Passerelle } from '@passerelle/sdk';
import { buildApi, startApiProcess } from '../api-process';
import type { BenchContext } from '../context';
import { rssOf } from '../machine';
import { fmt, median, megabytes, percentile } from '../stats';

const TARGET = 0.9;
const IN_FLIGHT = 8;
/** Pairs per comparison round of the driver (`context.rounds`), each side `PAIR_SECONDS` long. */
const PAIRS_PER_ROUND = 4;
const PAIR_SECONDS = 1;

interface Drive {
  rps: number;
  cpuMicros: number;
}

/** Calls `call` from `inFlight` loops for `seconds`. */
async function drive(
  seconds: number,
  inFlight: number,
  call: () => Promise<unknown>,
): Promise<Drive> {
  let count = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < deadline) {
        await call();
        count++;
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return {
    rps: count / ((performance.now() - started) / 1000),
    cpuMicros: (used.user + used.system) / count,
  };
}

export async function sdkOverhead(context: BenchContext): Promise<void> {
  const { results } = context;
  const group = 'SDK overhead, PGlite';
  const dataDir = await mkdtemp(join(tmpdir(), 'passerelle-bench-api-'));
  context.log('SDK: starting the API (server.ts, PGlite, demo data)');
  const api = await startApiProcess(context, { label: 'sdk-api', dataDir });
  try {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const rss = rssOf(api.pid);
    results.add({
      group: 'Memory',
      measure: 'API process RSS after start-up (server.ts under tsx, PGlite, demo data loaded)',
      value: rss === undefined ? '—' : megabytes(rss),
      baseline: `start-up took ${(api.startMs / 1000).toFixed(1)} s`,
    });

    const id = StudentId.parse(api.tokens.student.studentId);
    const client = new Passerelle({ baseUrl: api.url, token: api.tokens.staff, maxRetries: 0 });
    const url = `${api.url}/v1/students/${encodeURIComponent(id)}`;
    const headers = { authorization: `Bearer ${api.tokens.staff}`, accept: 'application/json' };
    const viaSdk = async () => client.students.get(id);
    const viaFetch = async () => {
      const response = await fetch(url, { headers });
      if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
      return (await response.json()) as unknown;
    };
    if (!isDeepStrictEqual(await viaSdk(), await viaFetch())) {
      throw new Error('the SDK and fetch read different records');
    }

    const pairs = context.rounds * PAIRS_PER_ROUND;
    context.log(`SDK: client.students.get vs fetch, ${pairs} pairs of ${PAIR_SECONDS} s runs`);
    await drive(context.warmSeconds, IN_FLIGHT, viaSdk);
    await drive(context.warmSeconds, IN_FLIGHT, viaFetch);
    const sdk: Drive[] = [];
    const plain: Drive[] = [];
    const ratios: number[] = [];
    for (let pair = 0; pair < pairs; pair++) {
      const sdkFirst = pair % 2 === 0;
      const first = await drive(PAIR_SECONDS, IN_FLIGHT, sdkFirst ? viaSdk : viaFetch);
      const second = await drive(PAIR_SECONDS, IN_FLIGHT, sdkFirst ? viaFetch : viaSdk);
      const [viaClient, viaPlain] = sdkFirst ? [first, second] : [second, first];
      sdk.push(viaClient);
      plain.push(viaPlain);
      ratios.push(viaClient.rps / viaPlain.rps);
    }
    const ratio = median(ratios);
    results.add({
      group,
      measure: `keyed read: client.students.get(id) vs fetch + json(), reads/s (8 in flight), median of ${pairs} paired ratios`,
      value: `${fmt(median(sdk.map((run) => run.rps)))} reads/s, client CPU ${fmt(median(sdk.map((run) => run.cpuMicros)))} µs/read`,
      baseline: `${fmt(median(plain.map((run) => run.rps)))} reads/s, client CPU ${fmt(median(plain.map((run) => run.cpuMicros)))} µs/read`,
      ratio,
      target: `≥ ${TARGET}`,
      met: ratio >= TARGET,
    });
    results.note(
      `${group}: the ${pairs} paired ratios (SDK ÷ fetch) ranged ${fmt(Math.min(...ratios), 2)}–${fmt(Math.max(...ratios), 2)}, interquartile ${fmt(percentile(ratios, 25), 2)}–${fmt(percentile(ratios, 75), 2)}; the client's CPU per read, SDK ÷ fetch: ${fmt(median(sdk.map((run) => run.cpuMicros)) / median(plain.map((run) => run.cpuMicros)), 2)}.`,
    );
  } finally {
    await api.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  await builtMemory(context);
}

/** The resident memory of the built API (`npm start`: node apps/api/dist/server.js) after start-up. */
async function builtMemory(context: BenchContext): Promise<void> {
  context.log('SDK: building the API (turbo, tsup) for the memory of the built server');
  const buildMs = buildApi();
  const dataDir = await mkdtemp(join(tmpdir(), 'passerelle-bench-api-built-'));
  const api = await startApiProcess(context, { label: 'built-api', dataDir, built: true });
  try {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const rss = rssOf(api.pid);
    context.results.add({
      group: 'Memory',
      measure:
        'API process RSS after start-up (built: node apps/api/dist/server.js, as npm start runs it; PGlite, demo data loaded)',
      value: rss === undefined ? '—' : megabytes(rss),
      baseline: `start-up took ${(api.startMs / 1000).toFixed(1)} s (build ${(buildMs / 1000).toFixed(1)} s before)`,
    });
  } finally {
    await api.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

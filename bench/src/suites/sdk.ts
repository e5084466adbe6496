/**
 * SDK overhead: a keyed read (`client.students.get(id)`) against the same request made with
 * plain `fetch` and `response.json()`, from this process, against the API in its own process
 * (apps/api/src/server.ts on PGlite with the demo data, as `npm start` runs it). Eight requests
 * in flight, interleaved rounds; the figure is completed reads per second, the client's CPU per
 * read beside it. Also the API process's resident memory after start-up.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { StudentId } from '@passerelle/core';
import { Passerelle } from '@passerelle/sdk';
import { startApiProcess } from '../api-process';
import type { BenchContext } from '../context';
import { rssOf } from '../machine';
import { fmt, median, megabytes } from '../stats';

const TARGET = 0.9;
const IN_FLIGHT = 8;

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

    context.log(
      `SDK: client.students.get vs fetch, ${context.rounds} rounds of ${context.seconds} s`,
    );
    await drive(context.warmSeconds, IN_FLIGHT, viaSdk);
    await drive(context.warmSeconds, IN_FLIGHT, viaFetch);
    const sdk: Drive[] = [];
    const plain: Drive[] = [];
    for (let round = 0; round < context.rounds; round++) {
      const order = round % 2 === 0 ? ['sdk', 'fetch'] : ['fetch', 'sdk'];
      for (const which of order) {
        if (which === 'sdk') sdk.push(await drive(context.seconds, IN_FLIGHT, viaSdk));
        else plain.push(await drive(context.seconds, IN_FLIGHT, viaFetch));
      }
    }
    const sdkRps = median(sdk.map((run) => run.rps));
    const fetchRps = median(plain.map((run) => run.rps));
    const ratio = sdkRps / fetchRps;
    results.add({
      group,
      measure: 'keyed read: client.students.get(id) vs fetch + json(), reads/s (8 in flight)',
      value: `${fmt(sdkRps)} reads/s, client CPU ${fmt(median(sdk.map((run) => run.cpuMicros)))} µs/read`,
      baseline: `${fmt(fetchRps)} reads/s, client CPU ${fmt(median(plain.map((run) => run.cpuMicros)))} µs/read`,
      ratio,
      target: `≥ ${TARGET}`,
      met: ratio >= TARGET,
    });
  } finally {
    await api.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

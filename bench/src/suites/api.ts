/**
 * API overhead: the whole API (request id, log line, CORS, token check, validation,
 * idempotency check, response schema, problem+json) against a bare Hono app running the same
 * SQL on the same store, in the same server process, under the same autocannon load from
 * another process. Reads (GET /v1/students/{id}) and writes (POST /v1/students), on PGlite and
 * on PostgreSQL. The store's statements are counted: a cached token check costs none. Reads are
 * also measured against a bare route that prepares its read once, as the API does (diagnostic:
 * what the API's own layers cost).
 */
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { type BenchContext, profileFlags } from '../context';
import { createBenchDatabase } from '../data/database';
import { compare, type Variant } from '../load/compare';
import type { LoadResult } from '../load/worker';
import { Child } from '../rpc';
import { fmt, megabytes } from '../stats';
import type { QueryCounts } from '../target/count';

type Probe = QueryCounts & { cpuMicros: number };

import type { TargetHandlers } from '../target/server';

const READ_TARGET = 0.8;
const WRITE_TARGET = 0.7;
const GENERATED_STUDENTS = 1000;
const CONNECTIONS = 10;

/** The body of every POST: a valid new student. */
const NEW_STUDENT = JSON.stringify({
  fullName: 'Benchmark Student',
  email: 'bench.student@example.org',
  nationality: 'FR',
  programmeKind: 'exchange',
  level: 'master',
  programmeStart: '2026-09-01',
  programmeEnd: '2027-06-30',
  status: 'applied',
  documents: { passportExpiry: '2030-01-01', insuranceExpiry: '2027-08-31' },
});

interface Counted {
  statements: number;
  tokenStatements: number;
  /** CPU time of the server process (microseconds), which the load generator's is not part of. */
  cpuMicros: number;
  requests: number;
}

const counted = (): Counted => ({ statements: 0, tokenStatements: 0, cpuMicros: 0, requests: 0 });

/** Variants that count the store's statements per response. */
function counting(
  target: Child<TargetHandlers>,
  variant: Omit<Variant, 'before' | 'after'>,
  into: Counted,
): Variant {
  let before: Probe = { statements: 0, tokenStatements: 0, cpuMicros: 0 };
  return {
    ...variant,
    before: async () => {
      before = await target.call('probe');
    },
    after: async (result: LoadResult) => {
      const after = await target.call('probe');
      into.statements += after.statements - before.statements;
      into.tokenStatements += after.tokenStatements - before.tokenStatements;
      into.cpuMicros += after.cpuMicros - before.cpuMicros;
      into.requests += result.requests;
    },
  };
}

const perRequest = (counted: Counted, key: 'statements' | 'tokenStatements' | 'cpuMicros') =>
  counted.requests === 0 ? Number.NaN : counted[key] / counted.requests;

/**
 * The server's own CPU per request: steadier than requests per second on a shared machine, and
 * without the database server's share (PGlite's is inside, PostgreSQL's is not).
 */
function cpuRow(group: string, method: string, api: Counted, baseline: Counted) {
  const apiCpu = perRequest(api, 'cpuMicros');
  const baseCpu = perRequest(baseline, 'cpuMicros');
  return {
    group,
    measure: `server process CPU per ${method} (diagnostic; ratio = baseline ÷ API)`,
    value: `${fmt(apiCpu)} µs`,
    baseline: `${fmt(baseCpu)} µs`,
    ratio: baseCpu / apiCpu,
  };
}

export async function apiOverhead(
  context: BenchContext,
  storeKind: 'pglite' | 'postgres',
): Promise<void> {
  const group = `API overhead, ${storeKind === 'pglite' ? 'PGlite' : 'PostgreSQL'}`;
  const { results } = context;
  const database =
    storeKind === 'postgres' && context.databaseUrl !== undefined
      ? await createBenchDatabase(context.databaseUrl, 'api')
      : undefined;
  const target = new Child<TargetHandlers>(new URL('../target/server.ts', import.meta.url), {
    stdoutFile: join(context.logDir, `api-overhead-${storeKind}.log`),
    nodeFlags: profileFlags(context, `api-overhead-${storeKind}`),
  });
  try {
    context.log(`${group}: opening the store and loading the demo data`);
    const opened = await target.call('open', {
      ...(database === undefined ? {} : { databaseUrl: database.url }),
      students: GENERATED_STUDENTS,
    });
    const urls = await target.call('serve');
    const auth = { authorization: `Bearer ${opened.tokens.staff}` };
    const path = `/v1/students/${opened.studentId}`;

    // The three sides of the read: the API, the bare route, the bare route with its read prepared.
    const readers = {
      api: { url: `${urls.api}${path}`, headers: auth },
      baseline: { url: `${urls.baseline}${path}`, headers: {} },
      prepared: { url: `${urls.baseline}/prepared${path}`, headers: {} },
    };
    // All answer the same record (in another key order: the API's follows the schema).
    const records = await Promise.all(
      Object.entries(readers).map(async ([name, { url, headers }]) => {
        const response = await fetch(url, { headers });
        if (response.status !== 200) throw new Error(`GET ${path}: ${name} ${response.status}`);
        return JSON.parse(await response.text()) as unknown;
      }),
    );
    if (!records.every((record) => isDeepStrictEqual(record, records[0]))) {
      throw new Error(`GET ${path}: the API and the baselines answer different records`);
    }

    // Reads.
    context.log(`${group}: GET ${path}, ${context.rounds} rounds of ${context.seconds} s each`);
    const readCounts: Record<keyof typeof readers, Counted> = {
      api: counted(),
      baseline: counted(),
      prepared: counted(),
    };
    const { api: apiReads, baseline: baseReads, prepared: preparedReads } = readCounts;
    const reads = await compare(
      context,
      Object.entries(readers).map(([name, { url, headers }]) =>
        counting(
          target,
          { name, spec: { url, headers, connections: CONNECTIONS } },
          readCounts[name as keyof typeof readers],
        ),
      ),
    );
    const apiRead = reads.get('api');
    const baseRead = reads.get('baseline');
    const preparedRead = reads.get('prepared');
    if (apiRead === undefined || baseRead === undefined || preparedRead === undefined) {
      throw new Error('missing runs');
    }
    if ([...reads.values()].some((run) => run.failures > 0)) {
      const failures = [...reads].map(([name, run]) => `${run.failures} ${name}`);
      throw new Error(`GET failures: ${failures.join(', ')}`);
    }
    const readRatio = apiRead.rps / baseRead.rps;
    results.add({
      group,
      measure: 'GET /v1/students/{id} (staff token), requests/s',
      value: `${fmt(apiRead.rps)} req/s (p50 ${fmt(apiRead.p50)} ms, p97.5 ${fmt(apiRead.p97_5)} ms)`,
      baseline: `${fmt(baseRead.rps)} req/s (p50 ${fmt(baseRead.p50)} ms)`,
      ratio: readRatio,
      target: `≥ ${READ_TARGET}`,
      met: readRatio >= READ_TARGET,
    });
    results.add(cpuRow(group, 'GET', apiReads, baseReads));
    // The API prepares its read by id once; the baseline above builds it on each request, as a
    // minimal route would. Against a bare route that prepares it too, what is left is the cost
    // of the API's own layers (request id, log line, token check, validation, response).
    const preparedCpu = perRequest(preparedReads, 'cpuMicros');
    results.add({
      group,
      measure:
        'GET against a bare route that also prepares its read once (diagnostic: the API’s own layers), requests/s and CPU',
      value: `${fmt(apiRead.rps)} req/s, ${fmt(perRequest(apiReads, 'cpuMicros'))} µs`,
      baseline: `${fmt(preparedRead.rps)} req/s, ${fmt(preparedCpu)} µs`,
      ratio: apiRead.rps / preparedRead.rps,
    });
    const tokenPerRequest = perRequest(apiReads, 'tokenStatements');
    results.add({
      group,
      measure: 'SQL statements per GET (counted at the driver)',
      value: `${fmt(perRequest(apiReads, 'statements'), 3)} (of which on tokens: ${fmt(tokenPerRequest, 4)})`,
      baseline: `${fmt(perRequest(baseReads, 'statements'), 3)}`,
      target: 'no token query per request',
      met: tokenPerRequest < 0.01,
    });

    // Writes.
    context.log(
      `${group}: POST /v1/students, ${context.rounds} rounds of ${context.seconds} s each`,
    );
    const json = { 'content-type': 'application/json' };
    const apiWrites: Counted = counted();
    const baseWrites: Counted = counted();
    const writes = await compare(context, [
      counting(
        target,
        {
          name: 'api',
          spec: {
            url: `${urls.api}/v1/students`,
            method: 'POST',
            headers: { ...auth, ...json },
            body: NEW_STUDENT,
            connections: CONNECTIONS,
          },
        },
        apiWrites,
      ),
      counting(
        target,
        {
          name: 'baseline',
          spec: {
            url: `${urls.baseline}/v1/students`,
            method: 'POST',
            headers: json,
            body: NEW_STUDENT,
            connections: CONNECTIONS,
          },
        },
        baseWrites,
      ),
    ]);
    const apiWrite = writes.get('api');
    const baseWrite = writes.get('baseline');
    if (apiWrite === undefined || baseWrite === undefined) throw new Error('missing runs');
    if (apiWrite.failures + baseWrite.failures > 0) {
      throw new Error(`POST: ${apiWrite.failures} API and ${baseWrite.failures} baseline failures`);
    }
    const writeRatio = apiWrite.rps / baseWrite.rps;
    results.add({
      group,
      measure: 'POST /v1/students (staff token), requests/s',
      value: `${fmt(apiWrite.rps)} req/s (p50 ${fmt(apiWrite.p50)} ms, p97.5 ${fmt(apiWrite.p97_5)} ms)`,
      baseline: `${fmt(baseWrite.rps)} req/s (p50 ${fmt(baseWrite.p50)} ms)`,
      ratio: writeRatio,
      target: `≥ ${WRITE_TARGET}`,
      met: writeRatio >= WRITE_TARGET,
    });
    results.add(cpuRow(group, 'POST', apiWrites, baseWrites));
    results.add({
      group,
      measure: 'SQL statements per POST (PostgreSQL: with BEGIN and COMMIT)',
      value: `${fmt(perRequest(apiWrites, 'statements'), 2)} (of which on tokens: ${fmt(perRequest(apiWrites, 'tokenStatements'), 4)})`,
      baseline: `${fmt(perRequest(baseWrites, 'statements'), 2)}`,
    });
    const memory = await target.call('memory');
    results.note(
      `${group}: the server process (API and baseline, ${GENERATED_STUDENTS} generated students and the demo data, after ${fmt(apiRead.requests + baseRead.requests + preparedRead.requests + apiWrite.requests + baseWrite.requests)} requests) held ${megabytes(memory.rss)} resident (heap ${megabytes(memory.heapUsed)}).`,
    );
    await target.call('close');
  } finally {
    await target.stop();
    await database?.drop();
  }
}

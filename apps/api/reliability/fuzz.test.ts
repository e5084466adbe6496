/**
 * Fuzzing from /openapi.json: for every operation of the document the running API serves,
 * requests generated from the operation's own parameter and body schemas, and mutations of them
 * (wrong types, missing and extra fields, huge strings, deep nesting, invalid UTF-8, injection
 * strings, numbers at the limits, bad path ids), as an admin and as a student. No answer may be
 * 500 or above, every error must be problem+json, the store's invariants must hold afterwards,
 * and no log line may hold a secret. ~1,500 requests; RELIABILITY_LONG=1 sends ≥ 10,000.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, storeKinds, type TestApi } from '../test/helpers';
import {
  bearer,
  brokenInvariants,
  documentNumbers,
  idPool,
  long,
  newTally,
  openApiDocument,
  percent,
  type RawRequest,
  Secrets,
  scanLogs,
  send,
  statusSummary,
  writeSection,
} from './harness';
import { type DocOperation, operationsOf } from './operations';
import {
  arbitraryOf,
  injectionStrings,
  type Json,
  limitNumbers,
  mutate,
  type OpenApiDocument,
  rawBodies,
  type Schema,
} from './schema-arbitrary';

const TOTAL = long ? 10_400 : 1_500;
const SEED = Number(process.env.RELIABILITY_SEED ?? 20251120);
const CONCURRENCY = 4;

const badIds = fc.constantFrom(
  '0',
  '-1',
  'null',
  'undefined',
  "stu_x' OR '1'='1",
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  'stu_test00000001%00',
  'a'.repeat(5_000),
  '%E0%A4%A',
  '%FF%FE',
  '99999999999999999999999',
  '<script>',
);

/** Percent-encodes a path segment; a lone surrogate becomes an invalid UTF-8 escape, sent as it is. */
function encodeSegment(value: string): string {
  return value
    .split(/([\uD800-\uDFFF])/)
    .map((part) => (/^[\uD800-\uDFFF]$/.test(part) ? '%ED%A0%80' : encodeURIComponent(part)))
    .join('');
}

function text(value: Json): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A value for a parameter: from its schema mostly, otherwise a mutation or an attack string. */
function parameterValue(
  doc: OpenApiDocument,
  schema: Schema,
  pool: readonly string[],
): fc.Arbitrary<string> {
  const generated = arbitraryOf(doc, schema).map(text);
  const pattern = typeof schema.pattern === 'string' ? new RegExp(schema.pattern) : undefined;
  const real = pattern === undefined ? [] : pool.filter((id) => pattern.test(id));
  const hostile = fc.oneof(
    fc.constantFrom(...injectionStrings),
    fc.constantFrom(...limitNumbers).map(String),
    fc.constantFrom('', ' ', 'true', '[]', '{}', '%', 'x'.repeat(10_000)),
  );
  return fc.oneof(
    ...(real.length > 0 ? [{ arbitrary: fc.constantFrom(...real), weight: 5 }] : []),
    { arbitrary: generated, weight: 4 },
    { arbitrary: hostile, weight: 2 },
  );
}

function requestArbitrary(
  doc: OpenApiDocument,
  op: DocOperation,
  pool: readonly string[],
  headers: Record<string, string>,
): fc.Arbitrary<RawRequest> {
  const parameters = op.operation.parameters ?? [];
  const pathParams = parameters.filter((p) => p.in === 'path');
  const pathArb = fc
    .tuple(
      ...pathParams.map((p) =>
        fc.oneof(
          { arbitrary: parameterValue(doc, p.schema ?? {}, pool), weight: 9 },
          { arbitrary: badIds, weight: 1 },
        ),
      ),
    )
    .map((values) => {
      let path = op.path;
      pathParams.forEach((p, i) => {
        const value = values[i] ?? '';
        // Bad ids are sent as they are (already percent-encoded where meant to be).
        path = path.replace(`{${p.name}}`, /%|\.\./.test(value) ? value : encodeSegment(value));
      });
      return path;
    });
  const queryParams = parameters.filter((p) => p.in === 'query');
  const queryArb = fc
    .tuple(
      ...queryParams.map((p) =>
        fc.option(parameterValue(doc, p.schema ?? {}, pool), { nil: undefined }),
      ),
    )
    .map((values) => {
      const search = new URLSearchParams();
      queryParams.forEach((p, i) => {
        const value = values[i];
        if (value !== undefined) search.append(p.name, value);
      });
      const query = search.toString();
      return query === '' ? '' : `?${query}`;
    });
  const ifMatch = fc.option(
    fc.constantFrom('"1"', '"2"', '*', 'W/"1"', 'garbage', '"99999999999"'),
    {
      nil: undefined,
    },
  );

  const content = op.operation.requestBody?.content ?? {};
  const jsonSchema = content['application/json']?.schema;
  const noBody = fc.constant<{ body?: string | Uint8Array; type?: string }>({});
  let bodyArb: fc.Arbitrary<{ body?: string | Uint8Array; type?: string }> = noBody;
  if (jsonSchema !== undefined) {
    const valid = arbitraryOf(doc, jsonSchema);
    bodyArb = fc.oneof(
      {
        arbitrary: valid.map((v) => ({ body: JSON.stringify(v), type: 'application/json' })),
        weight: 4,
      },
      {
        arbitrary: valid
          .chain(mutate)
          .map((v) => ({ body: JSON.stringify(v), type: 'application/json' })),
        weight: 4,
      },
      { arbitrary: rawBodies.map((b) => ({ body: b, type: 'application/json' })), weight: 1 },
      {
        arbitrary: fc
          .constantFrom(
            'text/plain',
            'application/x-www-form-urlencoded',
            'application/json; charset=latin1',
          )
          .map((type) => ({ body: '{"a":1}', type })),
        weight: 1,
      },
    );
  } else if (Object.keys(content).length > 0) {
    const types = Object.keys(content);
    bodyArb = fc
      .tuple(fc.constantFrom(...types), rawBodies)
      .map(([type, body]) => ({ body, type }));
  }

  return fc.record({ path: pathArb, query: queryArb, ifMatch, body: bodyArb }).map((parts) => {
    const requestHeaders: Record<string, string> = { ...headers };
    if (parts.ifMatch !== undefined) requestHeaders['if-match'] = parts.ifMatch;
    if (parts.body.type !== undefined) requestHeaders['content-type'] = parts.body.type;
    return {
      method: op.method,
      path: `${parts.path}${parts.query}`,
      headers: requestHeaders,
      ...(parts.body.body === undefined ? {} : { body: parts.body.body }),
    };
  });
}

async function runAll(requests: readonly RawRequest[], each: (r: RawRequest) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++];
      if (request !== undefined) await each(request);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

describe.each(storeKinds)('fuzzing every operation of /openapi.json on %s', (kind) => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ store: kind });
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  }, 60_000);

  it('answers a URL over 16 KiB, which the HTTP parser refuses, with 431 problem+json', async () => {
    const tally = newTally();
    const answer = await send(
      api,
      {
        method: 'GET',
        path: `/v1/students?q=${'x'.repeat(20_000)}`,
        headers: bearer(api.tokens.staff),
      },
      tally,
    );
    expect(answer.status).toBe(431);
    expect(answer.contentType).toBe('application/problem+json');
    expect(JSON.parse(answer.text)).toMatchObject({
      type: 'urn:passerelle:problem:request-too-large',
      status: 431,
    });
    expect(tally.notProblem).toEqual([]);
    // The server is still there for the next request.
    expect((await api.fetch('/healthz')).status).toBe(200);
  });

  it(
    `answers ${TOTAL} generated and mutated requests without a 5xx, errors as problem+json, invariants intact`,
    async () => {
      const started = Date.now();
      const doc = await openApiDocument(api);
      const operations = operationsOf(doc);
      expect(operations.length).toBeGreaterThan(50);
      const pool = await idPool(api);
      const secrets = new Secrets();
      for (const token of [api.tokens.admin, api.tokens.staff, api.tokens.service])
        secrets.add(token);
      secrets.add(api.tokens.student.token);
      secrets.add(api.tokens.otherStudent.token);
      const documents = await documentNumbers(api.store);
      expect(documents.length).toBeGreaterThan(0);
      for (const n of documents) secrets.add(n);

      const callers = [
        { name: 'admin', headers: bearer(api.tokens.admin) },
        { name: 'student', headers: bearer(api.tokens.student.token) },
      ];
      const perCell = Math.ceil(TOTAL / (operations.length * callers.length));
      const requests: RawRequest[] = [];
      callers.forEach((caller, c) => {
        operations.forEach((op, i) => {
          const arb = requestArbitrary(doc, op, pool, caller.headers);
          requests.push(...fc.sample(arb, { numRuns: perCell, seed: SEED + 1000 * c + i }));
        });
      });
      // Deletions and restores last within each pass would hide little; shuffle deterministically.
      const order =
        fc.sample(fc.shuffledSubarray(requests, { minLength: requests.length }), {
          numRuns: 1,
          seed: SEED,
        })[0] ?? requests;

      const tally = newTally();
      await runAll(order, async (request) => {
        const answer = await send(api, request, tally);
        if (answer.status < 400) secrets.collect(answer.text);
      });

      const broken = await brokenInvariants(api.store);
      const leaks = await scanLogs(`fuzz-${kind}`, api.logs, secrets);
      const seconds = (Date.now() - started) / 1000;

      const storeName = kind === 'pglite' ? 'PGlite' : 'PostgreSQL';
      await writeSection(`1-fuzz-${kind}${long ? '-long' : ''}`, {
        title: `Fuzzing from /openapi.json on ${storeName} (${long ? 'long' : 'quick'} variant)`,
        order: (kind === 'pglite' ? 1 : 1.5) + (long ? 0.2 : 0),
        lines: [
          `- run: ${new Date().toISOString()}, seed ${SEED}, store ${storeName}, ${seconds.toFixed(1)} s`,
          `- operations fuzzed: ${operations.length} (every one in the document), as admin and as a student`,
          `- requests sent: ${tally.sent} (${perCell} per operation and caller)`,
          `- answers ≥ 500: ${tally.serverErrors.length}`,
          `- error answers: ${tally.errors}, of which problem+json with type/title/status: ${
            tally.errors - tally.notProblem.length
          } (${percent(tally.errors - tally.notProblem.length, tally.errors)})`,
          `- refused by the HTTP server before the app (431 problem+json, URL over 16 KiB): ${tally.transportRefusals}`,
          `- connections the server reset before answering, sent again once and then answered: ${tally.resets.length}${tally.resets.length === 0 ? '' : ` (${tally.resets.slice(0, 3).join('; ')})`}`,
          `- answers by status: ${statusSummary(tally)}`,
          `- store invariants broken afterwards: ${broken.length}`,
          `- log lines scanned: ${api.logs.length}; secrets known to the scan: ${secrets.values.size}; leaks found: ${leaks.length}`,
        ],
      });

      expect(tally.sent).toBeGreaterThanOrEqual(TOTAL);
      expect(tally.serverErrors).toEqual([]);
      expect(tally.notProblem).toEqual([]);
      expect(broken).toEqual([]);
      expect(leaks).toEqual([]);
    },
    long ? 1_800_000 : 600_000,
  );
});

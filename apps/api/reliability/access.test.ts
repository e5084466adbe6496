/**
 * The access matrix, generated from /openapi.json: every operation × every kind of caller,
 * judged against the policy table (src/auth/policy.ts) through `rightsMap`, which must cover the
 * document exactly. Then a student enumerating other students' ids, binding-code guessing
 * against the rate limit, and the log scan for secrets over the whole run.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/auth/tokens';
import { ids } from '../test/fixtures';
import { type JsonObject, startTestApi, type TestApi } from '../test/helpers';
import {
  bearer,
  documentNumbers,
  idPool,
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
import {
  type Caller,
  callers,
  type DocOperation,
  expectedOutcome,
  operationsOf,
  rightsMap,
} from './operations';
import { arbitraryOf, type OpenApiDocument } from './schema-arbitrary';

const protectedIds: readonly string[] = [ids.student, ids.other, ids.admin, ids.staff];

/** Admins last, so their deletions do not change what the other callers see. */
const order: readonly Caller[] = [...callers.filter((c) => c !== 'admin'), 'admin'];

function sampleRequest(
  doc: OpenApiDocument,
  op: DocOperation,
  pool: readonly string[],
  headers: Record<string, string>,
): RawRequest {
  let path = op.path;
  const search = new URLSearchParams();
  for (const p of op.operation.parameters ?? []) {
    const schema = p.schema ?? {};
    if (p.in === 'path') {
      const pattern = typeof schema.pattern === 'string' ? new RegExp(schema.pattern) : undefined;
      // The suite's own people are left alone: an admin's DELETE would end the later checks.
      const real =
        pattern === undefined
          ? undefined
          : pool.find((id) => pattern.test(id) && !protectedIds.includes(id));
      let value = real;
      if (p.name === 'resource') value = 'institutions';
      else if (p.name === 'year') value = '2025';
      value ??= String(fc.sample(arbitraryOf(doc, schema), { numRuns: 1, seed: 7 })[0] ?? 'x');
      path = path.replace(`{${p.name}}`, encodeURIComponent(value));
    } else if (p.in === 'query' && p.required === true) {
      search.append(
        p.name,
        String(fc.sample(arbitraryOf(doc, schema), { numRuns: 1, seed: 7 })[0]),
      );
    }
  }
  const content = op.operation.requestBody?.content ?? {};
  const jsonSchema = content['application/json']?.schema;
  const query = search.toString();
  const request: RawRequest = {
    method: op.method,
    path: query === '' ? path : `${path}?${query}`,
    headers: { ...headers },
  };
  if (jsonSchema !== undefined) {
    request.body = JSON.stringify(
      fc.sample(arbitraryOf(doc, jsonSchema), { numRuns: 1, seed: 7 })[0],
    );
    request.headers = { ...request.headers, 'content-type': 'application/json' };
  } else {
    const type = Object.keys(content)[0];
    if (type !== undefined) {
      request.body = type === 'text/csv' ? 'name,country\nX,FR\n' : 'not a real file';
      request.headers = { ...request.headers, 'content-type': type };
    }
  }
  return request;
}

describe('access matrix from /openapi.json', () => {
  let api: TestApi;
  let doc: OpenApiDocument;
  let operations: DocOperation[];
  const secrets = new Secrets();
  const figures: string[] = [];

  beforeAll(async () => {
    api = await startTestApi({ store: 'pglite' });
    doc = await openApiDocument(api);
    operations = operationsOf(doc);
    for (const n of await documentNumbers(api.store)) secrets.add(n);
  }, 60_000);

  afterAll(async () => {
    await api?.close();
  }, 60_000);

  it('maps every operation of the document to its rights, and nothing else', () => {
    const documented = operations.map((op) => op.key).sort();
    const mapped = Object.keys(rightsMap).sort();
    expect(documented.filter((key) => !(key in rightsMap))).toEqual([]);
    expect(mapped.filter((key) => !documented.includes(key))).toEqual([]);
  });

  it('refuses every operation outside a role’s rights, for every kind of caller', async () => {
    const pool = await idPool(api);
    const admin = api.tokens.admin;
    // A revoked token (revoked before its first use, so no cache holds it) and an expired one.
    const made = await api.json<JsonObject>('/v1/tokens', {
      token: admin,
      body: { role: 'staff', name: 'Revoked in the matrix' },
    });
    expect(made.status).toBe(201);
    const revoked = String(made.body.token);
    expect(
      (await api.fetch(`/v1/tokens/${String(made.body.id)}`, { method: 'DELETE', token: admin }))
        .status,
    ).toBe(204);
    const expired = (
      await createToken(
        api.store.db,
        {
          role: 'staff',
          name: 'Expired',
          expiresAt: new Date(api.clock.now().getTime() - 60_000).toISOString(),
        },
        new Date(api.clock.now().getTime() - 3_600_000),
      )
    ).token;
    for (const token of [
      admin,
      api.tokens.staff,
      api.tokens.service,
      api.tokens.student.token,
      revoked,
      expired,
    ]) {
      secrets.add(token);
    }

    // A service acts for a person through a bound chat identity: bind one for each.
    const bindAs = async (subject: Record<string, string>, userId: string) => {
      const code = await api.json<JsonObject>('/v1/bindings/codes', {
        token: admin,
        body: subject,
      });
      expect(code.status).toBe(201);
      secrets.collect(JSON.stringify(code.body));
      const bound = await api.fetch('/v1/bindings', {
        token: api.tokens.service,
        body: { channel: 'wechat', userId, code: String(code.body.code) },
      });
      expect(bound.status).toBeLessThan(300);
    };
    await bindAs({ studentId: ids.student }, 'matrix-student');
    await bindAs({ staffId: ids.staff }, 'matrix-staff');

    const headersOf: Record<Caller, Record<string, string>> = {
      admin: bearer(admin),
      staff: bearer(api.tokens.staff),
      student: bearer(api.tokens.student.token),
      service: bearer(api.tokens.service),
      'service-as-student': bearer(api.tokens.service, 'channel:wechat:matrix-student'),
      'service-as-staff': bearer(api.tokens.service, 'channel:wechat:matrix-staff'),
      'no-token': {},
      'malformed-token': { authorization: 'Bearer psl_not-a-token' },
      'revoked-token': bearer(revoked),
      'expired-token': bearer(expired),
    };

    const tally = newTally();
    const wrong: string[] = [];
    let cells = 0;
    let deniedCells = 0;
    let deniedExact = 0;
    let deniedBeforeHandler = 0;
    let allowedCells = 0;
    for (const op of operations) {
      const rights = rightsMap[op.key];
      if (rights === undefined) continue;
      for (const caller of order) {
        cells++;
        const expected = expectedOutcome(rights, caller);
        const request = sampleRequest(doc, op, pool, headersOf[caller]);
        const answer = await send(api, request, tally);
        if (answer.status < 400) secrets.collect(answer.text);
        const cell = `${op.key} as ${caller}: ${answer.status} ${answer.text.slice(0, 160)}`;
        switch (expected.kind) {
          case 'unauthenticated':
            if (answer.status !== 401) wrong.push(`expected 401 — ${cell}`);
            break;
          case 'denied':
            deniedCells++;
            if (answer.status === expected.status) deniedExact++;
            // 400: the request was refused by validation, before the handler ran.
            else if (answer.status === 400) deniedBeforeHandler++;
            else wrong.push(`expected ${expected.status} — ${cell}`);
            break;
          case 'allowed':
            allowedCells++;
            if (answer.status === 401 || answer.status === 403)
              wrong.push(`expected access — ${cell}`);
            break;
          case 'public':
            if (answer.status !== 200) wrong.push(`expected 200 — ${cell}`);
            break;
          case 'feed':
            if (answer.status < 400) wrong.push(`expected a refused feed token — ${cell}`);
            break;
          case 'signed':
            // Generated values are never a valid signature, whatever token comes with them.
            if (answer.status !== 401 && answer.status !== 403 && answer.status !== 400)
              wrong.push(`expected a refused signature — ${cell}`);
            break;
        }
      }
    }

    figures.push(
      `- matrix: ${operations.length} operations × ${callers.length} callers = ${cells} cells (${callers.join(', ')})`,
      `- cells the policy refuses: ${deniedCells}; refused with the policy's answer (403, or 404 for a student): ${deniedExact}; refused earlier by validation (400): ${deniedBeforeHandler}; answered 2xx: 0 required, ${deniedCells - deniedExact - deniedBeforeHandler} off`,
      `- cells the policy allows: ${allowedCells}; wrongly refused (401/403): ${
        wrong.filter((w) => w.startsWith('expected access')).length
      }`,
      `- unexpected outcomes in all: ${wrong.length}; answers ≥ 500: ${tally.serverErrors.length}; error answers as problem+json: ${percent(
        tally.errors - tally.notProblem.length,
        tally.errors,
      )}`,
      `- answers by status: ${statusSummary(tally)}`,
    );
    expect(wrong).toEqual([]);
    expect(tally.serverErrors).toEqual([]);
    expect(tally.notProblem).toEqual([]);
  });

  it('answers a student 404 for every other student’s id, and lists only their own record', async () => {
    const pool = await idPool(api);
    const others = pool.filter((id) => id.startsWith('stu_') && id !== ids.student);
    expect(others.length).toBeGreaterThan(0);
    const statuses: number[] = [];
    for (const id of others) {
      statuses.push(
        (await api.fetch(`/v1/students/${id}`, { token: api.tokens.student.token })).status,
      );
      statuses.push(
        (
          await api.fetch(`/v1/students/${id}`, {
            method: 'PATCH',
            token: api.tokens.student.token,
            body: { preferredName: 'x' },
          })
        ).status,
      );
    }
    const list = await api.json<{ data: JsonObject[] }>('/v1/students?limit=100', {
      token: api.tokens.student.token,
    });
    expect(list.body.data.map((s) => s.id)).toEqual([ids.student]);
    expect(JSON.stringify(list.body)).not.toMatch(/passportNumber|notes/);
    figures.push(
      `- a student enumerating ${others.length} other students' ids (GET and PATCH): ${
        statuses.filter((s) => s === 404).length
      } of ${statuses.length} answered 404; their list holds only their own record`,
    );
    expect(statuses.every((s) => s === 404)).toBe(true);
  });

  it('rate-limits guessing binding codes', async () => {
    // A real code is issued, so the scan below also looks for it in the logs.
    const issued = await api.json<JsonObject>('/v1/bindings/codes', {
      token: api.tokens.staff,
      body: { studentId: ids.other },
    });
    expect(issued.status).toBe(201);
    secrets.collect(JSON.stringify(issued.body));
    const limit = api.config.BINDING_MAX_ATTEMPTS;
    const guesses = fc.sample(fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/), {
      numRuns: limit + 5,
      seed: 11,
    });
    const statuses: number[] = [];
    for (const code of guesses) {
      const response = await api.fetch('/v1/bindings', {
        token: api.tokens.service,
        body: { channel: 'wechat', userId: 'guesser-1', code },
      });
      statuses.push(response.status);
    }
    const firstLimited = statuses.indexOf(429);
    figures.push(
      `- binding-code guessing: ${guesses.length} guesses from one chat user, limit ${limit}: first 429 at guess ${
        firstLimited + 1
      }, ${statuses.filter((s) => s === 429).length} limited, 0 bound`,
    );
    expect(statuses.slice(0, limit).every((s) => s !== 200 && s !== 201)).toBe(true);
    expect(firstLimited).toBe(limit);
    expect(statuses.slice(limit).every((s) => s === 429)).toBe(true);
  });

  it('writes no secret into any log line', async () => {
    const leaks = await scanLogs('access', api.logs, secrets);
    figures.push(
      `- log lines scanned: ${api.logs.length}; secrets known to the scan (tokens, binding codes, feed tokens, document numbers): ${secrets.values.size}; leaks found: ${leaks.length}`,
    );
    await writeSection('2-access', {
      title: 'Access matrix and secrets in logs',
      order: 2,
      lines: figures,
    });
    expect(leaks).toEqual([]);
  });
});

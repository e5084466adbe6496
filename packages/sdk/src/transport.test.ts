import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hang, json, problem, scriptedFetch } from '../test/fetch-mock';
import { Passerelle } from './client';
import {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PasserelleError,
  RateLimitError,
  ResponseValidationError,
  RuleViolationError,
  ValidationError,
} from './errors';
import type { Fetch } from './options';
import { Transport } from './transport';

const institution = {
  id: 'ins_01JD0000000000000000000000' as const,
  name: { en: 'École Polytechnique' },
  aliases: ['X'],
  country: 'FR',
  city: 'Palaiseau',
  kind: 'grande_ecole',
  contacts: [],
  tags: [],
  stage: 'partner',
  stageHistory: [],
  strategic: true,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  version: 1,
};
const institutionInput = {
  name: { en: 'École Polytechnique' },
  country: 'FR',
  city: 'Palaiseau',
  kind: 'grande_ecole',
} as const;

function client(fetch: Fetch, options: ConstructorParameters<typeof Passerelle>[0] = {}) {
  return new Passerelle({ baseUrl: 'http://api.test', token: 'psl_secret', fetch, ...options });
}

// Full jitter draws from [0, ceiling): with random() = 0 the backoff is 0 ms and tests stay fast.
beforeEach(() => {
  vi.spyOn(Math, 'random').mockReturnValue(0);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('retries', () => {
  it('retries a 429 with Retry-After: 0 and returns the second answer', async () => {
    const { fetch, calls } = scriptedFetch(
      problem(429, 'rate-limited', {}, { 'retry-after': '0' }),
      json(institution),
    );
    const record = await client(fetch).institutions.get(institution.id);
    expect(record.id).toBe(institution.id);
    expect(calls).toHaveLength(2);
  });

  it('retries a 503 and returns the second answer', async () => {
    const { fetch, calls } = scriptedFetch(problem(503, 'unavailable'), json(institution));
    await expect(client(fetch).institutions.get(institution.id)).resolves.toMatchObject({
      city: 'Palaiseau',
    });
    expect(calls).toHaveLength(2);
  });

  it('retries a reset connection (fetch throws a TypeError) and returns the second answer', async () => {
    const { fetch, calls } = scriptedFetch(new TypeError('fetch failed'), json(institution));
    await expect(client(fetch).institutions.get(institution.id)).resolves.toMatchObject({
      id: institution.id,
    });
    expect(calls).toHaveLength(2);
  });

  it('retries 408, 500 and 502 up to maxRetries, then throws the last error', async () => {
    const { fetch, calls } = scriptedFetch(
      problem(408, 'timeout'),
      problem(500, 'internal'),
      problem(502, 'bad-gateway'),
    );
    const error = await client(fetch)
      .institutions.get(institution.id)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).status).toBe(502);
    expect(calls).toHaveLength(3);
  });

  it('stops after maxRetries + 1 attempts when the network keeps failing', async () => {
    const { fetch, calls } = scriptedFetch(new TypeError('ECONNRESET'));
    const error = await client(fetch, { maxRetries: 3 })
      .institutions.get(institution.id)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(APITimeoutError);
    expect((error as Error).message).toContain('ECONNRESET');
    expect(calls).toHaveLength(4);
  });

  it('makes one attempt only with maxRetries: 0 (per request)', async () => {
    const { fetch, calls } = scriptedFetch(problem(503, 'unavailable'), json(institution));
    await expect(
      client(fetch).institutions.get(institution.id, { maxRetries: 0 }),
    ).rejects.toBeInstanceOf(InternalServerError);
    expect(calls).toHaveLength(1);
  });

  it.each([
    [400, 'validation', ValidationError],
    [404, 'not-found', NotFoundError],
    [422, 'rule-violation', RuleViolationError],
  ] as const)('never retries a %i', async (status, kind, Class) => {
    const { fetch, calls } = scriptedFetch(problem(status, kind), json(institution));
    await expect(client(fetch).institutions.get(institution.id)).rejects.toBeInstanceOf(Class);
    expect(calls).toHaveLength(1);
  });

  it('retries a 409 only when its problem type is a lock or a conflict', async () => {
    const lock = scriptedFetch(problem(409, 'idempotency-in-progress'), json(institution, 201));
    await client(lock.fetch).institutions.create(institutionInput);
    expect(lock.calls).toHaveLength(2);

    const conflict = scriptedFetch(problem(409, 'conflict'), json(institution, 201));
    await client(conflict.fetch).institutions.create(institutionInput);
    expect(conflict.calls).toHaveLength(2);

    const illegal = scriptedFetch(
      problem(409, 'illegal-transition', { rule: 'student.illegal_transition' }),
      json(institution),
    );
    await expect(
      client(illegal.fetch).students.transition('stu_01JD0000000000000000000000', { to: 'active' }),
    ).rejects.toBeInstanceOf(RuleViolationError);
    expect(illegal.calls).toHaveLength(1);

    const bare = scriptedFetch(new Response('busy', { status: 409 }), json(institution));
    await expect(client(bare.fetch).institutions.get(institution.id)).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(bare.calls).toHaveLength(1);
  });

  it('waits as long as Retry-After says (seconds) before retrying', async () => {
    vi.useFakeTimers();
    const { fetch, calls } = scriptedFetch(
      problem(429, 'rate-limited', {}, { 'retry-after': '2' }),
      json(institution),
    );
    const pending = client(fetch).institutions.get(institution.id);
    await vi.advanceTimersByTimeAsync(1_900);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    await expect(pending).resolves.toMatchObject({ id: institution.id });
    expect(calls).toHaveLength(2);
  });

  it('honours retry-after-ms before Retry-After', async () => {
    vi.useFakeTimers();
    const { fetch, calls } = scriptedFetch(
      problem(503, 'unavailable', {}, { 'retry-after-ms': '250', 'retry-after': '30' }),
      json(institution),
    );
    const pending = client(fetch).institutions.get(institution.id);
    await vi.advanceTimersByTimeAsync(240);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(20);
    await pending;
    expect(calls).toHaveLength(2);
  });

  it('waits a jittered backoff when the server gives no Retry-After', async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const { fetch, calls } = scriptedFetch(
      problem(503, 'unavailable'),
      problem(503, 'unavailable'),
      json(institution),
    );
    const pending = client(fetch).institutions.get(institution.id);
    // First retry: 0.5 × 500 ms; second: 0.5 × 1 000 ms.
    await vi.advanceTimersByTimeAsync(249);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(498);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2);
    await pending;
    expect(calls).toHaveLength(3);
  });

  it('does not wait out a Retry-After over a minute: throws RateLimitError with retryAfter', async () => {
    const { fetch, calls } = scriptedFetch(
      problem(429, 'rate-limited', {}, { 'retry-after': '900' }),
      json(institution),
    );
    const error = await client(fetch)
      .bindings.bind({ channel: 'wechat', userId: 'o6_x', code: 'K7Q2-9XMD' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(900);
    expect(calls).toHaveLength(1);
  });
});

describe('timeouts and aborts', () => {
  it('times out each attempt and throws APITimeoutError after maxRetries + 1 attempts', async () => {
    const { fetch, calls } = scriptedFetch(hang);
    const started = Date.now();
    const error = await client(fetch, { timeout: 30 })
      .institutions.get(institution.id)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toContain('30 ms');
    expect(calls).toHaveLength(3);
    expect(calls.every((call) => call.signal?.aborted === true)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(80);
  });

  it('applies a per-request timeout over the client one', async () => {
    const { fetch, calls } = scriptedFetch(hang);
    await expect(
      client(fetch, { timeout: 60_000 }).institutions.get(institution.id, {
        timeout: 10,
        maxRetries: 0,
      }),
    ).rejects.toBeInstanceOf(APITimeoutError);
    expect(calls).toHaveLength(1);
  });

  it('times out a fetch that ignores its signal', async () => {
    const { fetch, calls } = scriptedFetch(() => new Promise<Response>(() => undefined));
    await expect(
      client(fetch, { timeout: 10, maxRetries: 1 }).institutions.get(institution.id),
    ).rejects.toBeInstanceOf(APITimeoutError);
    expect(calls).toHaveLength(2);
  });

  it("stops at once when the caller's signal aborts, and does not retry", async () => {
    const { fetch, calls } = scriptedFetch(hang);
    const controller = new AbortController();
    const pending = client(fetch).institutions.get(institution.id, { signal: controller.signal });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    controller.abort(new Error('user left'));
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as APIUserAbortError).cause).toEqual(new Error('user left'));
    expect(calls).toHaveLength(1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const { fetch, calls } = scriptedFetch(json(institution));
    await expect(
      client(fetch).institutions.get(institution.id, { signal: AbortSignal.abort() }),
    ).rejects.toBeInstanceOf(APIUserAbortError);
    expect(calls).toHaveLength(0);
  });

  it('stops waiting for a retry when the caller aborts during the backoff', async () => {
    const { fetch, calls } = scriptedFetch(
      problem(503, 'unavailable', {}, { 'retry-after': '30' }),
      json(institution),
    );
    const controller = new AbortController();
    const pending = client(fetch).institutions.get(institution.id, { signal: controller.signal });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError);
    expect(calls).toHaveLength(1);
  });
});

describe('idempotency keys', () => {
  it('sends the same Idempotency-Key on every retry of one POST, and a new one for a new call', async () => {
    const { fetch, calls } = scriptedFetch(
      problem(503, 'unavailable'),
      new TypeError('socket hang up'),
      json(institution, 201),
      json(institution, 201),
    );
    const api = client(fetch);
    await api.institutions.create(institutionInput);
    await api.institutions.create(institutionInput);
    expect(calls).toHaveLength(4);
    const keys = calls.map((call) => call.headers['idempotency-key']);
    expect(keys[0]).toMatch(
      /^psl-idem-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).toBe(keys[0]);
    expect(keys[3]).not.toBe(keys[0]);
    // The body is the same on every attempt, so the API can replay the first answer.
    expect(new Set(calls.map((call) => call.body)).size).toBe(1);
  });

  it('uses the key the caller gives', async () => {
    const { fetch, calls } = scriptedFetch(json(institution, 201));
    await client(fetch).institutions.create(institutionInput, { idempotencyKey: 'import-42' });
    expect(calls[0]?.headers['idempotency-key']).toBe('import-42');
  });

  it('sends no Idempotency-Key on GET, PATCH or DELETE', async () => {
    const { fetch, calls } = scriptedFetch(json(institution), new Response(null, { status: 204 }));
    const api = client(fetch);
    await api.institutions.update(institution.id, { city: 'Paris' });
    await api.institutions.delete(institution.id);
    await api.institutions.get(institution.id);
    expect(calls.map((call) => call.headers['idempotency-key'])).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('makes a UUID from getRandomValues where randomUUID is missing (insecure browser pages)', async () => {
    Object.defineProperty(globalThis.crypto, 'randomUUID', {
      value: undefined,
      configurable: true,
    });
    try {
      const { fetch, calls } = scriptedFetch(json(institution, 201));
      await client(fetch).institutions.create(institutionInput);
      expect(calls[0]?.headers['idempotency-key']).toMatch(
        /^psl-idem-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    } finally {
      Reflect.deleteProperty(globalThis.crypto, 'randomUUID');
    }
    expect(typeof globalThis.crypto.randomUUID).toBe('function');
  });
});

describe('requests', () => {
  it('sends the token, JSON headers and the body', async () => {
    const { fetch, calls } = scriptedFetch(json(institution, 201));
    await client(fetch, { defaultHeaders: { 'X-Team': 'sdk' } }).institutions.create(
      institutionInput,
    );
    const [call] = calls;
    expect(call?.url).toBe('http://api.test/v1/institutions');
    expect(call?.method).toBe('POST');
    expect(call?.headers).toMatchObject({
      authorization: 'Bearer psl_secret',
      accept: 'application/json',
      'content-type': 'application/json',
      'x-team': 'sdk',
    });
    expect(JSON.parse(call?.body ?? '')).toEqual(institutionInput);
  });

  it('acts for someone from the client, per request, or not at all', async () => {
    const { fetch, calls } = scriptedFetch(json(institution));
    const bot = client(fetch, { actAs: 'channel:wechat:o6_abc' });
    await bot.institutions.get(institution.id);
    await bot.institutions.get(institution.id, { actAs: 'student:stu_01JD0000000000000000000000' });
    await bot.institutions.get(institution.id, { actAs: null });
    await bot
      .withOptions({ actAs: 'staff:stf_01JD0000000000000000000000' })
      .institutions.get(institution.id);
    expect(calls.map((call) => call.headers['passerelle-act-as'])).toEqual([
      'channel:wechat:o6_abc',
      'student:stu_01JD0000000000000000000000',
      undefined,
      'staff:stf_01JD0000000000000000000000',
    ]);
  });

  it('sends If-Match as a strong ETag from a version, or as given', async () => {
    const { fetch, calls } = scriptedFetch(json(institution), new Response(null, { status: 204 }));
    const api = client(fetch);
    await api.institutions.update(institution.id, { city: 'Paris' }, { ifMatch: 3 });
    await api.institutions.delete(institution.id, { ifMatch: 'W/"4"' });
    expect(calls[0]?.headers['if-match']).toBe('"3"');
    expect(calls[1]?.headers['if-match']).toBe('W/"4"');
  });

  it('adds and removes headers per request', async () => {
    const { fetch, calls } = scriptedFetch(json(institution));
    await client(fetch, { defaultHeaders: { 'X-Team': 'sdk' } }).institutions.get(institution.id, {
      headers: { 'X-Team': null, Authorization: null, 'X-Trace': 't-1' },
    });
    expect(calls[0]?.headers).not.toHaveProperty('x-team');
    expect(calls[0]?.headers).not.toHaveProperty('authorization');
    expect(calls[0]?.headers['x-trace']).toBe('t-1');
  });

  it('writes list filters as query parameters, repeating arrays and leaving out absent ones', async () => {
    const { fetch, calls } = scriptedFetch(json({ data: [], next_cursor: null }));
    await client(fetch, { baseUrl: 'http://api.test/base/' }).students.list({
      nationality: 'FR',
      status: undefined,
      limit: 10,
    });
    const transport = new Transport({
      baseUrl: 'http://api.test',
      token: undefined,
      actAs: undefined,
      timeout: 1_000,
      maxRetries: 0,
      fetch,
      validateResponses: false,
      defaultHeaders: {},
    });
    await transport.call({
      method: 'GET',
      path: '/v1/things',
      query: { tags: ['a', 'b'], on: true, off: null, n: 0 },
    });
    expect(calls.map((call) => call.url)).toEqual([
      'http://api.test/base/v1/students?nationality=FR&limit=10',
      'http://api.test/v1/things?tags=a&tags=b&on=true&n=0',
    ]);
    expect(calls[1]?.headers).not.toHaveProperty('authorization');
  });

  it('encodes ids in paths', async () => {
    const { fetch, calls } = scriptedFetch(json(institution));
    await client(fetch).tokens.revoke('tok_../../x y');
    expect(calls[0]?.url).toBe('http://api.test/v1/tokens/tok_..%2F..%2Fx%20y');
  });
});

describe('answers', () => {
  it('gives the request id and the Response with withResponse()', async () => {
    const { fetch } = scriptedFetch(json(institution, 200, { etag: '"1"' }));
    const { data, response, requestId } = await client(fetch)
      .institutions.get(institution.id)
      .withResponse();
    expect(data.id).toBe(institution.id);
    expect(requestId).toBe('req-200');
    expect(response.headers.get('etag')).toBe('"1"');
  });

  it('puts the request id, status, problem and headers on errors', async () => {
    const { fetch } = scriptedFetch(problem(404, 'not-found'));
    const error = await client(fetch)
      .institutions.get(institution.id)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    const notFound = error as NotFoundError;
    expect(notFound.requestId).toBe('req-404');
    expect(notFound.status).toBe(404);
    expect(notFound.problem?.detail).toBe('Detail of not-found');
    expect(notFound.headers?.get('content-type')).toBe('application/problem+json');
    expect(notFound.message).toBe('404 Title of not-found: Detail of not-found');
  });

  it('uses the problem request id when the header is missing', async () => {
    const { fetch } = scriptedFetch(
      new Response(
        JSON.stringify({
          type: 'urn:passerelle:problem:forbidden',
          title: 'No',
          status: 403,
          requestId: 'r-9',
        }),
        { status: 403, headers: { 'content-type': 'application/problem+json' } },
      ),
    );
    const error = await client(fetch)
      .institutions.get(institution.id)
      .catch((e: unknown) => e);
    expect((error as PasserelleError).requestId).toBe('r-9');
    expect((error as PasserelleError).message).toBe('403 No');
  });

  it('maps an error without a problem body by its status', async () => {
    const { fetch } = scriptedFetch(
      new Response('<html>Bad gateway</html>', {
        status: 418,
        statusText: "I'm a teapot",
        headers: { 'content-type': 'text/html' },
      }),
    );
    const error = await client(fetch)
      .institutions.get(institution.id)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PasserelleError);
    expect((error as PasserelleError).problem).toBeUndefined();
    expect((error as PasserelleError).message).toBe("418 I'm a teapot");
  });

  it('answers undefined for 204', async () => {
    const { fetch } = scriptedFetch(new Response(null, { status: 204 }));
    await expect(client(fetch).institutions.delete(institution.id)).resolves.toBeUndefined();
  });

  it('refuses a success answer that says JSON but is not', async () => {
    const { fetch, calls } = scriptedFetch(
      new Response('{"id": ', { status: 200, headers: { 'content-type': 'application/json' } }),
    );
    const error = await client(fetch)
      .institutions.get(institution.id)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toContain('is not JSON');
    expect(calls).toHaveLength(1);
  });

  it('returns a text body as text', async () => {
    const { fetch } = scriptedFetch(
      new Response('ok', { headers: { 'content-type': 'text/plain' } }),
    );
    await expect(client(fetch).health()).resolves.toBe('ok');
  });
});

describe('validateResponses', () => {
  it('accepts records that match the core schema, and the reader view', async () => {
    const view = {
      id: institution.id,
      name: institution.name,
      aliases: [],
      country: 'FR',
      city: 'Palaiseau',
      kind: 'grande_ecole',
    };
    const { fetch } = scriptedFetch(json(institution), json(view));
    const api = client(fetch, { validateResponses: true });
    await expect(api.institutions.get(institution.id)).resolves.toEqual(institution);
    await expect(api.institutions.get(institution.id)).resolves.toEqual(view);
  });

  it('throws ResponseValidationError naming the bad fields', async () => {
    const { fetch, calls } = scriptedFetch(json({ ...institution, country: 'XX', version: 0 }));
    const error = await client(fetch, { validateResponses: true })
      .institutions.create(institutionInput)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    const issues = (error as ResponseValidationError).issues.map((issue) => issue.path);
    expect(issues).toEqual(expect.arrayContaining(['country', 'version']));
    expect((error as ResponseValidationError).requestId).toBe('req-200');
    expect(calls).toHaveLength(1);
  });

  it('checks every record of a page', async () => {
    const { fetch } = scriptedFetch(
      json({ data: [institution, { ...institution, id: 'nope' }], next_cursor: null }),
    );
    const error = await client(fetch, { validateResponses: true })
      .institutions.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).issues[0]?.path).toBe('data.1.id');
  });

  it('does not check records when off', async () => {
    const { fetch } = scriptedFetch(json({ ...institution, country: 'XX' }));
    await expect(client(fetch).institutions.get(institution.id)).resolves.toMatchObject({
      country: 'XX',
    });
  });
});

describe('non-JSON bodies', () => {
  it('sends raw bytes with their media type and reads a text answer', async () => {
    const { fetch, calls } = scriptedFetch(
      new Response('<iias-get-response/>', { headers: { 'content-type': 'application/xml' } }),
    );
    const transport = new Transport({
      baseUrl: 'http://api.test',
      token: 'psl_secret',
      actAs: undefined,
      timeout: 1000,
      maxRetries: 0,
      fetch,
      validateResponses: false,
      defaultHeaders: {},
    });
    const text = await transport.call<string>({
      method: 'POST',
      path: '/v1/ewp/iias/import',
      rawBody: { data: '<x/>', contentType: 'application/xml' },
      accept: 'application/xml',
      responseKind: 'text',
    });
    expect(text).toBe('<iias-get-response/>');
    expect(calls[0]?.headers['content-type']).toBe('application/xml');
    expect(calls[0]?.headers.accept).toBe('application/xml');
    expect(calls[0]?.body).toBe('<x/>');
    expect(calls[0]?.headers['idempotency-key']).toMatch(/^psl-idem-/);
  });

  it('reads a binary answer as bytes, and an error of a binary call as a typed error', async () => {
    const bytes = new Uint8Array([0x1f, 0x8b, 0x08, 0x00]);
    const { fetch } = scriptedFetch(
      new Response(bytes, { headers: { 'content-type': 'application/gzip' } }),
      problem(404, 'not-found'),
    );
    const api = client(fetch, { maxRetries: 0 });
    expect([...(await api.admin.backup())]).toEqual([...bytes]);
    await expect(api.admin.backup()).rejects.toThrow(NotFoundError);
  });

  it('guesses XLSX from the bytes of a sheet and sends a dry run as a query', async () => {
    const { fetch, calls } = scriptedFetch(json({ ok: true }), json({ ok: true }));
    const api = client(fetch);
    await api.spreadsheets.importSheet('students', new Uint8Array([0x50, 0x4b, 0x03, 0x04]), {
      dryRun: true,
    });
    await api.spreadsheets.importSheet('students', 'id,fullName\r\n');
    expect(calls[0]?.url).toBe('http://api.test/v1/imports/students?dry_run=true');
    expect(calls[0]?.headers['content-type']).toMatch(/spreadsheetml/);
    expect(calls[1]?.url).toBe('http://api.test/v1/imports/students');
    expect(calls[1]?.headers['content-type']).toBe('text/csv');
  });
});

describe('a fetch of its own', () => {
  /** An answer with only what `FetchResponse` names: no body stream, no `json()`. */
  function plainAnswer(status: number, body: string, headers: Record<string, string>) {
    return {
      ok: status >= 200 && status < 300,
      status,
      statusText: '',
      headers: new Headers(headers),
      text: async () => body,
      arrayBuffer: async () => new TextEncoder().encode(body).buffer,
    };
  }

  it('reads records, errors and bytes from an answer that is not a Response', async () => {
    const answers = [
      plainAnswer(200, JSON.stringify(institution), {
        'content-type': 'application/json',
        'x-request-id': 'req-plain',
      }),
      plainAnswer(
        404,
        JSON.stringify({
          type: 'urn:passerelle:problem:not-found',
          title: 'Not found',
          status: 404,
        }),
        { 'content-type': 'application/problem+json', 'x-request-id': 'req-missing' },
      ),
      plainAnswer(200, 'gzip?', { 'content-type': 'application/gzip' }),
    ];
    const fetch: Fetch = async () => {
      const next = answers.shift();
      if (next === undefined) throw new Error('no more answers');
      return next;
    };
    const api = client(fetch, { maxRetries: 0 });

    const { data, response, requestId } = await api.institutions.get(institution.id).withResponse();
    expect(data).toEqual(institution);
    expect(requestId).toBe('req-plain');
    expect(response.headers.get('content-type')).toBe('application/json');

    const missing = await api.institutions.get(institution.id).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as NotFoundError).requestId).toBe('req-missing');
    expect((missing as NotFoundError).headers?.get('x-request-id')).toBe('req-missing');

    expect(new TextDecoder().decode(await api.admin.backup())).toBe('gzip?');
  });
});

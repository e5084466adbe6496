/** Every failure is application/problem+json with a stable type, the request id, and no stack. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids, PASSPORT_NUMBER } from './fixtures';
import { expectProblem, type JsonObject, startTestApi, storeKinds, type TestApi } from './helpers';

describe.each(storeKinds)('problem+json on %s', (store) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({
      store,
      config: { BODY_LIMIT_BYTES: 4096 },
      extend: (app) => {
        app.get('/v1/test-only/boom', () => {
          throw new Error(`secret internals ${PASSPORT_NUMBER}`);
        });
      },
    });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('answers a validation failure with 400 and each failing field', async () => {
    const response = await api.fetch('/v1/students', {
      token: api.tokens.staff,
      body: { fullName: '', email: 'not-an-email', nationality: 'XX' },
    });
    const problem = await expectProblem(response, 400, 'validation');
    const paths = (problem.errors as JsonObject[]).map((error) => error.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.fullName',
        'body.email',
        'body.nationality',
        'body.programmeKind',
      ]),
    );
    expect(problem.instance).toBe('/v1/students');
  });

  it('names query parameters and path parameters that are wrong', async () => {
    const query = await expectProblem(
      await api.fetch('/v1/students?limit=500&status=flying', { token: api.tokens.staff }),
      400,
      'validation',
    );
    expect((query.errors as JsonObject[]).map((error) => error.path).sort()).toEqual([
      'query.limit',
      'query.status',
    ]);
    const param = await expectProblem(
      await api.fetch('/v1/students/not-an-id', { token: api.tokens.staff }),
      400,
      'validation',
    );
    expect((param.errors as JsonObject[])[0]?.path).toBe('path.id');
  });

  it('answers malformed JSON with 400 malformed-json', async () => {
    const response = await api.fetch('/v1/institutions', {
      token: api.tokens.staff,
      body: '{"name": ',
    });
    await expectProblem(response, 400, 'malformed-json');
  });

  it('answers a body over the limit with 413', async () => {
    const response = await api.fetch('/v1/institutions', {
      token: api.tokens.staff,
      body: JSON.stringify({ padding: 'x'.repeat(5000) }),
    });
    await expectProblem(response, 413, 'payload-too-large');
  });

  it('answers a body that is not JSON with 415', async () => {
    const response = await api.fetch('/v1/institutions', {
      token: api.tokens.staff,
      body: 'name=X',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await expectProblem(response, 415, 'unsupported-media-type');
  });

  it('answers no token or a bad one with 401 and WWW-Authenticate', async () => {
    const none = await api.fetch('/v1/students');
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    await expectProblem(none, 401, 'unauthenticated');
    await expectProblem(
      await api.fetch('/v1/students', { token: 'psl_nope' }),
      401,
      'unauthenticated',
    );
  });

  it('answers a refused role with 403, and a student with 404', async () => {
    await expectProblem(
      await api.fetch('/v1/tokens', { token: api.tokens.staff }),
      403,
      'forbidden',
    );
    await expectProblem(
      await api.fetch('/v1/tokens', { token: api.tokens.student.token }),
      404,
      'not-found',
    );
  });

  it('answers unknown routes with 404', async () => {
    const problem = await expectProblem(await api.fetch('/nowhere'), 404, 'not-found');
    expect(problem.detail).toContain('/nowhere');
    await expectProblem(
      await api.fetch('/v1/nowhere', { token: api.tokens.staff }),
      404,
      'not-found',
    );
  });

  it('answers an illegal transition with 409, naming the rule and the allowed states', async () => {
    const response = await api.fetch(`/v1/students/${ids.third}/transitions`, {
      token: api.tokens.staff,
      body: { to: 'active' },
    });
    const problem = await expectProblem(response, 409, 'illegal-transition');
    expect(problem.rule).toBe('student.illegal_transition');
    expect((problem.data as JsonObject).allowed).toEqual(['admitted', 'withdrawn']);
  });

  it('answers a stale If-Match with 412', async () => {
    const response = await api.fetch(`/v1/institutions/${ids.tongji}`, {
      method: 'PATCH',
      token: api.tokens.staff,
      headers: { 'if-match': '"41"' },
      body: { city: 'Jiading' },
    });
    const problem = await expectProblem(response, 412, 'precondition-failed');
    expect((problem.data as JsonObject).currentVersion).toBe(1);
    expect(response.headers.get('etag')).toBe('"1"');
  });

  it('answers a business-rule refusal with 422, the rule and its data', async () => {
    // The exchange agreement admits one inbound student in 2025-2026; the other student fills it.
    const first = await api.json(`/v1/students/${ids.other}`, { token: api.tokens.staff });
    expect(first.status).toBe(200);
    const created = await api.json('/v1/students', {
      token: api.tokens.staff,
      body: {
        fullName: 'Inès Garnier',
        email: 'ines@example.org',
        nationality: 'FR',
        programmeKind: 'exchange',
        level: 'master',
        homeInstitutionId: ids.polytechnique,
        programmeStart: '2025-09-01',
        programmeEnd: '2026-06-30',
      },
    });
    expect(created.status).toBe(201);
    const newId = (created.body as JsonObject).id as string;
    const admitted = await api.json(`/v1/students/${newId}/transitions`, {
      token: api.tokens.staff,
      body: { to: 'admitted' },
    });
    expect(admitted.status).toBe(200);
    expect((admitted.body as JsonObject).status).toBe('admitted');

    const second = await api.json('/v1/students', {
      token: api.tokens.staff,
      body: {
        fullName: 'Hugo Lefèvre',
        email: 'hugo@example.org',
        nationality: 'FR',
        programmeKind: 'exchange',
        level: 'master',
        homeInstitutionId: ids.polytechnique,
        programmeStart: '2025-09-01',
        programmeEnd: '2026-06-30',
      },
    });
    const secondId = (second.body as JsonObject).id as string;
    const refused = await api.fetch(`/v1/students/${secondId}/transitions`, {
      token: api.tokens.staff,
      body: { to: 'admitted' },
    });
    const problem = await expectProblem(refused, 422, 'rule-violation');
    expect(problem.rule).toBe('agreement.quota_exceeded');
    expect(problem.data).toMatchObject({ agreementId: ids.exchange, quota: 1, used: 1 });
    expect(((problem.data as JsonObject).messages as JsonObject).zh).toBeTypeOf('string');

    // Staff may override with a justification, which is recorded.
    const overridden = await api.json(`/v1/students/${secondId}/transitions`, {
      token: api.tokens.staff,
      body: {
        to: 'admitted',
        override: { justification: 'Dean approved an extra place for 2025' },
      },
    });
    expect(overridden.status).toBe(200);
    expect(((overridden.body as JsonObject).admission as JsonObject).override).toEqual({
      justification: 'Dean approved an extra place for 2025',
      quota: 1,
    });
  });

  it('answers an unexpected error with a bare 500: no message, no stack, logged without secrets', async () => {
    const response = await api.fetch('/v1/test-only/boom', { token: api.tokens.staff });
    const problem = await expectProblem(response, 500, 'internal');
    const text = JSON.stringify(problem);
    expect(text).not.toContain('secret');
    expect(text).not.toContain('at ');
    expect(Object.keys(problem).sort()).toEqual([
      'instance',
      'requestId',
      'status',
      'title',
      'type',
    ]);
    const logged = api.logs.find((line) => line.includes('unexpected error'));
    expect(logged).toBeDefined();
    expect(logged).toContain(problem.requestId as string);
  });

  it('gives every response an X-Request-Id, and keeps a valid one the client sent', async () => {
    const response = await api.fetch('/healthz', { headers: { 'x-request-id': 'trace-123' } });
    expect(response.headers.get('x-request-id')).toBe('trace-123');
    const generated = await api.fetch('/healthz');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

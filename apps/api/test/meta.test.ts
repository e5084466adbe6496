/** Health, readiness, the OpenAPI document, the reference page, CORS and what the logs hold. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids, OTHER_PASSPORT_NUMBER, PASSPORT_NUMBER } from './fixtures';
import { expectProblem, type JsonObject, startTestApi, storeKinds, type TestApi } from './helpers';

describe.each(storeKinds)('service endpoints on %s', (store) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ store, config: { CORS_ORIGINS: ['https://office.example.edu'] } });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('answers /healthz and /readyz without a token', async () => {
    expect(await api.json('/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await api.json('/readyz')).toMatchObject({
      status: 200,
      body: { status: 'ready', store },
    });
  });

  it('publishes an OpenAPI 3.1 document generated from the routes', async () => {
    const { status, body } = await api.json<JsonObject>('/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    const paths = body.paths as JsonObject;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/v1/students',
        '/v1/students/counts',
        '/v1/students/{id}',
        '/v1/students/{id}/transitions',
        '/v1/institutions',
        '/v1/institutions/{id}/overview',
        '/v1/tokens',
        '/v1/bindings',
        '/v1/bindings/codes',
        '/v1/bindings/resolve',
        '/v1/audit',
      ]),
    );
    const components = body.components as JsonObject;
    expect((components.securitySchemes as JsonObject).bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    const schemas = components.schemas as JsonObject;
    for (const name of ['Student', 'StudentSelfView', 'Institution', 'Problem', 'StudentPage']) {
      expect(schemas[name]).toBeDefined();
    }
    const listStudents = (paths['/v1/students'] as JsonObject).get as JsonObject;
    const parameters = (listStudents.parameters as JsonObject[]).map((parameter) => parameter.name);
    expect(parameters).toEqual(
      expect.arrayContaining([
        'limit',
        'cursor',
        'sort',
        'status',
        'document_expiring_before',
        'q',
      ]),
    );
    const problem = ((listStudents.responses as JsonObject)['401'] as JsonObject)
      .content as JsonObject;
    expect(Object.keys(problem)).toEqual(['application/problem+json']);
  });

  it('renders a self-contained reference page from the document', async () => {
    const response = await api.fetch('/docs');
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('Passerelle API');
    expect(html).toContain('/v1/students/{id}/transitions');
    expect(html).toContain('id="schema-StudentSelfView"');
    expect(html).not.toMatch(/<script|https?:\/\/cdn/);
  });

  it('allows the configured origins and no others', async () => {
    const allowed = await api.fetch('/v1/institutions', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://office.example.edu',
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization,if-match',
      },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://office.example.edu');
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'if-match',
    );
    const other = await api.fetch('/healthz', { headers: { origin: 'https://evil.example.com' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('logs one structured line per request with its id, and never a token or a document number', async () => {
    const response = await api.fetch(`/v1/students/${ids.student}?q=${PASSPORT_NUMBER}`, {
      token: api.tokens.staff,
      headers: { 'x-request-id': 'log-check-1' },
    });
    expect(response.status).toBe(200);
    await api.fetch('/v1/students', {
      token: api.tokens.staff,
      body: { fullName: 'Bad', documents: { passportNumber: OTHER_PASSPORT_NUMBER } },
    });
    const line = api.logs
      .map((text) => JSON.parse(text) as JsonObject)
      .find((entry) => entry.requestId === 'log-check-1');
    expect(line).toMatchObject({
      method: 'GET',
      path: `/v1/students/${ids.student}`,
      status: 200,
      role: 'staff',
    });
    const everything = api.logs.join('\n');
    for (const secret of [
      api.tokens.staff,
      api.tokens.admin,
      api.tokens.student.token,
      PASSPORT_NUMBER,
      OTHER_PASSPORT_NUMBER,
    ]) {
      expect(everything).not.toContain(secret);
    }
  });

  // Last: it closes the store under the running API.
  it('answers /readyz with 503 when the store is gone', async () => {
    await api.store.close();
    await expectProblem(await api.fetch('/readyz'), 503, 'unavailable');
    expect(api.logs.join('\n')).toContain('"kind":"unavailable"');
  });
});

/** Versions and If-Match, Idempotency-Key, and concurrent writers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids } from './fixtures';
import { expectProblem, type JsonObject, startTestApi, storeKinds, type TestApi } from './helpers';

const institution = (name: string) => ({
  name: { en: name },
  country: 'SE',
  city: 'Stockholm',
  kind: 'university',
});

describe.each(storeKinds)('concurrency and retries on %s', (store) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ store });
  });
  afterAll(async () => {
    await api?.close();
  });

  describe('If-Match', () => {
    it('writes when the version matches, refuses a stale one with 412 and changes nothing', async () => {
      const created = await api.json<JsonObject>('/v1/institutions', {
        token: api.tokens.staff,
        body: institution('KTH Royal Institute of Technology'),
      });
      const id = created.body.id as string;
      const etag = created.headers.get('etag') ?? '';
      expect(etag).toBe('"1"');

      const first = await api.json<JsonObject>(`/v1/institutions/${id}`, {
        method: 'PATCH',
        token: api.tokens.staff,
        headers: { 'if-match': etag },
        body: { city: 'Solna' },
      });
      expect(first.status).toBe(200);
      expect(first.headers.get('etag')).toBe('"2"');

      // A second writer who also read version 1 loses instead of overwriting.
      await expectProblem(
        await api.fetch(`/v1/institutions/${id}`, {
          method: 'PATCH',
          token: api.tokens.admin,
          headers: { 'if-match': etag },
          body: { city: 'Uppsala' },
        }),
        412,
        'precondition-failed',
      );
      await expectProblem(
        await api.fetch(`/v1/institutions/${id}`, {
          method: 'DELETE',
          token: api.tokens.admin,
          headers: { 'if-match': etag },
        }),
        412,
        'precondition-failed',
      );
      const now = await api.json<JsonObject>(`/v1/institutions/${id}`, { token: api.tokens.staff });
      expect(now.body).toMatchObject({ city: 'Solna', version: 2 });

      // A list of ETags, weak ETags and * are understood.
      const weak = await api.fetch(`/v1/institutions/${id}`, {
        method: 'PATCH',
        token: api.tokens.staff,
        headers: { 'if-match': 'W/"1", W/"2"' },
        body: { city: 'Stockholm' },
      });
      expect(weak.status).toBe(200);
      const star = await api.fetch(`/v1/institutions/${id}`, {
        method: 'PATCH',
        token: api.tokens.staff,
        headers: { 'if-match': '*' },
        body: { city: 'Kista' },
      });
      expect(star.status).toBe(200);
      await expectProblem(
        await api.fetch(`/v1/institutions/${id}`, {
          method: 'PATCH',
          token: api.tokens.staff,
          headers: { 'if-match': 'yesterday' },
          body: { city: 'Kista' },
        }),
        400,
        'validation',
      );
    });

    it('loses no update when writers do not send If-Match: each change lands on the latest version', async () => {
      const created = await api.json<JsonObject>('/v1/institutions', {
        token: api.tokens.staff,
        body: institution('Chalmers'),
      });
      const id = created.body.id as string;
      const tags = Array.from({ length: 10 }, (_, index) => `tag-${index}`);
      // Each writer sends a different field value; all ten must be counted in the version.
      const responses = await Promise.all(
        tags.map((tag) =>
          api.fetch(`/v1/institutions/${id}`, {
            method: 'PATCH',
            token: api.tokens.staff,
            body: { aliases: [tag] },
          }),
        ),
      );
      expect(responses.map((response) => response.status)).toEqual(tags.map(() => 200));
      const versions = await Promise.all(
        responses.map(async (response) => ((await response.json()) as JsonObject).version),
      );
      expect([...versions].sort((a, b) => Number(a) - Number(b))).toEqual(
        Array.from({ length: 10 }, (_, index) => index + 2),
      );
      const audit = await api.json<{ data: JsonObject[] }>(
        `/v1/audit?entity=institution&entity_id=${id}&limit=200`,
        { token: api.tokens.admin },
      );
      expect(audit.body.data).toHaveLength(11);
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the first response to a retry with the same key and body', async () => {
      const headers = { 'idempotency-key': 'create-eth-1' };
      const body = institution('ETH Zürich');
      const first = await api.json<JsonObject>('/v1/institutions', {
        token: api.tokens.staff,
        headers,
        body,
      });
      const second = await api.json<JsonObject>('/v1/institutions', {
        token: api.tokens.staff,
        headers,
        body,
      });
      expect(first.status).toBe(201);
      // The first response goes out whole: its body is stored and sent from the same bytes.
      expect(first.body).toMatchObject({ name: { en: 'ETH Zürich' }, version: 1 });
      expect(first.headers.get('content-type')).toMatch(/^application\/json/);
      expect(first.headers.get('etag')).toBe('"1"');
      expect(first.headers.get('x-request-id')).toMatch(/\S/);
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      expect(second.headers.get('location')).toBe(first.headers.get('location'));
      expect(second.headers.get('etag')).toBe('"1"');
      const list = await api.json<{ data: JsonObject[] }>('/v1/institutions?q=eth%20z&limit=200', {
        token: api.tokens.staff,
      });
      expect(list.body.data).toHaveLength(1);
    });

    it('refuses the same key with another body with 422', async () => {
      const headers = { 'idempotency-key': 'create-epfl-1' };
      const first = await api.fetch('/v1/institutions', {
        token: api.tokens.staff,
        headers,
        body: institution('EPFL'),
      });
      expect(first.status).toBe(201);
      await expectProblem(
        await api.fetch('/v1/institutions', {
          token: api.tokens.staff,
          headers,
          body: institution('EPFL Lausanne'),
        }),
        422,
        'idempotency-mismatch',
      );
    });

    it('scopes keys per token', async () => {
      const headers = { 'idempotency-key': 'shared-key' };
      const byStaff = await api.json<JsonObject>('/v1/institutions', {
        token: api.tokens.staff,
        headers,
        body: institution('Aalto University'),
      });
      const byAdmin = await api.json<JsonObject>('/v1/institutions', {
        token: api.tokens.admin,
        headers,
        body: institution('Aalto University'),
      });
      expect(byAdmin.status).toBe(201);
      expect(byAdmin.headers.get('idempotent-replayed')).toBeNull();
      expect(byAdmin.body.id).not.toBe(byStaff.body.id);
    });

    it('runs concurrent duplicates once', async () => {
      const headers = { 'idempotency-key': 'burst-1' };
      const body = institution('Uppsala University');
      const responses = await Promise.all(
        Array.from({ length: 5 }, () =>
          api.fetch('/v1/institutions', { token: api.tokens.staff, headers, body }),
        ),
      );
      const statuses = responses.map((response) => response.status);
      // One creates; the others replay it or are told to retry (409 idempotency-in-progress).
      expect(statuses.filter((status) => status === 201).length).toBeGreaterThanOrEqual(1);
      expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
      const list = await api.json<{ data: JsonObject[] }>('/v1/institutions?q=uppsala', {
        token: api.tokens.staff,
      });
      expect(list.body.data).toHaveLength(1);
    });

    it('replays a refusal too, but not a response the client should retry', async () => {
      const headers = { 'idempotency-key': 'move-1' };
      const refused = await api.fetch(`/v1/students/${ids.third}/transitions`, {
        token: api.tokens.staff,
        headers,
        body: { to: 'completed' },
      });
      expect(refused.status).toBe(409);
      // 409 is retryable, so it is not stored: the same key may be used again.
      const again = await api.fetch(`/v1/students/${ids.third}/transitions`, {
        token: api.tokens.staff,
        headers,
        body: { to: 'completed' },
      });
      expect(again.status).toBe(409);
      expect(again.headers.get('idempotent-replayed')).toBeNull();

      const invalidHeaders = { 'idempotency-key': 'bad-body-1' };
      const invalid = await api.fetch('/v1/institutions', {
        token: api.tokens.staff,
        headers: invalidHeaders,
        body: { name: {} },
      });
      expect(invalid.status).toBe(400);
      const replayed = await api.fetch('/v1/institutions', {
        token: api.tokens.staff,
        headers: invalidHeaders,
        body: { name: {} },
      });
      expect(replayed.status).toBe(400);
      expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    });

    it('refuses a key that is not 1 to 255 visible characters', async () => {
      await expectProblem(
        await api.fetch('/v1/institutions', {
          token: api.tokens.staff,
          headers: { 'idempotency-key': 'x'.repeat(256) },
          body: institution('Too long'),
        }),
        400,
        'validation',
      );
    });
  });
});

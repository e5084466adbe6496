/**
 * /v1/staff, /v1/publications and /v1/awards: CRUD with If-Match and audit, list filters,
 * and the role matrix (students read the staff public view; everyone reads publications and
 * awards; staff write them; admins alone manage staff and delete).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids } from './fixtures';
import { expectProblem, type JsonObject, startTestApi, storeKinds, type TestApi } from './helpers';

type Page = { data: JsonObject[]; next_cursor: string | null };

const publicationsToCreate = [
  {
    title: { en: 'Sino-French salon on energy', zh: '中法能源沙龙' },
    channel: 'WeChat official account',
    publishedOn: '2025-03-14',
    tags: ['salon'],
  },
  {
    title: { en: 'Delegation visits École Polytechnique', fr: 'Visite à Polytechnique' },
    channel: 'University news',
    publishedOn: '2025-12-15',
    url: 'https://news.example.edu/x',
  },
  {
    title: { en: 'Summer school closes' },
    channel: 'WeChat official account',
    publishedOn: '2024-08-02',
  },
];

const awardsToCreate = [
  { person: 'Li Na', category: 'Outstanding contribution', year: 2023 },
  { person: 'Marc Dupont', category: 'Partnership builder', year: 2023 },
  {
    person: 'Wang Fang',
    category: 'Outstanding contribution',
    year: 2024,
    citation: { en: 'For the welcome week', zh: '迎新周' },
  },
];

describe.each(storeKinds)('staff, publications and awards on %s', (store) => {
  let api: TestApi;
  const publicationIds: string[] = [];
  const awardIds: string[] = [];

  const get = (path: string, token: string) => api.json<JsonObject>(path, { token });
  const listIds = async (path: string, token?: string) => {
    const found: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const separator = path.includes('?') ? '&' : '?';
      const page: { status: number; body: Page } = await api.json<Page>(
        cursor === null ? path : `${path}${separator}cursor=${cursor}`,
        { token: token ?? api.tokens.staff },
      );
      expect(page.status).toBe(200);
      found.push(...page.body.data.map((item) => String(item.id)));
      cursor = page.body.next_cursor;
      if (cursor === null) return found;
    }
    throw new Error('too many pages');
  };

  beforeAll(async () => {
    api = await startTestApi({ store });
    for (const body of publicationsToCreate) {
      const made = await api.json<JsonObject>('/v1/publications', {
        token: api.tokens.staff,
        body,
      });
      expect(made.status).toBe(201);
      publicationIds.push(String(made.body.id));
      api.clock.advance(1000);
    }
    for (const body of awardsToCreate) {
      const made = await api.json<JsonObject>('/v1/awards', { token: api.tokens.staff, body });
      expect(made.status).toBe(201);
      awardIds.push(String(made.body.id));
      api.clock.advance(1000);
    }
  }, 60_000);
  afterAll(async () => {
    await api?.close();
  });

  describe('staff', () => {
    it('staff and admins read whole records; students the public view; the bot nothing', async () => {
      for (const token of [api.tokens.admin, api.tokens.staff]) {
        const one = await get(`/v1/staff/${ids.admin}`, token);
        expect(one.status).toBe(200);
        expect(one.headers.get('etag')).toBe('"1"');
        expect(one.body).toMatchObject({ role: 'admin', email: 'ada@example.org', version: 1 });
      }
      const token = api.tokens.student.token;
      const viewed = await get(`/v1/staff/${ids.staff}`, token);
      expect(viewed.status).toBe(200);
      expect(viewed.body).toEqual({
        id: ids.staff,
        name: 'Sam Staff',
        email: 'sam@example.org',
        unit: 'International Affairs Office',
        languages: [],
      });
      const page = await api.json<Page>('/v1/staff', { token });
      expect(page.body.data.map((item) => item.name)).toEqual(['Ada Admin', 'Sam Staff']);
      for (const item of page.body.data) {
        expect(Object.keys(item)).not.toContain('role');
        expect(Object.keys(item)).not.toContain('version');
      }
      const filtered = await expectProblem(
        await api.fetch('/v1/staff?role=admin', { token }),
        400,
        'validation',
      );
      expect((filtered.errors as JsonObject[])[0]?.path).toBe('query.role');
      await expectProblem(
        await api.fetch('/v1/staff/stf_nowhere000001', { token }),
        404,
        'not-found',
      );
      for (const path of ['/v1/staff', `/v1/staff/${ids.staff}`]) {
        await expectProblem(await api.fetch(path, { token: api.tokens.service }), 403, 'forbidden');
      }
    });

    it('only admins create, change and delete staff; emails are unique whatever their case', async () => {
      const body = {
        name: 'Chloé Moreau',
        email: 'chloe@example.org',
        title: 'International student advisor',
        languages: ['fr', 'zh'],
      };
      await expectProblem(
        await api.fetch('/v1/staff', { token: api.tokens.staff, body }),
        403,
        'forbidden',
      );
      await expectProblem(
        await api.fetch('/v1/staff', { token: api.tokens.student.token, body }),
        404,
        'not-found',
      );
      const made = await api.json<JsonObject>('/v1/staff', { token: api.tokens.admin, body });
      expect(made.status).toBe(201);
      const id = String(made.body.id);
      expect(id).toMatch(/^stf_/);
      expect(made.headers.get('location')).toBe(`/v1/staff/${id}`);
      expect(made.body).toMatchObject({ role: 'staff', unit: 'International Affairs Office' });
      await expectProblem(
        await api.fetch('/v1/staff', {
          token: api.tokens.admin,
          body: { name: 'Twin', email: 'CHLOE@example.org' },
        }),
        409,
        'conflict',
      );

      await expectProblem(
        await api.fetch(`/v1/staff/${id}`, {
          method: 'PATCH',
          token: api.tokens.staff,
          body: { title: 'Head' },
        }),
        403,
        'forbidden',
      );
      const changed = await api.json<JsonObject>(`/v1/staff/${id}`, {
        method: 'PATCH',
        token: api.tokens.admin,
        headers: { 'if-match': '"1"' },
        body: { title: 'Head of student services' },
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ title: 'Head of student services', version: 2 });
      await expectProblem(
        await api.fetch(`/v1/staff/${id}`, {
          method: 'PATCH',
          token: api.tokens.admin,
          headers: { 'if-match': '"1"' },
          body: { title: 'Lost' },
        }),
        412,
        'precondition-failed',
      );
      await expectProblem(
        await api.fetch(`/v1/staff/${id}`, {
          method: 'PATCH',
          token: api.tokens.admin,
          body: { email: 'sam@example.org' },
        }),
        409,
        'conflict',
      );
      await expectProblem(
        await api.fetch(`/v1/staff/${id}`, {
          method: 'PATCH',
          token: api.tokens.admin,
          body: { id: 'stf_other0000001' },
        }),
        400,
        'validation',
      );

      await expectProblem(
        await api.fetch(`/v1/staff/${id}`, { method: 'DELETE', token: api.tokens.staff }),
        403,
        'forbidden',
      );
      expect(
        (await api.fetch(`/v1/staff/${id}`, { method: 'DELETE', token: api.tokens.admin })).status,
      ).toBe(204);
      await expectProblem(
        await api.fetch(`/v1/staff/${id}`, { token: api.tokens.admin }),
        404,
        'not-found',
      );
      const audit = await api.json<Page>(`/v1/audit?entity_id=${id}`, { token: api.tokens.admin });
      expect(audit.body.data.map((entry) => entry.action)).toEqual([
        'staff.delete',
        'staff.update',
        'staff.create',
      ]);
    });

    it('filters by role and searches names, titles and units; sorts and pages by name', async () => {
      expect(await listIds('/v1/staff?role=admin')).toEqual([ids.admin]);
      expect(await listIds('/v1/staff?q=sam')).toEqual([ids.staff]);
      expect(await listIds('/v1/staff?q=affairs&limit=1')).toEqual([ids.admin, ids.staff]);
      expect(await listIds('/v1/staff?sort=-name&limit=1')).toEqual([ids.staff, ids.admin]);
      expect(await listIds('/v1/staff?q=nobody')).toEqual([]);
      await expectProblem(
        await api.fetch('/v1/staff?sort=email', { token: api.tokens.staff }),
        400,
        'validation',
      );
    });
  });

  describe('publications', () => {
    it('lists newest first and filters by year, dates, channel and search', async () => {
      const [salon, delegation, summer] = publicationIds;
      expect(await listIds('/v1/publications?limit=1')).toEqual([delegation, salon, summer]);
      expect(await listIds('/v1/publications?sort=created')).toEqual(publicationIds);
      expect(await listIds('/v1/publications?year=2025')).toEqual([delegation, salon]);
      expect(await listIds('/v1/publications?year=2024')).toEqual([summer]);
      expect(await listIds('/v1/publications?from=2025-01-01&to=2025-06-30')).toEqual([salon]);
      expect(
        await listIds(
          `/v1/publications?channel=${encodeURIComponent('WeChat official account')}&sort=published_on`,
        ),
      ).toEqual([summer, salon]);
      expect(await listIds(`/v1/publications?q=${encodeURIComponent('能源')}`)).toEqual([salon]);
      expect(await listIds('/v1/publications?q=polytechnique')).toEqual([delegation]);
      expect(await listIds('/v1/publications?q=salon&year=2024')).toEqual([]);
      for (const query of ['year=99', 'from=2025-02-30', 'sort=title', 'limit=0']) {
        await expectProblem(
          await api.fetch(`/v1/publications?${query}`, { token: api.tokens.staff }),
          400,
          'validation',
        );
      }
    });

    it('everyone with a token reads them; staff write; admins delete; each write audited', async () => {
      const [salon] = publicationIds;
      for (const token of [api.tokens.student.token, api.tokens.service, api.tokens.admin]) {
        const one = await get(`/v1/publications/${salon}`, token);
        expect(one.status).toBe(200);
        expect(one.body.channel).toBe('WeChat official account');
        expect((await listIds('/v1/publications', token)).length).toBe(3);
      }
      const body = { title: { en: 'Draft' }, channel: 'Website', publishedOn: '2025-11-01' };
      await expectProblem(
        await api.fetch('/v1/publications', { token: api.tokens.student.token, body }),
        404,
        'not-found',
      );
      await expectProblem(
        await api.fetch('/v1/publications', { token: api.tokens.service, body }),
        403,
        'forbidden',
      );
      await expectProblem(
        await api.fetch('/v1/publications', {
          token: api.tokens.staff,
          body: { ...body, url: 'ftp://example.org' },
        }),
        400,
        'validation',
      );
      const made = await api.json<JsonObject>('/v1/publications', {
        token: api.tokens.staff,
        body,
      });
      expect(made.status).toBe(201);
      const id = String(made.body.id);
      expect(made.headers.get('location')).toBe(`/v1/publications/${id}`);
      expect(made.body).toMatchObject({ tags: [], version: 1 });

      await expectProblem(
        await api.fetch(`/v1/publications/${id}`, {
          method: 'PATCH',
          token: api.tokens.student.token,
          body: { channel: 'Mine' },
        }),
        404,
        'not-found',
      );
      const changed = await api.json<JsonObject>(`/v1/publications/${id}`, {
        method: 'PATCH',
        token: api.tokens.staff,
        headers: { 'if-match': '"1"' },
        body: { title: { en: 'Published', zh: '已发布' }, publishedOn: '2025-11-02' },
      });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).toBe('"2"');
      expect(changed.body).toMatchObject({ publishedOn: '2025-11-02', channel: 'Website' });
      await expectProblem(
        await api.fetch(`/v1/publications/${id}`, {
          method: 'PATCH',
          token: api.tokens.staff,
          headers: { 'if-match': '"1"' },
          body: { channel: 'Lost' },
        }),
        412,
        'precondition-failed',
      );
      await expectProblem(
        await api.fetch(`/v1/publications/${id}`, {
          method: 'PATCH',
          token: api.tokens.staff,
          body: { publishedOn: 'yesterday' },
        }),
        400,
        'validation',
      );
      await expectProblem(
        await api.fetch(`/v1/publications/${id}`, { method: 'DELETE', token: api.tokens.staff }),
        403,
        'forbidden',
      );
      expect(
        (await api.fetch(`/v1/publications/${id}`, { method: 'DELETE', token: api.tokens.admin }))
          .status,
      ).toBe(204);
      await expectProblem(
        await api.fetch(`/v1/publications/${id}`, { token: api.tokens.staff }),
        404,
        'not-found',
      );
      await expectProblem(
        await api.fetch(`/v1/publications/${id}`, {
          method: 'PATCH',
          token: api.tokens.staff,
          body: { channel: 'Ghost' },
        }),
        404,
        'not-found',
      );
      const audit = await api.json<Page>(`/v1/audit?entity_id=${id}`, { token: api.tokens.admin });
      expect(audit.body.data.map((entry) => entry.action)).toEqual([
        'publication.delete',
        'publication.update',
        'publication.create',
      ]);
    });
  });

  describe('awards', () => {
    it('lists the latest year first and filters by year, category and search', async () => {
      const [li, marc, wang] = awardIds;
      expect(await listIds('/v1/awards?limit=2')).toEqual([wang, marc, li]);
      expect(await listIds('/v1/awards?sort=year')).toEqual([li, marc, wang]);
      expect(await listIds('/v1/awards?year=2023&sort=created')).toEqual([li, marc]);
      expect(
        await listIds(`/v1/awards?category=${encodeURIComponent('Outstanding contribution')}`),
      ).toEqual([wang, li]);
      expect(await listIds('/v1/awards?q=dupont')).toEqual([marc]);
      expect(await listIds('/v1/awards?year=2030')).toEqual([]);
      await expectProblem(
        await api.fetch('/v1/awards?year=last', { token: api.tokens.staff }),
        400,
        'validation',
      );
    });

    it('everyone with a token reads them; staff write; admins delete; each write audited', async () => {
      const [li] = awardIds;
      for (const token of [api.tokens.student.token, api.tokens.service]) {
        const one = await get(`/v1/awards/${li}`, token);
        expect(one.status).toBe(200);
        expect(one.body.person).toBe('Li Na');
      }
      const body = { person: 'Zhou Min', category: 'Rising star', year: 2025 };
      await expectProblem(
        await api.fetch('/v1/awards', { token: api.tokens.student.token, body }),
        404,
        'not-found',
      );
      await expectProblem(
        await api.fetch('/v1/awards', { token: api.tokens.service, body }),
        403,
        'forbidden',
      );
      await expectProblem(
        await api.fetch('/v1/awards', { token: api.tokens.staff, body: { ...body, year: 1800 } }),
        400,
        'validation',
      );
      const made = await api.json<JsonObject>('/v1/awards', { token: api.tokens.admin, body });
      expect(made.status).toBe(201);
      const id = String(made.body.id);
      expect(id).toMatch(/^awd_/);
      const changed = await api.json<JsonObject>(`/v1/awards/${id}`, {
        method: 'PATCH',
        token: api.tokens.staff,
        headers: { 'if-match': '"1"' },
        body: { citation: { fr: 'Pour son énergie' } },
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        person: 'Zhou Min',
        citation: { fr: 'Pour son énergie' },
      });
      await expectProblem(
        await api.fetch(`/v1/awards/${id}`, {
          method: 'PATCH',
          token: api.tokens.staff,
          headers: { 'if-match': '"1"' },
          body: { year: 2024 },
        }),
        412,
        'precondition-failed',
      );
      await expectProblem(
        await api.fetch(`/v1/awards/${id}`, { method: 'DELETE', token: api.tokens.staff }),
        403,
        'forbidden',
      );
      await expectProblem(
        await api.fetch(`/v1/awards/${id}`, {
          method: 'DELETE',
          token: api.tokens.admin,
          headers: { 'if-match': '"1"' },
        }),
        412,
        'precondition-failed',
      );
      expect(
        (await api.fetch(`/v1/awards/${id}`, { method: 'DELETE', token: api.tokens.admin })).status,
      ).toBe(204);
      await expectProblem(
        await api.fetch(`/v1/awards/${id}`, { token: api.tokens.student.token }),
        404,
        'not-found',
      );
      const audit = await api.json<Page>(`/v1/audit?entity_id=${id}`, { token: api.tokens.admin });
      expect(audit.body.data.map((entry) => [entry.action, entry.actorRole])).toEqual([
        ['award.delete', 'admin'],
        ['award.update', 'staff'],
        ['award.create', 'admin'],
      ]);
    });
  });
});

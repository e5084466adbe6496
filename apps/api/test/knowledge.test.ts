/**
 * The knowledge base over HTTP, on the demo articles: ranked search in three languages with
 * the language fallback and the strong/weak verdict, who reads which article, CRUD with
 * If-Match and audit, and an index that follows writes made by this process and by others.
 */
import { DEMO_IDS, demoData } from '@passerelle/core/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/auth/tokens';
import { deleteRecord, insertRecord, updateRecord } from '../src/db/records';
import { KnowledgeBase } from '../src/knowledge/search';
import { articleRepository } from '../src/repositories/articles';
import {
  expectProblem,
  type JsonObject,
  startTestApi,
  storeKinds,
  type TestApi,
  testClock,
} from './helpers';

const now = new Date('2026-03-02T08:00:00.000Z');
const world = demoData(now);

interface Hit {
  article: JsonObject & { id: string; topic: string; language: string; title: string };
  score: number;
  passage: string;
  language: string;
  coverage: number;
  match: 'strong' | 'weak';
}
type Page = { data: (JsonObject & { id: string; topic: string })[]; next_cursor: string | null };

const article = (overrides: JsonObject = {}) => ({
  topic: 'zorbing-club',
  language: 'en',
  title: 'The zorbing club of the campus',
  body: '# Zorbing club\n\nThe **zorbing** club meets on Fridays at the lake. Bring a helmet.',
  tags: ['sports', 'club'],
  audience: ['all_students'],
  lastReviewedOn: '2026-01-10',
  ...overrides,
});

describe.each(storeKinds)('knowledge base on %s', (store) => {
  let api: TestApi;
  /** A token of the demo student (dual degree), whose record exists. */
  let student: string;

  const search = async (q: string, options: { lang?: string; limit?: number; token?: string }) => {
    const params = new URLSearchParams({ q });
    if (options.lang !== undefined) params.set('lang', options.lang);
    if (options.limit !== undefined) params.set('limit', String(options.limit));
    const response = await api.json<{ data: Hit[] }>(`/v1/knowledge/search?${params}`, {
      token: options.token ?? api.tokens.service,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.data;
  };

  beforeAll(async () => {
    api = await startTestApi({ store, data: world, clock: testClock(now) });
    student = (
      await createToken(
        api.store.db,
        { role: 'student', name: 'Demo student', studentId: DEMO_IDS.student },
        now,
      )
    ).token;
  });
  afterAll(async () => {
    await api?.close();
  });

  describe('search', () => {
    const cases: [string, string | undefined, string, string][] = [
      ['how do I renew my residence permit', 'en', 'residence-permit-renewal', 'en'],
      ['居留许可续签', 'zh', 'residence-permit-renewal', 'zh'],
      ['居留许可续签', undefined, 'residence-permit-renewal', 'zh'],
      ['comment renouveler mon titre de séjour', 'fr', 'residence-permit-renewal', 'fr'],
      ['bank account', undefined, 'bank-account', 'en'],
      ['银行卡', undefined, 'bank-account', 'zh'],
      ['compte bancaire', 'fr', 'bank-account', 'fr'],
      ['what to do in an emergency', undefined, 'emergencies', 'en'],
      ['SIM card', 'en', 'phone-and-sim-card', 'en'],
      ['怎么办手机卡', 'zh', 'phone-and-sim-card', 'zh'],
      ['I lost my passport', undefined, 'lost-passport', 'en'],
    ];
    it.each(cases)(
      '"%s" (lang %s) finds %s in %s first, as a strong match',
      async (q, lang, topic, language) => {
        const [first, ...rest] = await search(q, lang === undefined ? {} : { lang });
        expect(first?.article.topic).toBe(topic);
        expect(first?.language).toBe(language);
        expect(first?.article.language).toBe(language);
        expect(first?.match).toBe('strong');
        expect(first?.coverage).toBe(1);
        // One hit per topic, best first.
        const topics = [first, ...rest].map((hit) => hit?.article.topic);
        expect(new Set(topics).size).toBe(topics.length);
        for (const hit of rest) expect(hit.score).toBeLessThanOrEqual((first?.score ?? 0) + 1e-9);
      },
    );

    it('answers in the language asked for, and falls back to English when that language has nothing', async () => {
      // The Chinese article carries the English tag bank-account: it answers for a zh reader.
      const [bank] = await search('bank account', { lang: 'zh' });
      expect([bank?.article.topic, bank?.language, bank?.match]).toEqual([
        'bank-account',
        'zh',
        'strong',
      ]);
      // The library has no French article: the English one answers, and says so.
      const [library] = await search('library opening hours', { lang: 'fr' });
      expect([library?.article.topic, library?.language, library?.match]).toEqual([
        'library',
        'en',
        'strong',
      ]);
    });

    it('finds nothing strong for a question the guide does not answer', async () => {
      expect(await search('quantum chromodynamics lattice', {})).toEqual([]);
      const partial = await search('quantum bank', {});
      expect(partial.length).toBeGreaterThan(0);
      expect(partial.every((hit) => hit.match === 'weak' && hit.coverage < 0.6)).toBe(true);
      // Only stop words: no terms, no hits.
      expect(await search('what is the', {})).toEqual([]);
    });

    it('quotes the passage that matched, as plain text of at most 300 characters', async () => {
      const hits = await search('what to do in an emergency', { limit: 20 });
      expect(hits.length).toBeGreaterThan(3);
      for (const hit of hits) {
        expect(hit.passage.length).toBeGreaterThan(0);
        expect([...hit.passage].length).toBeLessThanOrEqual(300);
        expect(hit.passage).not.toMatch(/\*\*|^#|\]\(|\| ---/m);
      }
      expect(hits[0]?.passage).toMatch(/emergency/i);
      expect(hits[0]?.passage).toContain('110');
      const [zh] = await search('居留许可续签', { lang: 'zh' });
      expect(zh?.passage).toContain('续签');
    });

    it('honours limit and refuses bad parameters with problem+json', async () => {
      expect(await search('residence permit', { limit: 2 })).toHaveLength(2);
      const bad = ['q=', 'limit=3', 'q=visa&limit=0', 'q=visa&limit=21', 'q=visa&lang=de'];
      for (const query of bad) {
        const response = await api.fetch(`/v1/knowledge/search?${query}`, {
          token: api.tokens.staff,
        });
        await expectProblem(response, 400, 'validation');
      }
      await expectProblem(await api.fetch('/v1/knowledge/search?q=visa'), 401, 'unauthenticated');
    });
  });

  describe('who reads what', () => {
    let staffOnly: string;
    let summerOnly: string;

    beforeAll(async () => {
      const make = async (body: JsonObject) => {
        const response = await api.json<JsonObject>('/v1/knowledge/articles', {
          token: api.tokens.staff,
          body,
        });
        expect(response.status).toBe(201);
        return String(response.body.id);
      };
      staffOnly = await make(
        article({
          topic: 'quarterly-budget-procedure',
          title: 'Quarterly budget procedure for the office',
          body: 'Staff file the quarterly budget with the finance office.',
          audience: ['staff'],
        }),
      );
      summerOnly = await make(
        article({
          topic: 'summer-kayak-trip',
          title: 'Kayak trip for summer school participants',
          body: 'The kayak trip leaves from the lake at nine.',
          audience: ['summer_school'],
        }),
      );
    });

    it('lets staff find every article, students and the bot only those open to them', async () => {
      const found = async (q: string, token: string) =>
        (await search(q, { token })).map((hit) => hit.article.id);
      expect(await found('quarterly budget', api.tokens.staff)).toContain(staffOnly);
      expect(await found('quarterly budget', student)).not.toContain(staffOnly);
      expect(await found('quarterly budget', api.tokens.service)).not.toContain(staffOnly);
      // The bot on its own speaks to students it does not know yet: any student's articles.
      expect(await found('kayak trip', api.tokens.service)).toContain(summerOnly);
      // The demo student is a dual-degree student, not a summer-school participant.
      expect(await found('kayak trip', student)).not.toContain(summerOnly);
      expect(await found('kayak trip', api.tokens.admin)).toContain(summerOnly);
    });

    it('answers 404 for an article that is not open to the reader, by id or in lists', async () => {
      for (const token of [student, api.tokens.service]) {
        const response = await api.fetch(`/v1/knowledge/articles/${staffOnly}`, { token });
        await expectProblem(response, 404, 'not-found');
        const list = await api.json<Page>(
          '/v1/knowledge/articles?topic=quarterly-budget-procedure',
          {
            token,
          },
        );
        expect(list.body.data).toEqual([]);
      }
      const ok = await api.json<JsonObject>(`/v1/knowledge/articles/${staffOnly}`, {
        token: api.tokens.staff,
      });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('etag')).toBe('"1"');
      // A token whose student record is gone reads only what is public: nothing here.
      const orphan = await api.json<Page>('/v1/knowledge/articles', {
        token: api.tokens.student.token,
      });
      expect(orphan.body.data).toEqual([]);
      // A student reads the articles of all students and of their own programme kind.
      const internships = world.articles.find((item) => item.topic === 'internships');
      const mine = await api.json<JsonObject>(`/v1/knowledge/articles/${internships?.id}`, {
        token: student,
      });
      expect(mine.status).toBe(200);
    });

    it('lets only staff write and only admins delete', async () => {
      await expectProblem(
        await api.fetch('/v1/knowledge/articles', { token: student, body: article() }),
        404,
        'not-found',
      );
      await expectProblem(
        await api.fetch('/v1/knowledge/articles', { token: api.tokens.service, body: article() }),
        403,
        'forbidden',
      );
      await expectProblem(
        await api.fetch(`/v1/knowledge/articles/${summerOnly}`, {
          method: 'PATCH',
          token: student,
          body: { title: 'Mine now' },
        }),
        404,
        'not-found',
      );
      await expectProblem(
        await api.fetch(`/v1/knowledge/articles/${summerOnly}`, {
          method: 'DELETE',
          token: api.tokens.staff,
        }),
        403,
        'forbidden',
      );
    });
  });

  describe('articles', () => {
    it('lists with filters and keyset pages', async () => {
      const french = await api.json<Page>('/v1/knowledge/articles?language=fr&limit=200', {
        token: api.tokens.staff,
      });
      expect(french.body.data.length).toBe(
        world.articles.filter((a) => a.language === 'fr').length,
      );
      const renewal = await api.json<Page>(
        '/v1/knowledge/articles?topic=residence-permit-renewal&sort=created',
        { token: api.tokens.staff },
      );
      expect(renewal.body.data.map((item) => item.language).sort()).toEqual(['en', 'fr', 'zh']);
      const tagged = await api.json<Page>('/v1/knowledge/articles?tag=halal', {
        token: api.tokens.service,
      });
      expect(tagged.body.data.map((item) => item.topic)).toEqual(['food-and-canteens']);
      const q = await api.json<Page>('/v1/knowledge/articles?q=%E9%93%B6%E8%A1%8C', {
        token: student,
      });
      expect(q.body.data.map((item) => item.topic)).toContain('bank-account');
      const forStaff = await api.json<Page>('/v1/knowledge/articles?audience=staff&limit=200', {
        token: api.tokens.staff,
      });
      expect(forStaff.body.data.map((item) => item.topic)).toContain('online-workshops');
      expect(forStaff.body.data.map((item) => item.topic)).not.toContain('bank-account');
      const audience = async (group: string) =>
        (
          await api.json<Page>(`/v1/knowledge/articles?audience=${group}&limit=200`, {
            token: api.tokens.staff,
          })
        ).body.data.map((item) => item.topic);
      expect(await audience('public')).toEqual([]);
      expect(await audience('all_students')).toContain('bank-account');
      expect(await audience('all_students')).not.toContain('internships');
      expect(await audience('intern')).toContain('internships');
      expect(await audience('summer_school')).not.toContain('internships');

      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 50; page++) {
        const path: string = `/v1/knowledge/articles?limit=7${cursor === null ? '' : `&cursor=${cursor}`}`;
        const response: { body: Page } = await api.json<Page>(path, { token: api.tokens.staff });
        seen.push(...response.body.data.map((item) => item.id));
        cursor = response.body.next_cursor;
        if (cursor === null) break;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBeGreaterThanOrEqual(world.articles.length);
      await expectProblem(
        await api.fetch('/v1/knowledge/articles?language=de', { token: api.tokens.staff }),
        400,
        'validation',
      );
    });

    it('creates, changes with If-Match and deletes, and search follows at once', async () => {
      const created = await api.json<JsonObject>('/v1/knowledge/articles', {
        token: api.tokens.staff,
        body: article(),
      });
      expect(created.status).toBe(201);
      const id = String(created.body.id);
      expect(created.headers.get('location')).toBe(`/v1/knowledge/articles/${id}`);
      expect(created.headers.get('etag')).toBe('"1"');
      expect((await search('zorbing', {}))[0]?.article.id).toBe(id);

      const changed = await api.json<JsonObject>(`/v1/knowledge/articles/${id}`, {
        method: 'PATCH',
        token: api.tokens.staff,
        headers: { 'if-match': '"1"' },
        body: { title: 'The bubble football club', body: 'Bubble football on Fridays.' },
      });
      expect(changed.status).toBe(200);
      expect(changed.body.version).toBe(2);
      expect(changed.body.topic).toBe('zorbing-club');
      expect((await search('bubble football', {}))[0]?.article.id).toBe(id);
      expect((await search('zorbing', {})).map((hit) => hit.article.id)).toEqual([id]);
      expect((await search('zorbing', {}))[0]?.match).toBe('strong'); // the topic slug still says so

      const stale = await api.fetch(`/v1/knowledge/articles/${id}`, {
        method: 'PATCH',
        token: api.tokens.staff,
        headers: { 'if-match': '"1"' },
        body: { title: 'Lost update' },
      });
      await expectProblem(stale, 412, 'precondition-failed');
      const unknownField = await api.fetch(`/v1/knowledge/articles/${id}`, {
        method: 'PATCH',
        token: api.tokens.staff,
        body: { id: 'art_other' },
      });
      await expectProblem(unknownField, 400, 'validation');
      const badSlug = await api.fetch('/v1/knowledge/articles', {
        token: api.tokens.staff,
        body: article({ topic: 'Not A Slug' }),
      });
      const problem = await expectProblem(badSlug, 400, 'validation');
      expect(JSON.stringify(problem.errors)).toContain('body.topic');

      const removed = await api.fetch(`/v1/knowledge/articles/${id}`, {
        method: 'DELETE',
        token: api.tokens.admin,
        headers: { 'if-match': '"2"' },
      });
      expect(removed.status).toBe(204);
      expect((await search('bubble football', {})).map((hit) => hit.article.id)).not.toContain(id);
      expect(await search('zorbing', {})).toEqual([]);
      await expectProblem(
        await api.fetch(`/v1/knowledge/articles/${id}`, { token: api.tokens.staff }),
        404,
        'not-found',
      );

      const audit = await api.json<{ data: JsonObject[] }>(
        `/v1/audit?entity=article&entity_id=${id}`,
        { token: api.tokens.admin },
      );
      expect(audit.body.data.map((entry) => entry.action).sort()).toEqual([
        'article.create',
        'article.delete',
        'article.update',
      ]);
    });
  });

  it('keeps an index in step with writes made by another API process', async () => {
    let clock = 0;
    const knowledge = new KnowledgeBase(api.store.db, { recheckMs: 1000, clock: () => clock });
    const open = { limit: 5, canRead: () => true };
    // Searches that arrive together share one build.
    const [first, second] = await Promise.all([
      knowledge.search('renew residence permit', open),
      knowledge.search('zeppelin', open),
    ]);
    expect(first[0]?.article.topic).toBe('residence-permit-renewal');
    expect(second).toEqual([]);
    expect(knowledge.rebuilds).toBe(1);

    // Another process adds an article: seen once the index is due for a check.
    const stamp = { createdAt: now.toISOString(), updatedAt: now.toISOString(), version: 1 };
    const zeppelin = articleRepository.schema.parse({
      ...article({ topic: 'zeppelin-rides', title: 'Zeppelin rides', body: 'Zeppelin rides.' }),
      id: 'art_other0000001',
      ...stamp,
    });
    await insertRecord(api.store.db, articleRepository, zeppelin);
    expect(await knowledge.search('zeppelin', open)).toEqual([]);
    clock += 1000;
    expect((await knowledge.search('zeppelin', open))[0]?.article.id).toBe(zeppelin.id);

    // A change at the same instant (another server's clock) is read again by its version.
    await updateRecord(
      api.store.db,
      articleRepository,
      { ...zeppelin, title: 'Airship rides', body: 'Airship rides.', version: 2 },
      1,
    );
    clock += 1000;
    expect((await knowledge.search('airship', open))[0]?.article.version).toBe(2);
    expect(knowledge.rebuilds).toBe(1);

    // A deletion elsewhere shows as a lower count: the index is built again.
    await deleteRecord(api.store.db, articleRepository, zeppelin.id, 2);
    clock += 1000;
    expect(await knowledge.search('airship', open)).toEqual([]);
    expect(knowledge.rebuilds).toBe(2);
    expect(knowledge.size).toBe(
      Number(
        (await api.json<Page>('/v1/knowledge/articles?limit=200', { token: api.tokens.admin })).body
          .data.length,
      ),
    );
  });
});

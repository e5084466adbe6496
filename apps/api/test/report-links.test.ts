/**
 * Signed year-end report links over HTTP: staff ask for one, a browser without a token opens
 * it, and anything altered (year, format, language, expiry, signature), expired or signed with
 * another key is refused with problem+json. A second API instance on the same store accepts the
 * first one's links (the key lives in the store); one with another REPORT_LINK_SECRET does not.
 */
import { DEMO_IDS, demoData } from '@passerelle/core/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { createToken } from '../src/auth/tokens';
import { settings } from '../src/db/schema';
import { createLogger } from '../src/logger';
import { REPORT_LINK_KEY_SETTING } from '../src/reports/links';
import {
  expectProblem,
  type JsonObject,
  startTestApi,
  storeKinds,
  type TestApi,
  testClock,
} from './helpers';

const now = new Date('2026-03-02T08:00:00.000Z');

interface Link {
  url: string;
  path: string;
  year: number;
  format: string;
  language: string;
  expiresAt: string;
}

describe.each(storeKinds)('year-end report links on %s', (store) => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ store, data: demoData(now), clock: testClock(now) });
  }, 60_000);
  afterAll(async () => {
    await api?.close();
  }, 60_000);

  const newLink = async (year: number | string, body?: object, token = api.tokens.staff) =>
    api.json<Link>(`/v1/reports/year-end/${year}/links`, {
      method: 'POST',
      token,
      ...(body === undefined ? {} : { body }),
    });

  /** The link's URL with one query parameter replaced. */
  const withParam = (link: Link, name: string, value: string) => {
    const url = new URL(link.url);
    url.searchParams.set(name, value);
    return `${url.pathname}${url.search}`;
  };

  it('gives staff a link that opens the HTML report without a token, for 24 hours', async () => {
    api.clock.set(now);
    const { status, body, headers } = await newLink(2025);
    expect(status).toBe(201);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(body).toMatchObject({ year: 2025, format: 'html', language: 'en' });
    expect(body.expiresAt).toBe('2026-03-03T08:00:00.000Z');
    expect(body.url).toBe(`${api.url}${body.path}`);
    expect(body.path).toMatch(
      /^\/v1\/reports\/year-end\/2025\/signed\?format=html&lang=en&expires=\d+&signature=[\w-]{43}$/,
    );

    const page = await fetch(body.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain('2025');
    expect(html).toContain('<html');
  });

  it('signs the format and language asked for', async () => {
    api.clock.set(now);
    const { body } = await newLink(2025, { format: 'markdown', language: 'fr' });
    const page = await fetch(body.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(page.headers.get('content-language')).toBe('fr');

    const json = await newLink(2025, { format: 'json' });
    const review = (await (await fetch(json.body.url)).json()) as JsonObject;
    expect(review.year).toBe(2025);
  });

  it('opens only that report: another year, format, language or expiry is refused', async () => {
    api.clock.set(now);
    const { body: link } = await newLink(2025);
    const refused = async (path: string) => {
      const problem = await expectProblem(await api.fetch(path), 403, 'forbidden');
      expect(problem.detail).toBe('This report link is not valid.');
    };
    await refused(link.path.replace('/year-end/2025/', '/year-end/2024/'));
    await refused(withParam(link, 'format', 'markdown'));
    await refused(withParam(link, 'lang', 'zh'));
    const expires = Number(new URL(link.url).searchParams.get('expires'));
    await refused(withParam(link, 'expires', String(expires + 3600)));
    const signature = new URL(link.url).searchParams.get('signature') ?? '';
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    await refused(withParam(link, 'signature', flipped));
    await refused(withParam(link, 'signature', 'not-a-signature'));
    // A link of 2024 does not open 2025.
    const { body: other } = await newLink(2024);
    const otherSignature = new URL(other.url).searchParams.get('signature') ?? '';
    await refused(withParam(link, 'signature', otherSignature));
    // The link still works as given.
    expect((await api.fetch(link.path)).status).toBe(200);
  });

  it('refuses a link without its signature with 401, and a bad year with 400', async () => {
    api.clock.set(now);
    const { body: link } = await newLink(2025);
    const bare = new URL(link.url);
    bare.searchParams.delete('signature');
    await expectProblem(await api.fetch(`${bare.pathname}${bare.search}`), 401, 'unauthenticated');
    await expectProblem(
      await api.fetch('/v1/reports/year-end/2025/signed?format=html'),
      401,
      'unauthenticated',
    );
    await expectProblem(
      await api.fetch(link.path.replace('/year-end/2025/', '/year-end/1899/')),
      400,
      'validation',
    );
  });

  it('expires: a link works until its expiry and is refused from then on', async () => {
    api.clock.set(now);
    const { body: link } = await newLink(2025, { expiresInMinutes: 30 });
    expect(link.expiresAt).toBe('2026-03-02T08:30:00.000Z');
    api.clock.set('2026-03-02T08:29:59.000Z');
    expect((await api.fetch(link.path)).status).toBe(200);
    api.clock.set('2026-03-02T08:30:00.000Z');
    const problem = await expectProblem(await api.fetch(link.path), 403, 'forbidden');
    expect(problem.detail).toMatch(/expired/);
    api.clock.set(now);
  });

  it('bounds the life of a link by REPORT_LINK_MINUTES', async () => {
    api.clock.set(now);
    const tooLong = await api.fetch('/v1/reports/year-end/2025/links', {
      token: api.tokens.staff,
      body: { expiresInMinutes: 24 * 60 + 1 },
    });
    const problem = await expectProblem(tooLong, 400, 'validation');
    expect(JSON.stringify(problem.errors)).toContain('body.expiresInMinutes');
    for (const body of [{ expiresInMinutes: 0 }, { format: 'pdf' }, { language: 'de' }, { x: 1 }]) {
      await expectProblem(
        await api.fetch('/v1/reports/year-end/2025/links', { token: api.tokens.staff, body }),
        400,
        'validation',
      );
    }
  });

  it('is for staff and admins (the bot acting for them: apps/bot report test), and is audited', async () => {
    api.clock.set(now);
    expect((await newLink(2025, undefined, api.tokens.admin)).status).toBe(201);
    const student = (
      await createToken(
        api.store.db,
        { role: 'student', name: 'Demo student', studentId: DEMO_IDS.student },
        now,
      )
    ).token;
    await expectProblem(
      await api.fetch('/v1/reports/year-end/2025/links', { method: 'POST', token: student }),
      404,
      'not-found',
    );
    await expectProblem(
      await api.fetch('/v1/reports/year-end/2025/links', {
        method: 'POST',
        token: api.tokens.service,
      }),
      403,
      'forbidden',
    );
    await expectProblem(
      await api.fetch('/v1/reports/year-end/2025/links', { method: 'POST' }),
      401,
      'unauthenticated',
    );
    const audit = await api.json<{ data: JsonObject[] }>('/v1/audit?action=report_link.create', {
      token: api.tokens.admin,
    });
    expect(audit.status).toBe(200);
    expect(audit.body.data.some((entry) => entry.action === 'report_link.create')).toBe(true);
  });

  it('keeps its key in the store: another instance accepts the link, another secret does not', async () => {
    api.clock.set(now);
    const { body: link } = await newLink(2025);
    const [row] = await api.store.db.select().from(settings);
    expect(row?.key).toBe(REPORT_LINK_KEY_SETTING);
    const logger = createLogger({ ...api.config, LOG_LEVEL: 'silent' });
    const instance = (config: Partial<typeof api.config>) =>
      createApp({ store: api.store, config: { ...api.config, ...config }, logger, now: () => now });

    const second = await instance({}).request(link.path);
    expect(second.status).toBe(200);
    const withSecret = instance({ REPORT_LINK_SECRET: 'another-secret-of-at-least-32-characters' });
    await expectProblem(await withSecret.request(link.path), 403, 'forbidden');
    const shorter = await instance({ REPORT_LINK_MINUTES: 60 }).request(link.path);
    await expectProblem(shorter, 403, 'forbidden');
  });
});

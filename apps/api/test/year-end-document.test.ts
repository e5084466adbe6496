/**
 * The year-end review as a document over HTTP, on the demo world: JSON, Markdown and HTML by
 * `?format=` or Accept, in a language by `?lang=` or Accept-Language, and the same refusals
 * (as problem+json) whatever the format asked for.
 */
import { demoData } from '@passerelle/core/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectProblem,
  type JsonObject,
  startTestApi,
  storeKinds,
  type TestApi,
  testClock,
} from './helpers';

// Any day from demoFacts.validFrom on gives the seeds' 2025 figures.
const now = new Date('2026-01-15T02:00:00.000Z');
const world = demoData(now);
const PATH = '/v1/reports/year-end/2025';
const CHROME_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

describe.each(storeKinds)('year-end document on %s', (store) => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ store, data: world, clock: testClock(now) });
  });
  afterAll(async () => {
    await api?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}, token = api.tokens.staff) =>
    api.fetch(path, { token, headers });

  it('answers JSON by default and for ?format=json, the review of core', async () => {
    for (const response of [
      await get(PATH),
      await get(`${PATH}?format=json`, { accept: 'text/html' }),
    ]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('vary')).toContain('Accept, Accept-Language');
      const body = (await response.json()) as JsonObject;
      expect(body.year).toBe(2025);
      expect((body.internationalStudents as JsonObject).total).toEqual({
        value: 45,
        previous: 38,
        change: 7,
        changePercent: 18.4,
      });
    }
  });

  it('answers Markdown for Accept: text/markdown, with every figure and its change', async () => {
    const response = await get(PATH, { accept: 'text/markdown' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(response.headers.get('content-language')).toBe('en');
    expect(response.headers.get('vary')).toContain('Accept, Accept-Language');
    const markdown = await response.text();
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('# Year-end review 2025');
    expect(markdown).toContain('Figures as of January 15, 2026');
    expect(lines).toContain('| New international students | 45 | 38 | ▲ +7 (+18.4%) |');
    expect(lines).toContain('| Short-term visiting students | 370 | 320 | ▲ +50 (+15.6%) |');
    expect(lines).toContain('| Summer school participants | 90 | 68 | ▲ +22 (+32.4%) |');
    expect(lines).toContain('| Visiting scholars and staff | 56 | 44 | ▲ +12 (+27.3%) |');
    expect(lines).toContain('| Inbound delegations | 10 | 8 | ▲ +2 (+25%) |');
    expect(lines).toContain('| Publications | 53 | 46 | ▲ +7 (+15.2%) |');
    expect(lines).toContain('| France | 30 | 26 | ▲ +4 (+15.4%) |');
    expect(lines).toContain('| Brazil | 1 | 0 | ▲ +1 (new) |');
    expect(lines).toContain('| Dec | 0 | 1 |');
    expect(lines).toContain('| Partner | 11 |');
    expect(lines.filter((line) => line.startsWith('- '))).toHaveLength(5);
  });

  it('answers the HTML page for ?format=html, in the language of ?lang=', async () => {
    const response = await get(`${PATH}?format=html&lang=zh`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-language')).toBe('zh');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('<html lang="zh-Hans">');
    expect(html).toContain('<h1>2025年度工作总结</h1>');
    expect(html).toContain('<span class="label">新增国际学生</span><span class="value">45</span>');
    expect(html).toContain('<span class="label">短期来访学生</span><span class="value">370</span>');
    expect(html).toContain('<title>法国 (2025): 30</title>');
    expect(html.match(/<svg [^>]*role="img"/g)).toHaveLength(7);
  });

  it('follows a browser’s Accept and Accept-Language', async () => {
    const response = await get(PATH, {
      accept: CHROME_ACCEPT,
      'accept-language': 'fr-FR,fr;q=0.9,en;q=0.8',
    });
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-language')).toBe('fr');
    const html = await response.text();
    expect(html).toContain('<h1>Bilan de l’année 2025</h1>');
    expect(html).toContain('Chiffres au 15 janvier 2026');
  });

  it('renders a year without any record', async () => {
    const response = await get('/v1/reports/year-end/1990?format=html');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<h1>Year-end review 1990</h1>');
    expect(html).toContain('No award was recorded in 1990.');
    expect(html).not.toContain('chart-students-by-country');
    const markdown = await (await get('/v1/reports/year-end/1990?format=markdown')).text();
    expect(markdown.split('\n')).toContain('| New international students | 0 | 0 | = 0 |');
  });

  it('refuses an unknown format or language with the failing parameter', async () => {
    const format = await expectProblem(await get(`${PATH}?format=pdf`), 400, 'validation');
    expect(format.errors).toEqual([expect.objectContaining({ path: 'query.format' })]);
    const lang = await expectProblem(await get(`${PATH}?format=html&lang=de`), 400, 'validation');
    expect(lang.errors).toEqual([expect.objectContaining({ path: 'query.lang' })]);
  });

  it('keeps the rights of the review: problem+json for a student and the bot, whatever the format', async () => {
    await expectProblem(
      await get(`${PATH}?format=html`, {}, api.tokens.student.token),
      404,
      'not-found',
    );
    await expectProblem(
      await get(PATH, { accept: 'text/markdown' }, api.tokens.service),
      403,
      'forbidden',
    );
    await expectProblem(await api.fetch(`${PATH}?format=html`), 401, 'unauthenticated');
  });

  it('documents the three media types and the two parameters in the OpenAPI document', async () => {
    const { body } = await api.json<JsonObject>('/openapi.json');
    const paths = body.paths as JsonObject;
    const operation = (paths['/v1/reports/year-end/{year}'] as JsonObject).get as JsonObject;
    const content = ((operation.responses as JsonObject)['200'] as JsonObject)
      .content as JsonObject;
    expect(Object.keys(content).sort()).toEqual(['application/json', 'text/html', 'text/markdown']);
    const names = (operation.parameters as JsonObject[]).map((parameter) => parameter.name);
    expect(names).toEqual(expect.arrayContaining(['year', 'format', 'lang']));
  });
});

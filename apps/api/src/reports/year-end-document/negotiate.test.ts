import { describe, expect, it } from 'vitest';
import { renderYearEndDocument } from './index';
import { chooseFormat, chooseLanguage, parsePreferences } from './negotiate';

const FIREFOX = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const CHROME =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7';

describe('chooseFormat', () => {
  it('takes ?format= over any Accept header', () => {
    expect(chooseFormat('markdown', 'text/html')).toBe('markdown');
    expect(chooseFormat('json', CHROME)).toBe('json');
  });

  it('serves browsers HTML, and what a client names when it names one', () => {
    expect(chooseFormat(undefined, FIREFOX)).toBe('html');
    expect(chooseFormat(undefined, CHROME)).toBe('html');
    expect(chooseFormat(undefined, 'text/markdown')).toBe('markdown');
    expect(chooseFormat(undefined, 'text/markdown; charset=utf-8')).toBe('markdown');
    expect(chooseFormat(undefined, 'application/json')).toBe('json');
    expect(chooseFormat(undefined, 'TEXT/HTML')).toBe('html');
  });

  it('follows the weights, then specificity, then the order of the header', () => {
    expect(chooseFormat(undefined, 'text/html;q=0.4, application/json;q=0.5')).toBe('json');
    expect(chooseFormat(undefined, 'text/markdown;q=0.9, text/html;q=0.8')).toBe('markdown');
    expect(chooseFormat(undefined, 'text/*;q=0.5, text/markdown')).toBe('markdown');
    expect(chooseFormat(undefined, 'text/markdown, text/html')).toBe('markdown');
    expect(chooseFormat(undefined, 'text/*')).toBe('html');
    expect(chooseFormat(undefined, 'text/html;q=0, */*')).toBe('json');
    expect(chooseFormat(undefined, 'application/json;q=0, text/*;q=0.2')).toBe('html');
  });

  it('answers JSON when nothing (or nothing we serve) is asked for', () => {
    expect(chooseFormat(undefined, undefined)).toBe('json');
    expect(chooseFormat(undefined, '*/*')).toBe('json');
    expect(chooseFormat(undefined, 'application/xml')).toBe('json');
    expect(chooseFormat(undefined, 'text/html;q=0')).toBe('json');
    expect(chooseFormat(undefined, '')).toBe('json');
  });
});

describe('chooseLanguage', () => {
  it('takes ?lang= over Accept-Language', () => {
    expect(chooseLanguage('fr', 'zh-CN')).toBe('fr');
  });

  it('takes the most wanted of en, zh and fr, regions and scripts aside', () => {
    expect(chooseLanguage(undefined, 'zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(chooseLanguage(undefined, 'zh-Hant-TW')).toBe('zh');
    expect(chooseLanguage(undefined, 'fr-FR, fr;q=0.9, en-US;q=0.8')).toBe('fr');
    expect(chooseLanguage(undefined, 'de-DE, fr;q=0.5, en;q=0.4')).toBe('fr');
    expect(chooseLanguage(undefined, 'en;q=0.3, zh;q=0.7')).toBe('zh');
    expect(chooseLanguage(undefined, 'fr;q=0, zh;q=0.1')).toBe('zh');
  });

  it('falls back to English', () => {
    expect(chooseLanguage(undefined, undefined)).toBe('en');
    expect(chooseLanguage(undefined, 'de, es')).toBe('en');
    expect(chooseLanguage(undefined, '*')).toBe('en');
  });
});

describe('parsePreferences', () => {
  it('reads weights, defaulting to 1 and ignoring bad ones', () => {
    expect(parsePreferences('a/b;q=0.5, c/d;level=1, e/f;q=abc, ,g/h;Q=0')).toEqual([
      { value: 'a/b', q: 0.5, order: 0 },
      { value: 'c/d', q: 1, order: 1 },
      { value: 'e/f', q: 1, order: 2 },
      { value: 'g/h', q: 0, order: 4 },
    ]);
  });
});

describe('renderYearEndDocument', () => {
  const document = {
    review: {
      year: 2025,
      previousYear: 2024,
      internationalStudents: {
        total: { value: 0, previous: 0, change: 0, changePercent: null },
        byProgrammeKind: [],
        byCountry: [],
      },
      shortTermVisitors: {
        total: { value: 0, previous: 0, change: 0, changePercent: null },
        byCountry: [],
      },
      summerSchool: {
        sessions: { value: 0, previous: 0, change: 0, changePercent: null },
        participants: { value: 0, previous: 0, change: 0, changePercent: null },
      },
      visitingScholarsAndStaff: { value: 0, previous: 0, change: 0, changePercent: null },
      delegations: {
        inbound: { value: 0, previous: 0, change: 0, changePercent: null },
        outbound: { value: 0, previous: 0, change: 0, changePercent: null },
      },
      agreements: {
        signed: { value: 0, previous: 0, change: 0, changePercent: null },
        expiring: { value: 0, previous: 0, change: 0, changePercent: null },
      },
      events: {
        total: { value: 0, previous: 0, change: 0, changePercent: null },
        cultural: { value: 0, previous: 0, change: 0, changePercent: null },
        byKind: [],
      },
      publications: { value: 0, previous: 0, change: 0, changePercent: null },
      awards: { count: { value: 0, previous: 0, change: 0, changePercent: null }, list: [] },
      partners: { total: 0, byStage: [], byCountry: [] },
    },
    delegationsByMonth: [],
    asOf: '2026-01-02',
  };

  it('sends each format with its media type, language and headers', () => {
    const markdown = renderYearEndDocument('markdown', document, 'zh');
    expect(markdown.body.startsWith('# 2025年度工作总结')).toBe(true);
    expect(markdown.headers).toEqual({
      'Content-Type': 'text/markdown; charset=utf-8',
      'Content-Language': 'zh',
      Vary: 'Accept, Accept-Language',
      'X-Content-Type-Options': 'nosniff',
    });
    const html = renderYearEndDocument('html', document, 'fr');
    expect(html.body).toContain('<h1>Bilan de l’année 2025</h1>');
    expect(html.headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(html.headers['Content-Language']).toBe('fr');
    expect(html.headers['Content-Security-Policy']).toContain("default-src 'none'");
  });
});

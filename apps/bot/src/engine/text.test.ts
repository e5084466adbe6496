/** The engine's small text helpers: scrubbing, ordinals, formatting, binding codes, errors. */
import {
  APIConnectionError,
  InternalServerError,
  type KnowledgeHit,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ValidationError,
} from '@passerelle/sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bindingCodeIn } from './account';
import { failureOf, failureText } from './errors';
import {
  formatChange,
  formatDate,
  formatDateRange,
  formatDateTime,
  formatList,
  formatSpan,
  text,
} from './format';
import { articleUrl, isStrong } from './knowledge';
import { MESSAGES } from './messages';
import { ordinalIn } from './ordinal';
import { REDACTED, scrub } from './scrub';

describe('scrub', () => {
  it.each([
    ['Your passport P99887766 is fine', `Your passport ${REDACTED} is fine`],
    ['permit E12345678.', `permit ${REDACTED}.`],
    ['passeport 19FR45821 ok', `passeport ${REDACTED} ok`],
    ['passport number: AB-12', `passport number: ${REDACTED}`],
    ['Passport no. K1234', `Passport no. ${REDACTED}`],
    ['护照号码：E1234567', `护照号码：${REDACTED}`],
    ['numéro 123456789012', `numéro ${REDACTED}`],
  ])('%s', (input, output) => {
    expect(scrub(input)).toBe(output);
  });

  it('leaves dates, times, ids, codes, figures and names alone', () => {
    for (const text of [
      'Tue 28 Jul 2026, 19:00–21:00',
      '2026-07-28',
      'stu_demo000001 evt_demo000002',
      'bind ABCD-1234',
      '45 new students (+7, +18.4%)',
      'Call 110, 119 or 120; the office is on +86 21 3420 0000.',
      'École Polytechnique (X), SPEIT, TUM',
      'Room 201, 12:15',
    ]) {
      expect(scrub(text)).toBe(text);
    }
  });

  it('never lets a document-shaped number through, wherever it sits', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }),
        fc.constantFrom('E', 'G', 'P', 'PE', 'X'),
        fc.integer({ min: 1_000_000, max: 999_999_999 }),
        fc.string({ maxLength: 20 }),
        (before, letters, digits, after) => {
          const number = `${letters}${digits}`;
          const out = scrub(`${before} ${number} ${after}`);
          expect(out).not.toContain(` ${number} `);
        },
      ),
    );
  });
});

describe('ordinalIn', () => {
  it.each([
    ['register me for the second one', 1],
    ['the 3rd please', 2],
    ['#2', 1],
    ['number 4', 3],
    ['2', 1],
    ['报名第二个', 1],
    ['第3场', 2],
    ['第十个', 9],
    ['inscris-moi au deuxième', 1],
    ['la première', 0],
    ['le 2e', 1],
    ['the last one', -1],
    ['最后一个', -1],
    ['le dernier', -1],
  ])('%s → %s', (input, index) => {
    expect(ordinalIn(input)).toBe(index);
  });

  it('finds none where there is none', () => {
    expect(ordinalIn('register me for the salon')).toBeUndefined();
    expect(ordinalIn('0')).toBeUndefined();
  });
});

describe('format', () => {
  it('writes dates and times in each language', () => {
    expect(formatDate('2026-07-28', 'en')).toBe('Tue 28 Jul 2026');
    expect(formatDate('2026-07-28', 'zh')).toBe('2026年7月28日周二');
    expect(formatDate('2026-07-28', 'fr')).toBe('mar. 28 juil. 2026');
    expect(formatDateRange('2025-12-08', '2025-12-08', 'en')).toBe('Mon 8 Dec 2025');
    expect(formatDateRange('2025-12-08', '2025-12-12', 'zh')).toBe(
      '2025年12月8日周一 至 2025年12月12日周五',
    );
    const start = '2025-12-08T09:00:00.000Z';
    expect(formatDateTime(start, 'Europe/Paris', 'en')).toBe('Mon 8 Dec, 10:00');
    expect(formatDateTime(start, 'Asia/Shanghai', 'en')).toBe('Mon 8 Dec, 17:00');
    expect(formatSpan(start, '2025-12-08T11:00:00.000Z', 'Europe/Paris', 'en')).toBe(
      'Mon 8 Dec, 10:00–12:00',
    );
    expect(formatSpan(start, '2025-12-09T11:00:00.000Z', 'Europe/Paris', 'en')).toBe(
      'Mon 8 Dec, 10:00–Tue 9 Dec, 12:00',
    );
  });

  it('writes changes and lists', () => {
    expect(formatChange(7, 18.4, 'en')).toBe('+7, +18.4%');
    expect(formatChange(-3, -10, 'fr')).toBe('−3, −10%');
    expect(formatChange(0, 0, 'en')).toBe('0');
    expect(formatChange(5, null, 'en')).toBe('+5');
    expect(formatList(['a', 'b', 'c'], 'en')).toBe('a, b and c');
    expect(formatList(['a', 'b'], 'fr')).toBe('a et b');
    // Each language keeps its own formatters, whatever language came first.
    expect(formatList(['甲', '乙', '丙'], 'zh')).toBe('甲、乙和丙');
    expect(formatList(['a', 'b'], 'en')).toBe('a and b');
    expect(formatChange(1234, 12.345, 'fr')).toBe('+1\u202f234, +12,3%');
    expect(formatChange(1234, 12.345, 'en')).toBe('+1,234, +12.3%');
    expect(text({ zh: '中文' }, 'fr')).toBe('中文');
    expect(text({ en: 'English', fr: 'Français' }, 'zh')).toBe('English');
    expect(text({}, 'en')).toBe('');
  });
});

describe('binding codes', () => {
  it('reads the API’s XXXX-XXXX codes however they are typed', () => {
    expect(bindingCodeIn('bind K7X9-P2Q4', undefined)).toBe('K7X9-P2Q4');
    expect(bindingCodeIn('绑定 k7x9-p2q4', undefined)).toBe('K7X9-P2Q4');
    expect(bindingCodeIn('lier K7X9 P2Q4', undefined)).toBe('K7X9-P2Q4');
    expect(bindingCodeIn('bind this code', undefined)).toBeUndefined();
    expect(bindingCodeIn('bind ABC123', 'ABC123')).toBe('ABC123');
  });
});

describe('knowledge hits', () => {
  const article = {
    id: 'art_demo000001' as const,
    topic: 'bank',
    language: 'en' as const,
    title: 'Bank',
    body: 'b',
    tags: [],
    audience: ['all_students' as const],
    lastReviewedOn: '2025-01-01',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    version: 1,
  };
  it('trusts only strong matches', () => {
    const hit = (extra: Partial<Pick<KnowledgeHit, 'match' | 'coverage'>>) => ({
      article,
      score: 3,
      passage: 'p',
      language: 'en' as const,
      ...extra,
    });
    expect(isStrong(hit({ match: 'strong' }))).toBe(true);
    expect(isStrong(hit({ match: 'weak', coverage: 0.9 }))).toBe(false);
    expect(isStrong(hit({ coverage: 0.7 }))).toBe(true);
    expect(isStrong(hit({ coverage: 0.2 }))).toBe(false);
    expect(isStrong(hit({}))).toBe(false);
  });

  it('links an article under the base URL', () => {
    expect(articleUrl('https://guide.example.org/articles/', 'art_1')).toBe(
      'https://guide.example.org/articles/art_1',
    );
  });
});

describe('failures', () => {
  it('answers each kind of API failure politely', () => {
    const t = MESSAGES.en;
    expect(failureText(new RateLimitError('slow', { status: 429, retryAfterMs: 12_500 }), t)).toBe(
      t.apiRateLimited({ seconds: 13 }),
    );
    expect(failureText(new RateLimitError('slow', { status: 429 }), t)).toBe(
      t.apiRateLimited({ seconds: 30 }),
    );
    expect(failureText(new APIConnectionError('down'), t)).toBe(t.unavailable());
    expect(failureText(new InternalServerError('boom', { status: 500 }), t)).toBe(t.unavailable());
    expect(failureText(new NotFoundError('no', { status: 404 }), t)).toBe(t.notFound());
    expect(failureText(new PermissionDeniedError('no', { status: 403 }), t)).toBe(t.staffOnly());
    expect(failureText(new ValidationError('bad', { status: 400 }), t)).toBe(t.failed());
    expect(failureText(new TypeError('bug'), t)).toBe(t.failed());
    expect(failureOf('string')).toBe('failed');
  });
});

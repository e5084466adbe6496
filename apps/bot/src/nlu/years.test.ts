import { describe, expect, it } from 'vitest';
import { extractYear } from './years';

const now = new Date('2025-11-20T10:00:00+08:00');
const year = (text: string) => extractYear(text, { now });

describe('extractYear', () => {
  it.each([
    ['2025', { year: 2025 }],
    ['in 2025', { year: 2025 }],
    ['2025年', { year: 2025 }],
    ['en 2024', { year: 2024 }],
    ['Year-end summary for 2025', { year: 2025 }],
    ['2025年12月8日', { year: 2025 }],
    ['on 2025-12-08', { year: 2025 }],
    ['last year', { year: 2024, relative: 'last' }],
    ['去年', { year: 2024, relative: 'last' }],
    ["l'an dernier", { year: 2024, relative: 'last' }],
    ["l'année dernière", { year: 2024, relative: 'last' }],
    ['前年', { year: 2023, relative: 'last' }],
    ['this year', { year: 2025, relative: 'this' }],
    ['今年', { year: 2025, relative: 'this' }],
    ['cette année', { year: 2025, relative: 'this' }],
    ['next year', { year: 2026, relative: 'next' }],
    ['明年', { year: 2026, relative: 'next' }],
    ['2025-2026', { year: 2025, academicYear: '2025-2026' }],
    ['année universitaire 2024/2025', { year: 2024, academicYear: '2024-2025' }],
    ['2025-26', { year: 2025, academicYear: '2025-2026' }],
    ['this academic year', { year: 2025, academicYear: '2025-2026', relative: 'this' }],
    ['本学年', { year: 2025, academicYear: '2025-2026', relative: 'this' }],
  ])('%s', (text, expected) => {
    expect(year(text)).toEqual(expected);
  });

  it('takes the first year mentioned', () => {
    expect(year('2024 compared with last year')).toEqual({ year: 2024 });
    expect(year('last year compared with 2023')).toEqual({ year: 2024, relative: 'last' });
  });

  it('does not read codes, counts or non-consecutive spans as years', () => {
    for (const text of ['bind ABC2025', 'call 120250', 'room 1999X', '', 'X']) {
      expect(year(text), text).toBeUndefined();
    }
    expect(year('2025-2027')).toEqual({ year: 2025 });
  });

  it('reads "this year" in the time zone given', () => {
    const newYearInShanghai = new Date('2025-12-31T17:00:00Z');
    expect(extractYear('this year', { now: newYearInShanghai })?.year).toBe(2026);
    expect(
      extractYear('this year', { now: newYearInShanghai, timeZone: 'Europe/Paris' })?.year,
    ).toBe(2025);
  });
});

import { addDays, isoWeekday } from '@passerelle/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractDateRange, OPEN_END, OPEN_START } from './dates';

// Thursday 20 November 2025, 10:00 in Shanghai.
const now = new Date('2025-11-20T10:00:00+08:00');
const range = (text: string, at: Date = now, timeZone?: string) =>
  extractDateRange(text, timeZone === undefined ? { now: at } : { now: at, timeZone });

describe('extractDateRange: relative words', () => {
  it.each([
    ['today', '2025-11-20', '2025-11-20', 'today'],
    ["aujourd'hui", '2025-11-20', '2025-11-20', 'today'],
    ['今天有活动吗', '2025-11-20', '2025-11-20', 'today'],
    ['tomorrow', '2025-11-21', '2025-11-21', 'tomorrow'],
    ['demain', '2025-11-21', '2025-11-21', 'tomorrow'],
    ['明天', '2025-11-21', '2025-11-21', 'tomorrow'],
    ['后天', '2025-11-22', '2025-11-22', 'date'],
    ['yesterday', '2025-11-19', '2025-11-19', 'yesterday'],
    ['this week', '2025-11-17', '2025-11-23', 'this_week'],
    ['cette semaine', '2025-11-17', '2025-11-23', 'this_week'],
    ['本周', '2025-11-17', '2025-11-23', 'this_week'],
    ['这周', '2025-11-17', '2025-11-23', 'this_week'],
    ['这个星期', '2025-11-17', '2025-11-23', 'this_week'],
    ['next week', '2025-11-24', '2025-11-30', 'next_week'],
    ['la semaine prochaine', '2025-11-24', '2025-11-30', 'next_week'],
    ['下周', '2025-11-24', '2025-11-30', 'next_week'],
    ['last week', '2025-11-10', '2025-11-16', 'last_week'],
    ['this weekend', '2025-11-22', '2025-11-23', 'this_weekend'],
    ['ce week-end', '2025-11-22', '2025-11-23', 'this_weekend'],
    ['这个周末', '2025-11-22', '2025-11-23', 'this_weekend'],
    ['下周末', '2025-11-29', '2025-11-30', 'next_weekend'],
    ['this month', '2025-11-01', '2025-11-30', 'this_month'],
    ['ce mois-ci', '2025-11-01', '2025-11-30', 'this_month'],
    ['本月', '2025-11-01', '2025-11-30', 'this_month'],
    ['这个月', '2025-11-01', '2025-11-30', 'this_month'],
    ['next month', '2025-12-01', '2025-12-31', 'next_month'],
    ['le mois prochain', '2025-12-01', '2025-12-31', 'next_month'],
    ['下个月', '2025-12-01', '2025-12-31', 'next_month'],
    ['last month', '2025-10-01', '2025-10-31', 'last_month'],
    ['this year', '2025-01-01', '2025-12-31', 'this_year'],
    ['cette année', '2025-01-01', '2025-12-31', 'this_year'],
    ['今年', '2025-01-01', '2025-12-31', 'this_year'],
    ['next year', '2026-01-01', '2026-12-31', 'next_year'],
    ["l'année prochaine", '2026-01-01', '2026-12-31', 'next_year'],
    ['明年', '2026-01-01', '2026-12-31', 'next_year'],
    ["l'an dernier", '2024-01-01', '2024-12-31', 'last_year'],
    ['去年', '2024-01-01', '2024-12-31', 'last_year'],
    ['by the end of the year', OPEN_START, '2025-12-31', 'before'],
    ['年底', '2025-12-01', '2025-12-31', 'end_of_year'],
    ['end of the month', '2025-11-24', '2025-11-30', 'end_of_month'],
  ])('%s', (text, from, to, label) => {
    expect(range(text)).toEqual({ from, to, label });
  });
});

describe('extractDateRange: rolling periods', () => {
  it.each([
    ['in the next 6 months', '2025-11-20', '2026-05-20', 'next_months'],
    ['within the next 30 days', '2025-11-20', '2025-12-20', 'next_days'],
    ['within 2 weeks', '2025-11-20', '2025-12-04', 'next_weeks'],
    ['over the next two weeks', '2025-11-20', '2025-12-04', 'next_weeks'],
    ['the coming three months', '2025-11-20', '2026-02-20', 'next_months'],
    ['in the next year', '2026-01-01', '2026-12-31', 'next_year'],
    ['next 2 years', '2025-11-20', '2027-11-20', 'next_years'],
    ['dans les 6 prochains mois', '2025-11-20', '2026-05-20', 'next_months'],
    ['dans les trois prochaines semaines', '2025-11-20', '2025-12-11', 'next_weeks'],
    ["d'ici 6 mois", '2025-11-20', '2026-05-20', 'next_months'],
    ['dans 10 jours', '2025-11-20', '2025-11-30', 'next_days'],
    ['30天内', '2025-11-20', '2025-12-20', 'next_days'],
    ['6个月内', '2025-11-20', '2026-05-20', 'next_months'],
    ['未来三个月', '2025-11-20', '2026-02-20', 'next_months'],
    ['接下来两周', '2025-11-20', '2025-12-04', 'next_weeks'],
    ['一年内', '2025-11-20', '2026-11-20', 'next_years'],
  ])('%s', (text, from, to, label) => {
    expect(range(text)).toEqual({ from, to, label });
  });

  it('ignores a zero or absurd count', () => {
    expect(range('within 0 days')).toBeUndefined();
    expect(range('in the next 500 months')).toBeUndefined();
  });
});

describe('extractDateRange: explicit dates and months', () => {
  it.each([
    ['2025-12-08', '2025-12-08', '2025-12-08', 'date'],
    ['2025/12/8', '2025-12-08', '2025-12-08', 'date'],
    ['8 December 2025', '2025-12-08', '2025-12-08', 'date'],
    ['the 8th of December', '2025-12-08', '2025-12-08', 'date'],
    ['December 8, 2025', '2025-12-08', '2025-12-08', 'date'],
    ['Dec. 8', '2025-12-08', '2025-12-08', 'date'],
    ['8 décembre 2025', '2025-12-08', '2025-12-08', 'date'],
    ['le 1er mars', '2026-03-01', '2026-03-01', 'date'],
    ['12月8日', '2025-12-08', '2025-12-08', 'date'],
    ['2025年12月8日', '2025-12-08', '2025-12-08', 'date'],
    ['十二月八号', '2025-12-08', '2025-12-08', 'date'],
    ['二〇二五年十二月八日', '2025-12-08', '2025-12-08', 'date'],
    ['8-12 December 2025', '2025-12-08', '2025-12-12', 'range'],
    ['from 8 to 12 December', '2025-12-08', '2025-12-12', 'range'],
    ['du 8 au 12 décembre 2025', '2025-12-08', '2025-12-12', 'range'],
    ['December 8-12', '2025-12-08', '2025-12-12', 'range'],
    ['12月8日至12日', '2025-12-08', '2025-12-12', 'range'],
    ['2025-12-08 to 2025-12-12', '2025-12-08', '2025-12-12', 'range'],
    ['between March and June', '2026-03-01', '2026-06-30', 'range'],
    ['December', '2025-12-01', '2025-12-31', 'month'],
    ['in December 2026', '2026-12-01', '2026-12-31', 'month'],
    ['décembre', '2025-12-01', '2025-12-31', 'month'],
    ['12月', '2025-12-01', '2025-12-31', 'month'],
    ['2026年3月', '2026-03-01', '2026-03-31', 'month'],
    ['2026-03', '2026-03-01', '2026-03-31', 'month'],
    ['in June', '2025-06-01', '2025-06-30', 'month'],
    ['in March', '2026-03-01', '2026-03-31', 'month'],
    ['in May', '2026-05-01', '2026-05-31', 'month'],
    ['on Friday', '2025-11-21', '2025-11-21', 'weekday'],
    ['next Monday', '2025-11-24', '2025-11-24', 'weekday'],
    ['vendredi', '2025-11-21', '2025-11-21', 'weekday'],
    ['本周五', '2025-11-21', '2025-11-21', 'weekday'],
    ['下周三', '2025-11-26', '2025-11-26', 'weekday'],
    ['星期四', '2025-11-20', '2025-11-20', 'weekday'],
  ])('%s', (text, from, to, label) => {
    expect(range(text)).toEqual({ from, to, label });
  });

  it('puts a date without a year nearest to today', () => {
    const january = new Date('2026-01-10T10:00:00+08:00');
    expect(range('December 20', january)).toEqual({
      from: '2025-12-20',
      to: '2025-12-20',
      label: 'date',
    });
    expect(range('February 2', january)).toEqual({
      from: '2026-02-02',
      to: '2026-02-02',
      label: 'date',
    });
    expect(range('December', january)).toEqual({
      from: '2025-12-01',
      to: '2025-12-31',
      label: 'month',
    });
    expect(range('January', january)).toEqual({
      from: '2026-01-01',
      to: '2026-01-31',
      label: 'month',
    });
  });

  it('puts the second month of a range after the first', () => {
    expect(range('between April and June')).toEqual({
      from: '2026-04-01',
      to: '2026-06-30',
      label: 'range',
    });
    expect(range('between 2025-12-12 and 2025-12-08')).toEqual({
      from: '2025-12-12',
      to: '2025-12-12',
      label: 'date',
    });
  });

  it('refuses dates that do not exist', () => {
    expect(range('2025-02-30')).toBeUndefined();
    expect(range('31 February')).toEqual({ from: '2026-02-01', to: '2026-02-28', label: 'month' });
    expect(range('12月40日')).toEqual({ from: '2025-12-01', to: '2025-12-31', label: 'month' });
    expect(range('13月')).toBeUndefined();
    expect(range('2025-13')).toBeUndefined();
  });

  it('does not read everyday words as months', () => {
    for (const text of [
      'May I ask a question?',
      'the march for peace',
      'I may come',
      'sept jours',
    ]) {
      expect(range(text), text).toBeUndefined();
    }
  });

  it('does not read "N months" as a month name', () => {
    expect(range('6个月')).toBeUndefined();
    expect(range('一个月内')).toEqual({
      from: '2025-11-20',
      to: '2025-12-20',
      label: 'next_months',
    });
  });
});

describe('extractDateRange: before and after', () => {
  it.each([
    ['before 2026-03-01', OPEN_START, '2026-02-28', 'before'],
    ['avant le 1er mars 2026', OPEN_START, '2026-02-28', 'before'],
    ['2026年3月1日之前', OPEN_START, '2026-02-28', 'before'],
    ['until 15 January 2026', OPEN_START, '2026-01-15', 'before'],
    ['before next month', OPEN_START, '2025-11-30', 'before'],
    ['before June 2026', OPEN_START, '2026-05-31', 'before'],
    ['after 8 December 2025', '2025-12-09', OPEN_END, 'after'],
    ['après le 8 décembre', '2025-12-09', OPEN_END, 'after'],
    ['12月8日以后', '2025-12-09', OPEN_END, 'after'],
    ['after this week', '2025-11-24', OPEN_END, 'after'],
    ['from 1 March 2026', '2026-03-01', OPEN_END, 'after'],
    ['à partir du 1er mars', '2026-03-01', OPEN_END, 'after'],
    ['3月1日起', '2026-03-01', OPEN_END, 'after'],
    ['before the end of the year', OPEN_START, '2025-12-31', 'before'],
  ])('%s', (text, from, to, label) => {
    expect(range(text)).toEqual({ from, to, label });
  });
});

describe('extractDateRange: time zone and edges', () => {
  it('reads "today" in the given time zone (Shanghai by default)', () => {
    const lateUtc = new Date('2025-11-20T20:00:00Z'); // already Friday 04:00 in Shanghai
    expect(range('today', lateUtc)?.from).toBe('2025-11-21');
    expect(range('today', lateUtc, 'Europe/Paris')?.from).toBe('2025-11-20');
  });

  it('on a Sunday, "this weekend" is yesterday and today and "this week" ends today', () => {
    const sunday = new Date('2025-11-23T10:00:00+08:00');
    expect(range('this weekend', sunday)).toEqual({
      from: '2025-11-22',
      to: '2025-11-23',
      label: 'this_weekend',
    });
    expect(range('this week', sunday)).toEqual({
      from: '2025-11-17',
      to: '2025-11-23',
      label: 'this_week',
    });
  });

  it('takes the first mention when there are several', () => {
    expect(range('next week or next month')?.label).toBe('next_week');
  });

  it('finds nothing where there is no date', () => {
    for (const text of ['', 'How do I open a bank account?', 'bind ABC123', '👍', 'X']) {
      expect(range(text), text).toBeUndefined();
    }
  });

  it('always gives a Monday-to-Sunday week that contains today', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3650 }), (offset) => {
        const at = new Date(Date.UTC(2024, 0, 1, 4) + offset * 86_400_000);
        const week = range('this week', at);
        expect(week).toBeDefined();
        if (week === undefined) return;
        expect(isoWeekday(week.from)).toBe(1);
        expect(week.to).toBe(addDays(week.from, 6));
        const today = at.toISOString().slice(0, 10);
        expect(week.from <= today && today <= week.to).toBe(true);
      }),
    );
  });
});

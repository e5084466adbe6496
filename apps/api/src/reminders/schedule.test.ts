import { describe, expect, it } from 'vitest';
import { dueToday, nextRunAt } from './schedule';

describe('nextRunAt', () => {
  it('is today at the hour in the office time zone when the hour is still ahead', () => {
    // 23:00Z on 19 Nov is 07:00 on 20 Nov in Shanghai.
    expect(
      nextRunAt(new Date('2025-11-19T23:00:00Z'), '08:00', 'Asia/Shanghai').toISOString(),
    ).toBe('2025-11-20T00:00:00.000Z');
  });

  it('is tomorrow once the hour has passed', () => {
    expect(
      nextRunAt(new Date('2025-11-20T00:00:00Z'), '08:00', 'Asia/Shanghai').toISOString(),
    ).toBe('2025-11-21T00:00:00.000Z');
    expect(dueToday(new Date('2025-11-20T00:00:00Z'), '08:00', 'Asia/Shanghai')).toBe(true);
    expect(dueToday(new Date('2025-11-19T23:59:00Z'), '08:00', 'Asia/Shanghai')).toBe(false);
  });

  it('follows daylight saving time', () => {
    // Paris: 08:00 is 07:00Z in winter, 06:00Z in summer.
    expect(nextRunAt(new Date('2026-03-28T12:00:00Z'), '08:00', 'Europe/Paris').toISOString()).toBe(
      '2026-03-29T06:00:00.000Z',
    );
  });
});

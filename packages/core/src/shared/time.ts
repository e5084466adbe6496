import { z } from 'zod';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** A calendar date, `YYYY-MM-DD`, that exists in the Gregorian calendar. */
export const CalendarDate = z
  .string()
  .regex(DATE_RE, 'must be a date written YYYY-MM-DD')
  .refine((value) => isValidDate(value), 'must be a date that exists')
  .meta({ id: 'CalendarDate', example: '2025-12-08' });
export type CalendarDate = z.infer<typeof CalendarDate>;

/** An instant, as an ISO 8601 date-time with a UTC offset (`2025-12-08T09:30:00+01:00`). */
export const Instant = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date-time with an offset or Z' })
  .meta({ id: 'Instant', example: '2025-12-08T09:30:00+01:00' });
export type Instant = z.infer<typeof Instant>;

/** An IANA time zone name such as `Europe/Paris` or `Asia/Shanghai`. */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((value) => isTimeZone(value), 'must be an IANA time zone such as "Europe/Paris"')
  .meta({ id: 'TimeZone', example: 'Asia/Shanghai' });
export type TimeZone = z.infer<typeof TimeZone>;

export function isValidDate(value: string): boolean {
  const match = DATE_RE.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

const zoneCache = new Map<string, boolean>();
export function isTimeZone(value: string): boolean {
  const cached = zoneCache.get(value);
  if (cached !== undefined) return cached;
  let ok = true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    ok = false;
  }
  zoneCache.set(value, ok);
  return ok;
}

/** Days since 1970-01-01 for a calendar date. */
export function dayNumber(date: CalendarDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function fromDayNumber(days: number): CalendarDate {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** 1 (Monday) to 7 (Sunday). */
export function isoWeekday(date: CalendarDate): number {
  const day = new Date(dayNumber(date) * DAY_MS).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The calendar date an instant falls on in a time zone. */
export function dateInZone(instant: Date | string, timeZone: string): CalendarDate {
  const parts = zonedParts(new Date(instant), timeZone);
  return `${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)}`;
}

/** The calendar date of "now" in a time zone; rules take this as their "today". */
export function today(now: Date, timeZone = 'UTC'): CalendarDate {
  return dateInZone(now, timeZone);
}

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock reading of an instant in a time zone. */
export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  let format = partFormatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormatters.set(timeZone, format);
  }
  const out: Record<string, number> = {};
  for (const part of format.formatToParts(instant)) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return {
    year: out.year ?? 0,
    month: out.month ?? 0,
    day: out.day ?? 0,
    hour: out.hour ?? 0,
    minute: out.minute ?? 0,
    second: out.second ?? 0,
  };
}

/** Offset of a time zone from UTC at an instant, in minutes (Paris in winter: 60). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant at which the wall clock in a time zone shows `date` `hh:mm`. Across a
 * daylight-saving gap the later offset wins, as a person would read the clock.
 */
export function zonedTimeToInstant(
  date: CalendarDate,
  hour: number,
  minute: number,
  timeZone: string,
): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d, hour, minute);
  let guess = naive - zoneOffsetMinutes(new Date(naive), timeZone) * 60_000;
  const second = naive - zoneOffsetMinutes(new Date(guess), timeZone) * 60_000;
  if (second !== guess) guess = second;
  return new Date(guess);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** An academic year, written `2025-2026`. */
export const AcademicYear = z
  .string()
  .regex(/^\d{4}-\d{4}$/, 'must be an academic year written like 2025-2026')
  .refine((value) => Number(value.slice(5)) === Number(value.slice(0, 4)) + 1, {
    message: 'the second year must follow the first (2025-2026)',
  })
  .meta({ id: 'AcademicYear', example: '2025-2026' });
export type AcademicYear = z.infer<typeof AcademicYear>;

/**
 * The academic year a date belongs to. The year starts on the first day of `firstMonth`
 * (1-12, September by default).
 */
export function academicYearOf(date: CalendarDate, firstMonth = 9): AcademicYear {
  if (!Number.isInteger(firstMonth) || firstMonth < 1 || firstMonth > 12) {
    throw new RangeError('firstMonth must be an integer from 1 to 12');
  }
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const start = month >= firstMonth ? year : year - 1;
  return `${start}-${start + 1}`;
}

/** First and last calendar day of an academic year. */
export function academicYearRange(
  year: AcademicYear,
  firstMonth = 9,
): { start: CalendarDate; end: CalendarDate } {
  const first = Number(year.slice(0, 4));
  const start = `${first}-${pad(firstMonth, 2)}-01`;
  return { start, end: addDays(addMonths(start, 12), -1) };
}

/** True when two closed date ranges share at least one day. */
export function dateRangesOverlap(
  a: { start: CalendarDate; end: CalendarDate },
  b: { start: CalendarDate; end: CalendarDate },
): boolean {
  return a.start <= b.end && b.start <= a.end;
}

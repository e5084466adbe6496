import { addDays, type CalendarDate, type IdPrefix, isoWeekday } from '../shared';

/** Every demo record was "created" at this instant, so the data set is the same on every run. */
export const DEMO_CREATED_AT = '2026-01-05T01:00:00.000Z';

export const stamp = {
  createdAt: DEMO_CREATED_AT,
  updatedAt: DEMO_CREATED_AT,
  version: 1,
} as const;

/** A demo id: the prefix, `demo` and six digits (`stu_demo000001`). */
export function demoId<P extends IdPrefix>(prefix: P, n: number): `${P}_${string}` {
  return `${prefix}_demo${String(n).padStart(6, '0')}`;
}

/** Hands out demo ids of one kind in order, from `first`. */
export function idSequence<P extends IdPrefix>(prefix: P, first = 1): () => `${P}_${string}` {
  let next = first;
  return () => demoId(prefix, next++);
}

/** A seeded pseudo-random generator (mulberry32): the same seed gives the same demo world. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The item at an index of a non-empty list, wrapping around. */
export function at<T>(list: readonly T[], index: number): T {
  const item = list[((index % list.length) + list.length) % list.length];
  if (item === undefined) throw new RangeError('the list is empty');
  return item;
}

export function pick<T>(random: () => number, list: readonly T[]): T {
  return at(list, Math.floor(random() * list.length));
}

/** A shuffled copy (Fisher–Yates). */
export function shuffled<T>(random: () => number, list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = at(out, i);
    out[i] = at(out, j);
    out[j] = a;
  }
  return out;
}

/** `count` copies of each value, in order: `repeat([['FR', 2], ['DE', 1]])` → FR, FR, DE. */
export function repeat<T>(counts: readonly (readonly [T, number])[]): T[] {
  return counts.flatMap(([value, count]) => Array.from({ length: count }, () => value));
}

/** An instant on the Shanghai campus clock (no daylight saving there). */
export const shanghai = (date: CalendarDate, time: string): string => `${date}T${time}:00+08:00`;

/** Lower-case ASCII letters and digits of a name, for demo e-mail addresses. */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

/** The given weekday (1 Monday … 7 Sunday) on or after a date. */
export function nextWeekday(date: CalendarDate, weekday: number): CalendarDate {
  return addDays(date, (weekday - isoWeekday(date) + 7) % 7);
}

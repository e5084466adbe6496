/**
 * The year-end review of a year, kept until a write changes what it was computed from.
 *
 * On the embedded store, reading a review's data costs about 10 ms (bench/results.md: grouping a
 * thousand students and two thousand registrations in WebAssembly, then parsing the rows in
 * JavaScript), ten times a read of a record; the office asks for the same few years again and
 * again while the data they count rarely changes. The store tells what its writes change
 * (db/changes.ts); a change drops the reviews it can touch, and only those: a student turning
 * reminders off, a registration for next month's event or a new student of this year leave
 * last year's review where it is.
 *
 * A year's review is read from:
 * - students whose programme starts in the year or the one before: `students:<y>` drops the
 *   reviews of `y` and `y + 1`;
 * - events touching those two years (with a day of slack): `events:<from>:<to>` drops the
 *   reviews whose two years meet `from`…`to`;
 * - the registrations of those events: `registrations:<event>` drops the reviews that read that
 *   event;
 * - the rest: `all` drops every review.
 *
 * A review is kept only if no change came while it was read (a change counter), and never from
 * inside a request's transaction, whose writes are not committed yet. Without a change feed
 * (PostgreSQL), every review is read afresh.
 */
import { type YearEndData, type YearEndReview, yearEndReview } from '@passerelle/core';
import type { Change, ChangeFeed } from '../db/changes';
import { inAmbientTransaction, type Store } from '../db/store';
import { loadYearEndData } from './year-end';

export interface YearEnd {
  data: YearEndData;
  review: YearEndReview;
}

/** Years kept at once; the least recently asked for goes first. */
export const YEAR_END_CACHE_SIZE = 8;

interface Kept extends YearEnd {
  /** The events the review read: their registrations' changes concern it. */
  eventIds: ReadonlySet<string>;
}

/** Whether `change` may alter the review of `year`, which read the events `eventIds`. */
export function concerns(change: Change, year: number, eventIds: ReadonlySet<string>): boolean {
  switch (change.kind) {
    case 'students':
      return change.year === year || change.year === year - 1;
    case 'events':
      return change.from <= year && change.to >= year - 1;
    case 'registrations':
      return eventIds.has(change.eventId);
    case 'all':
      return true;
  }
}

export interface YearEndSource {
  /** The data and the review of `year`. */
  get(year: number): Promise<YearEnd>;
  /** How many reviews were read from the store, and how many served as kept (for tests). */
  readonly reads: number;
  readonly hits: number;
}

const sources = new WeakMap<Store, YearEndSource>();

/** The store's year-end reviews: one source per store, shared by the apps over it. */
export function yearEndSource(store: Store): YearEndSource {
  let source = sources.get(store);
  if (source === undefined) {
    source = createYearEndSource(store.changes, (year) => loadYearEndData(store.db, year));
    sources.set(store, source);
  }
  return source;
}

/** Reviews read with `load`, kept as long as `feed` tells nothing that concerns them. */
export function createYearEndSource(
  feed: ChangeFeed | undefined,
  load: (year: number) => Promise<YearEndData>,
): YearEndSource {
  const kept = new Map<number, Kept>();
  let changes = 0;
  let reads = 0;
  let hits = 0;
  feed?.subscribe((change) => {
    changes++;
    for (const [year, entry] of kept) if (concerns(change, year, entry.eventIds)) kept.delete(year);
  });

  const read = async (year: number): Promise<Kept> => {
    reads++;
    const data = await load(year);
    return {
      data,
      review: yearEndReview(data, year),
      eventIds: new Set(data.events.map((event) => event.id)),
    };
  };

  return {
    get reads() {
      return reads;
    },
    get hits() {
      return hits;
    },
    async get(year) {
      if (feed === undefined || !feed.active || inAmbientTransaction()) return read(year);
      const entry = kept.get(year);
      if (entry !== undefined) {
        hits++;
        kept.delete(year);
        kept.set(year, entry);
        return entry;
      }
      const before = changes;
      const fresh = await read(year);
      if (changes === before) {
        kept.set(year, fresh);
        if (kept.size > YEAR_END_CACHE_SIZE) {
          const [oldest] = kept.keys();
          if (oldest !== undefined) kept.delete(oldest);
        }
      }
      return fresh;
    },
  };
}

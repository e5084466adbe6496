/**
 * The year-end review kept between requests on the embedded store (reports/year-end-cache.ts),
 * dropped by what the store says its writes changed (db/changes.ts): after every kind of write,
 * the review served is the one computed afresh from the store; writes that cannot touch a year
 * leave its review kept; PostgreSQL keeps none.
 */
import { type YearEndData, yearEndReview } from '@passerelle/core';
import { demoData } from '@passerelle/core/demo';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/backup/tables';
import { type Change, type ChangeFeed, parseChange } from '../src/db/changes';
import { loadYearEndData } from '../src/reports/year-end';
import { concerns, createYearEndSource, yearEndSource } from '../src/reports/year-end-cache';
import {
  type JsonObject,
  type JsonValue,
  startTestApi,
  storeKinds,
  type TestApi,
  testClock,
} from './helpers';

const now = new Date('2026-03-02T08:00:00.000Z');

describe('what a change concerns', () => {
  const read = new Set(['evt_a']);

  it('reads the triggers’ payloads, anything else standing for every change', () => {
    expect(parseChange('students:2025')).toEqual({ kind: 'students', year: 2025 });
    expect(parseChange('events:2024:2026')).toEqual({ kind: 'events', from: 2024, to: 2026 });
    expect(parseChange('registrations:evt_a:b')).toEqual({
      kind: 'registrations',
      eventId: 'evt_a:b',
    });
    for (const payload of ['all', '', 'students:', 'students:x', 'events:1', 'registrations:']) {
      expect(parseChange(payload)).toEqual({ kind: 'all' });
    }
  });

  it('drops a review for its two years, the events it read and everything else', () => {
    const of = (change: Change) =>
      [2024, 2025, 2026].filter((year) => concerns(change, year, read));
    expect(of({ kind: 'students', year: 2025 })).toEqual([2025, 2026]);
    expect(of({ kind: 'events', from: 2026, to: 2027 })).toEqual([2026]);
    expect(of({ kind: 'events', from: 2023, to: 2023 })).toEqual([2024]);
    expect(of({ kind: 'events', from: 2022, to: 2022 })).toEqual([]);
    expect(of({ kind: 'registrations', eventId: 'evt_a' })).toEqual([2024, 2025, 2026]);
    expect(of({ kind: 'registrations', eventId: 'evt_b' })).toEqual([]);
    expect(of({ kind: 'all' })).toEqual([2024, 2025, 2026]);
  });
});

describe('what is kept', () => {
  /** A feed told by hand, and data that says which read of a year it is. */
  function world() {
    const listeners = new Set<(change: Change) => void>();
    const feed: ChangeFeed = {
      active: true,
      subscribe(listener) {
        listeners.add(listener);
      },
    };
    const tell = (change: Change) => {
      for (const listener of listeners) listener(change);
    };
    let loads = 0;
    let during: (() => void) | undefined;
    const load = async (year: number): Promise<YearEndData> => {
      loads++;
      const events = [{ id: `evt_${year}`, kind: 'themed_salon', cancelled: false, sessions: [] }];
      await Promise.resolve();
      during?.();
      return { ...empty, events: events as unknown as YearEndData['events'] };
    };
    return { feed, tell, load, loads: () => loads, setDuring: (f?: () => void) => (during = f) };
  }
  const empty: YearEndData = {
    students: [],
    events: [],
    registrations: [],
    delegations: [],
    agreements: [],
    institutions: [],
    publications: [],
    awards: [],
  };

  it('reads a year once, until a change concerns it', async () => {
    const w = world();
    const source = createYearEndSource(w.feed, w.load);
    await source.get(2025);
    await source.get(2025);
    await source.get(2024);
    expect(w.loads()).toBe(2);
    w.tell({ kind: 'students', year: 2025 });
    await source.get(2024);
    await source.get(2025);
    expect(w.loads()).toBe(3);
    w.tell({ kind: 'registrations', eventId: 'evt_2024' });
    await source.get(2024);
    await source.get(2025);
    expect(w.loads()).toBe(4);
    expect(source.hits).toBe(3);
  });

  it('does not keep what was read while a change came, nor anything without a feed', async () => {
    const w = world();
    const source = createYearEndSource(w.feed, w.load);
    w.setDuring(() => w.tell({ kind: 'students', year: 1990 }));
    await source.get(2025);
    w.setDuring(undefined);
    await source.get(2025);
    await source.get(2025);
    expect(w.loads()).toBe(2);

    const none = world();
    const uncached = createYearEndSource(undefined, none.load);
    await uncached.get(2025);
    await uncached.get(2025);
    expect(none.loads()).toBe(2);
    const inactive = createYearEndSource({ ...none.feed, active: false }, none.load);
    await inactive.get(2025);
    await inactive.get(2025);
    expect(none.loads()).toBe(4);
  });
});

describe('the store’s changes (PGlite)', () => {
  let api: TestApi;
  const heard: string[] = [];

  beforeAll(async () => {
    api = await startTestApi({ data: demoData(now), clock: testClock(now) });
    api.store.changes?.subscribe((change) => heard.push(JSON.stringify(change)));
  });
  afterAll(async () => {
    await api?.close();
  });

  /**
   * What the writes of `work` (a function, or one statement) told, once they committed
   * (listeners run as microtasks).
   */
  async function told(work: (() => Promise<unknown>) | SQL): Promise<string[]> {
    heard.length = 0;
    await (typeof work === 'function' ? work() : api.store.db.execute(work)).catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    return [...heard].sort();
  }

  it('names the year of a student, the years of an event and the event of a registration', async () => {
    const { db } = api.store;
    const [student] = await rowsOf<{ id: string; year: number }>(
      db,
      sql`select id, extract(year from programme_start)::int as year from students where status <> 'applied' limit 1`,
    );
    expect(student).toBeDefined();
    if (student === undefined) return;
    expect(
      await told(sql`update students set nationality = nationality where id = ${student.id}`),
    ).toEqual([]);
    expect(
      await told(sql`update students set name_sort = name_sort || '' where id = ${student.id}`),
    ).toEqual([]);
    expect(
      await told(
        sql`update students set programme_start = programme_start + 366 where id = ${student.id}`,
      ),
    ).toEqual(
      [
        JSON.stringify({ kind: 'students', year: student.year }),
        JSON.stringify({ kind: 'students', year: student.year + 1 }),
      ].sort(),
    );

    const [event] = await rowsOf<{ id: string }>(
      db,
      sql`select e.id from events e where e.starts_at >= '2025-03-01' and e.ends_at < '2025-12-01'
          and exists (select 1 from registrations r where r.event_id = e.id and r.status = 'registered') limit 1`,
    );
    expect(event).toBeDefined();
    if (event === undefined) return;
    expect(await told(sql`update events set capacity = capacity where id = ${event.id}`)).toEqual([
      JSON.stringify({ kind: 'events', from: 2025, to: 2025 }),
    ]);
    expect(
      await told(sql`update registrations set status = status where event_id = ${event.id}`),
    ).toEqual([]);
    expect(
      await told(() =>
        db.transaction(async (tx) => {
          await tx.execute(
            sql`update registrations set status = 'attended' where event_id = ${event.id} and status = 'registered'`,
          );
          await tx.execute(
            sql`update registrations set status = 'registered' where event_id = ${event.id} and status = 'attended'`,
          );
        }),
      ),
    ).toEqual([JSON.stringify({ kind: 'registrations', eventId: event.id })]);
    expect(await told(sql`delete from awards where false`)).toEqual([
      JSON.stringify({ kind: 'all' }),
    ]);
  });

  it('tells nothing of a transaction rolled back', async () => {
    const { db } = api.store;
    expect(
      await told(() =>
        db.transaction(async (tx) => {
          await tx.execute(sql`update students set programme_start = programme_start + 1`);
          await tx.execute(sql`update institutions set stage = stage`);
          tx.rollback();
        }),
      ),
    ).toEqual([]);
  });
});

describe.each(storeKinds)('the year-end review kept on %s', (store) => {
  let api: TestApi;
  const staff = () => ({ token: api.tokens.staff });

  beforeAll(async () => {
    api = await startTestApi({ store, data: demoData(now), clock: testClock(now) });
  });
  afterAll(async () => {
    await api?.close();
  });

  const served = async (year: number) => {
    const response = await api.json<JsonObject>(`/v1/reports/year-end/${year}`, staff());
    expect(response.status).toBe(200);
    return response.body;
  };
  /** The review computed now from the store, without anything kept. */
  const fresh = async (year: number): Promise<JsonValue> =>
    JSON.parse(JSON.stringify(yearEndReview(await loadYearEndData(api.store.db, year), year)));
  const counters = () => {
    const source = yearEndSource(api.store);
    return { reads: source.reads, hits: source.hits };
  };

  /** Creates an active exchange student with `fields` (a name, an email, a country, dates). */
  const createStudent = async (fields: Record<string, string>) => {
    const response = await api.fetch('/v1/students', {
      ...staff(),
      body: { programmeKind: 'exchange', status: 'active', documents: {}, ...fields },
    });
    expect(response.status).toBe(201);
  };

  /** Runs `write`, then checks the review served for `year` against a fresh one. */
  async function afterWrite(year: number, write: () => Promise<void>) {
    const before = await served(year);
    const counted = counters();
    await write();
    const after = await served(year);
    expect(after).toEqual(await fresh(year));
    const read = counters().reads - counted.reads;
    return { before, after, read };
  }

  it('serves a year asked again without reading the store, only on PGlite', async () => {
    const first = await served(2025);
    const counted = counters();
    const second = await served(2025);
    expect(second).toEqual(first);
    expect(second).toEqual(await fresh(2025));
    expect(counters()).toEqual(
      store === 'pglite'
        ? { reads: counted.reads, hits: counted.hits + 1 }
        : { reads: counted.reads + 1, hits: counted.hits },
    );
  });

  it('serves the review computed afresh after a student written while it was being read', async () => {
    const source = yearEndSource(api.store);
    for (const [index, year] of [2021, 2022, 2023].entries()) {
      const reading = source.get(year);
      const writing = createStudent({
        fullName: `Written During ${index}`,
        email: `during${index}@example.org`,
        nationality: 'CL',
        programmeStart: `${year}-09-01`,
        programmeEnd: `${year + 1}-01-31`,
      });
      await Promise.all([reading, writing]);
      const after = await served(year);
      expect(after).toEqual(await fresh(year));
      expect(JSON.stringify(after)).toContain('"CL"');
    }
  });

  it('keeps it through writes it does not read: a student’s reminders', async () => {
    const students = await api.json<{ data: JsonObject[] }>(
      '/v1/students?started_in=2025&limit=1',
      staff(),
    );
    const student = students.body.data[0];
    expect(student).toBeDefined();
    const phone = await afterWrite(2025, async () => {
      const patched = await api.fetch(`/v1/students/${String(student?.id)}`, {
        method: 'PATCH',
        ...staff(),
        body: { remindersEnabled: false },
      });
      expect(patched.status).toBe(200);
    });
    expect(phone.after).toEqual(phone.before);
    expect(phone.read).toBe(store === 'pglite' ? 0 : 1);
  });

  it('serves a fresh review after a student’s nationality changes', async () => {
    const students = await api.json<{ data: JsonObject[] }>(
      '/v1/students?started_in=2025&status=active&limit=1',
      staff(),
    );
    const student = students.body.data[0];
    const result = await afterWrite(2025, async () => {
      const patched = await api.fetch(`/v1/students/${String(student?.id)}`, {
        method: 'PATCH',
        ...staff(),
        body: { nationality: student?.nationality === 'NZ' ? 'IS' : 'NZ' },
      });
      expect(patched.status).toBe(200);
    });
    expect(result.after).not.toEqual(result.before);
    expect(result.read).toBe(1);
  });

  it('serves a fresh review after a new student, an attendance, a cancelled event, a partner’s stage', async () => {
    const created = await afterWrite(2025, () =>
      createStudent({
        fullName: 'Aroha Ngata',
        email: 'aroha@example.org',
        nationality: 'NZ',
        programmeStart: '2025-09-01',
        programmeEnd: '2026-01-31',
      }),
    );
    expect(created.read).toBe(1);

    const events = await api.json<{ data: JsonObject[] }>(
      '/v1/events?from=2025-01-01&to=2025-12-01&limit=100',
      staff(),
    );
    const attended = await afterWrite(2025, async () => {
      for (const event of events.body.data) {
        const registrations = await api.json<{ data: JsonObject[] }>(
          `/v1/events/${String(event.id)}/registrations?limit=100`,
          staff(),
        );
        const registered = registrations.body.data.find((item) => item.status === 'registered');
        if (registered === undefined) continue;
        const marked = await api.fetch(
          `/v1/events/${String(event.id)}/registrations/${String(registered.id)}/attendance`,
          { ...staff(), body: { status: 'attended' } },
        );
        expect(marked.status).toBe(200);
        return;
      }
      throw new Error('no registered place in 2025 to mark');
    });
    expect(attended.after).not.toEqual(attended.before);

    const live = events.body.data.find((event) => event.cancelled === false);
    const cancelled = await afterWrite(2025, async () => {
      const patched = await api.fetch(`/v1/events/${String(live?.id)}`, {
        method: 'PATCH',
        ...staff(),
        body: { cancelled: true },
      });
      expect(patched.status).toBe(200);
    });
    expect(cancelled.after).not.toEqual(cancelled.before);

    const institutions = await api.json<{ data: JsonObject[] }>(
      '/v1/institutions?stage=partner&limit=1',
      staff(),
    );
    const partner = await afterWrite(2025, async () => {
      const patched = await api.fetch(`/v1/institutions/${String(institutions.body.data[0]?.id)}`, {
        method: 'PATCH',
        ...staff(),
        body: { stage: 'dormant' },
      });
      expect(patched.status).toBe(200);
    });
    expect(partner.after).not.toEqual(partner.before);
  });
});

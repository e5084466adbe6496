/**
 * Crash consistency: the API runs as a child process while client loops write (students
 * created with an Idempotency-Key, guests registered for a five-seat event, students patched
 * with If-Match, acknowledged creates retried), and is killed with SIGKILL at seeded random
 * moments, then restarted. Requests in flight at the kill are retried with their key after the
 * restart. At the end: every write the clients saw acknowledged is there and intact, no record
 * is half-written, each idempotent create exists exactly once and its retry returns the
 * original, and the registration invariants hold. On PGlite always, on PostgreSQL when
 * TEST_DATABASE_URL is set (in a database of its own).
 */

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { seededRandom } from '@passerelle/core/demo';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/backup/tables';
import { openStore } from '../src/db/store';
import { brokenInvariants, long, Secrets, scanLogs, writeSection } from './harness';
import { ApiProcess, type DemoTokens, freshDatabase, readDemoTokens } from './processes';

const RESTARTS = long ? 20 : Number(process.env.RELIABILITY_RESTARTS ?? 5);
const SEED = Number(process.env.RELIABILITY_SEED ?? 20251120);
const WRITERS = 3;
const CAPACITY = 5;

type Json = Record<string, unknown>;

interface Pending {
  kind: 'student' | 'registration';
  key: string;
  path: string;
  body: string;
  /** The email (students) or guest email (registrations) that names the record. */
  marker: string;
}

interface Acknowledged {
  body: Json;
  version: number;
}

const stores = process.env.TEST_DATABASE_URL ? (['pglite', 'postgres'] as const) : ['pglite'];

describe.each(stores)('crash consistency on %s', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }, 60_000);

  it(`keeps every acknowledged write through ${RESTARTS} SIGKILLs while clients write`, async () => {
    const started = Date.now();
    const random = seededRandom(SEED + (kind === 'postgres' ? 1 : 0));
    const dataDir = await mkdtemp(join(tmpdir(), 'passerelle-crash-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const env: Record<string, string> = { DATA_DIR: dataDir, DEMO_DATA: 'false' };
    if (kind === 'postgres') {
      const database = await freshDatabase(String(process.env.TEST_DATABASE_URL), 'crash');
      cleanups.push(() => database.drop());
      env.DATABASE_URL = database.url;
    }
    const lines: string[] = [];
    const secrets = new Secrets();

    const students = new Map<string, Acknowledged>();
    const registrations = new Map<string, Acknowledged>();
    /** Idempotent creates: key → the acknowledged answer's id, for replays. */
    const createdByKey = new Map<string, { id: string; request: Pending }>();
    let pending: Pending[] = [];
    const figures = {
      acknowledged: 0,
      inFlightAtKill: 0,
      retriedAfterCrash: 0,
      replayedAfterCrash: 0,
      ranAfreshAfterCrash: 0,
      replaysChecked: 0,
      startMs: [] as number[],
    };
    const problems: string[] = [];
    let sequence = 0;

    let api: ApiProcess | undefined;
    let tokens: DemoTokens | undefined;
    let eventId = '';
    const call = async (
      method: string,
      path: string,
      options: { body?: string; headers?: Record<string, string> } = {},
    ) => {
      if (api === undefined || tokens === undefined) throw new Error('the API is not running');
      const response = await fetch(`${api.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${tokens.staff}`,
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
        ...(options.body === undefined ? {} : { body: options.body }),
      });
      const text = await response.text();
      if (response.status < 400) secrets.collect(text);
      return { response, body: (text === '' ? {} : JSON.parse(text)) as Json };
    };

    const acknowledge = (request: Pending, body: Json) => {
      const id = String(body.id);
      const record = { body, version: Number(body.version) };
      (request.kind === 'student' ? students : registrations).set(id, record);
      createdByKey.set(request.key, { id, request });
      figures.acknowledged++;
    };

    /** Sends an idempotent create; an answer is acknowledged, no answer leaves it pending. */
    const create = async (request: Pending) => {
      let answer: Awaited<ReturnType<typeof call>>;
      try {
        answer = await call('POST', request.path, {
          body: request.body,
          headers: { 'idempotency-key': request.key },
        });
      } catch {
        pending.push(request);
        throw new Error('killed');
      }
      if (answer.response.status === 201) acknowledge(request, answer.body);
      else
        problems.push(
          `${request.key} → ${answer.response.status} ${JSON.stringify(answer.body).slice(0, 200)}`,
        );
      return answer;
    };

    const newStudent = (): Pending => {
      const n = ++sequence;
      const email = `crash${n}@example.org`;
      const passport = `PX${SEED % 1000}${String(n).padStart(5, '0')}`;
      secrets.add(passport);
      return {
        kind: 'student',
        key: `crash-student-${n}`,
        path: '/v1/students',
        marker: email,
        body: JSON.stringify({
          fullName: `Crash Student ${n}`,
          email,
          nationality: 'FR',
          programmeKind: 'exchange',
          programmeStart: '2030-09-01',
          programmeEnd: '2031-07-15',
          documents: { passportNumber: passport },
        }),
      };
    };
    const newRegistration = (): Pending => {
      const n = ++sequence;
      const email = `guest${n}@example.org`;
      return {
        kind: 'registration',
        key: `crash-registration-${n}`,
        path: `/v1/events/${eventId}/registrations`,
        marker: email,
        body: JSON.stringify({ participant: { kind: 'guest', name: `Guest ${n}`, email } }),
      };
    };

    const patchStudent = async () => {
      const ids = [...students.keys()];
      const id = ids[Math.floor(random() * ids.length)];
      const known = id === undefined ? undefined : students.get(id);
      if (id === undefined || known === undefined) return;
      let answer: Awaited<ReturnType<typeof call>>;
      try {
        answer = await call('PATCH', `/v1/students/${id}`, {
          body: JSON.stringify({ buddy: `Buddy ${++sequence}` }),
          headers: { 'if-match': `"${known.version}"` },
        });
      } catch {
        throw new Error('killed');
      }
      const current = students.get(id);
      if (answer.response.status === 200) {
        if (current === undefined || Number(answer.body.version) > current.version) {
          students.set(id, { body: answer.body, version: Number(answer.body.version) });
        }
        figures.acknowledged++;
      } else if (answer.response.status !== 412) {
        problems.push(`PATCH ${id} → ${answer.response.status} ${JSON.stringify(answer.body)}`);
      }
    };

    const replayOne = async () => {
      const entries = [...createdByKey.values()];
      const entry = entries[Math.floor(random() * entries.length)];
      if (entry === undefined) return;
      const answer = await create(entry.request).catch(() => undefined);
      if (answer === undefined) return;
      figures.replaysChecked++;
      if (answer.response.status !== 201 || answer.body.id !== entry.id) {
        problems.push(
          `replay of ${entry.request.key} → ${answer.response.status} ${String(answer.body.id)}, first ${entry.id}`,
        );
      }
    };

    const writer = async () => {
      for (;;) {
        const pick = random();
        try {
          if (pick < 0.4) await create(newStudent());
          else if (pick < 0.65) await create(newRegistration());
          else if (pick < 0.9) await patchStudent();
          else await replayOne();
        } catch {
          return; // the API was killed: this writer's cycle is over
        }
      }
    };

    /** After a restart, every create left without an answer is retried with its key. */
    const settlePending = async () => {
      const left = pending;
      pending = [];
      for (const request of left) {
        figures.retriedAfterCrash++;
        const answer = await create(request);
        if (answer.response.headers.get('idempotent-replayed') === 'true')
          figures.replayedAfterCrash++;
        else figures.ranAfreshAfterCrash++;
        if (answer.response.status !== 201) {
          problems.push(`retry of ${request.key} → ${answer.response.status}`);
        }
      }
    };

    const start = async () => {
      const at = Date.now();
      api = await ApiProcess.start(env, lines);
      figures.startMs.push(Date.now() - at);
      tokens ??= await readDemoTokens(dataDir);
    };

    for (let cycle = 0; cycle < RESTARTS; cycle++) {
      await start();
      if (cycle === 0) {
        const event = await call('POST', '/v1/events', {
          body: JSON.stringify({
            kind: 'themed_salon',
            title: { en: 'Crash-test salon' },
            capacity: CAPACITY,
            audience: ['public'],
            sessions: [
              {
                start: '2030-12-10T14:00:00+08:00',
                end: '2030-12-10T16:00:00+08:00',
                timeZone: 'Asia/Shanghai',
              },
            ],
            organiser: 'International Affairs Office',
          }),
        });
        expect(event.response.status).toBe(201);
        eventId = String(event.body.id);
      }
      await settlePending();
      const writers = Array.from({ length: WRITERS }, writer);
      // A seeded moment: from right after the start to well into the writes.
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.floor(random() * 1_500)));
      const before = pending.length;
      await api?.kill();
      await Promise.all(writers);
      figures.inFlightAtKill += pending.length - before;
    }

    // The last start: settle what the last kill left, check every acknowledged write by HTTP.
    await start();
    await settlePending();
    const lost: string[] = [];
    for (const [id, known] of students) {
      const { response, body } = await call('GET', `/v1/students/${id}`);
      if (response.status !== 200) lost.push(`student ${id} → ${response.status}`);
      else if (Number(body.version) < known.version) lost.push(`student ${id} lost a version`);
      else if (Number(body.version) === known.version && !sameRecord(body, known.body))
        lost.push(`student ${id} differs from its acknowledged version`);
    }
    // Every page of the event's registrations (the long variant makes hundreds).
    const stored = new Map<string, Json>();
    let cursor: string | null = null;
    do {
      const after: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const listed = await call('GET', `/v1/events/${eventId}/registrations?limit=200${after}`);
      for (const r of Array.isArray(listed.body.data) ? (listed.body.data as Json[]) : []) {
        stored.set(String(r.id), r);
      }
      cursor = typeof listed.body.next_cursor === 'string' ? listed.body.next_cursor : null;
    } while (cursor !== null);
    for (const [id, known] of registrations) {
      const found = stored.get(id);
      if (found === undefined) lost.push(`registration ${id} is missing`);
      else if (found.sequence !== known.body.sequence || found.status !== known.body.status)
        lost.push(`registration ${id} differs from its acknowledged answer`);
    }
    for (const entry of [...createdByKey.values()].slice(0, 50)) {
      const answer = await create(entry.request);
      figures.replaysChecked++;
      if (
        answer.response.status !== 201 ||
        answer.body.id !== entry.id ||
        answer.response.headers.get('idempotent-replayed') !== 'true'
      ) {
        problems.push(`final replay of ${entry.request.key} → ${answer.response.status}`);
      }
    }
    await api?.stop();
    for (const token of Object.values(tokens ?? {}))
      if (typeof token === 'string') secrets.add(token);
    if (tokens !== undefined) secrets.add(tokens.student.token);

    // The store itself, opened once the API is gone.
    const store = await openStore({ databaseUrl: env.DATABASE_URL, dataDir });
    const broken = await brokenInvariants(store, { wholeWrites: true });
    const duplicates = await rowsOf<{ marker: string; n: number }>(
      store.db,
      sql`select marker, count(*)::int as n from (
            select data->>'email' as marker from students where data->>'email' like 'crash%'
            union all
            select data->'participant'->>'email' from registrations
            where data->'participant'->>'email' like 'guest%') m
          group by marker having count(*) > 1`,
    );
    const order = await rowsOf<{ seated: number; waiting: number; total: number; top: number }>(
      store.db,
      sql`select count(*) filter (where status = 'registered')::int as seated,
                 count(*) filter (where status = 'waitlisted')::int as waiting,
                 count(*)::int as total, coalesce(max(sequence), 0)::int as top,
                 coalesce(max(sequence) filter (where status = 'registered'), 0)::int as last_seat,
                 coalesce(min(sequence) filter (where status = 'waitlisted'), 0)::int as first_wait
          from registrations where event_id = ${eventId}`,
    );
    await store.close();
    const row = order[0] as
      | { seated: number; waiting: number; total: number; top: number; [k: string]: unknown }
      | undefined;
    const lastSeat = Number(row?.last_seat ?? 0);
    const firstWait = Number(row?.first_wait ?? 0);
    const leaks = await scanLogs(`crash-${kind}`, lines, secrets);
    const seconds = (Date.now() - started) / 1000;
    const startMs = [...figures.startMs].sort((a, b) => a - b);

    await writeSection(`5-crash-${kind}${long ? '-long' : ''}`, {
      title: `Crash consistency on ${kind === 'pglite' ? 'PGlite' : 'PostgreSQL'} (${long ? 'long' : 'quick'} variant)`,
      order: (kind === 'pglite' ? 5 : 5.5) + (long ? 0.2 : 0),
      lines: [
        `- run: ${new Date().toISOString()}, seed ${SEED}, ${seconds.toFixed(1)} s`,
        `- SIGKILLs while ${WRITERS} clients wrote: ${RESTARTS}, each followed by a restart${long ? '' : ' (20 with RELIABILITY_LONG=1)'}`,
        `- writes acknowledged: ${figures.acknowledged} (${students.size} students, ${registrations.size} registrations for a ${CAPACITY}-seat event, patches with If-Match)`,
        `- creates in flight at a kill, retried with their Idempotency-Key after the restart: ${figures.retriedAfterCrash} (${figures.replayedAfterCrash} answered with the stored response, ${figures.ranAfreshAfterCrash} had not committed and ran afresh)`,
        `- idempotent replays checked against the first answer: ${figures.replaysChecked}`,
        `- acknowledged writes missing or changed: ${lost.length}; records created twice: ${duplicates.length}`,
        `- registrations: ${row?.seated ?? 0} seated of ${CAPACITY}, ${row?.waiting ?? 0} waitlisted, sequences 1..${row?.top ?? 0} for ${row?.total ?? 0} rows; the last seat's sequence (${lastSeat}) comes before the first waiting (${firstWait || 'none'})`,
        `- store invariants broken (with whole writes: audit entry of each version, no key left in progress): ${broken.length}`,
        `- API start time: median ${startMs[Math.floor(startMs.length / 2)] ?? 0} ms, max ${startMs.at(-1) ?? 0} ms`,
        `- other problems: ${problems.length}; log lines scanned: ${lines.length}, leaks: ${leaks.length}`,
        ...[...lost, ...problems, ...broken].slice(0, 10).map((line) => `  - ${line}`),
      ],
    });

    expect(problems).toEqual([]);
    expect(lost).toEqual([]);
    expect(duplicates).toEqual([]);
    expect(broken).toEqual([]);
    expect(row?.top).toBe(row?.total);
    expect(row?.seated).toBe(Math.min(CAPACITY, row?.total ?? 0));
    if (firstWait > 0) expect(lastSeat).toBeLessThan(firstWait);
    expect(figures.acknowledged).toBeGreaterThan(RESTARTS);
    expect(leaks).toEqual([]);
  }, 1_800_000);
});

/** The same record, but for the time stamps the server sets. */
/** The same record, whatever the order of its fields (the store, jsonb, keeps an order of its own). */
function sameRecord(a: Json, b: Json): boolean {
  return isDeepStrictEqual(a, b);
}

/**
 * Reminders over HTTP, on PGlite and (when TEST_DATABASE_URL is set) PostgreSQL: the daily run
 * finds what GET /v1/alerts finds plus tomorrow's registered events, once; two instances at
 * once create each reminder once; claimers never share a reminder; delivery, failure, lease
 * expiry; opting out; who may do what.
 */
import type { DocumentAlert, NamedDocumentAlert } from '@passerelle/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/backup/tables';
import { openStore, type Store } from '../src/db/store';
import { runReminders } from '../src/reminders/run';
import { ids } from './fixtures';
import { expectProblem, type JsonObject, startTestApi, storeKinds, type TestApi } from './helpers';

type Reminder = JsonObject & { id: string; kind: string; status: string; attempts: number };
type Page = { data: Reminder[]; next_cursor: string | null };
type Run = { date: string; ran: boolean; created: number; existing: number };

const eventAt = (start: string, end: string) => ({
  kind: 'themed_salon',
  title: { en: 'Sino-French salon', zh: '中法沙龙', fr: 'Salon franco-chinois' },
  sessions: [{ start, end, timeZone: 'Asia/Shanghai', place: 'Building A' }],
  organiser: 'International Affairs Office',
});

describe.each(storeKinds)('reminders (%s)', (kind) => {
  let api: TestApi;
  const service = () => api.tokens.service;
  const staff = () => api.tokens.staff;

  async function bind(subject: Record<string, string>, channel: string, userId: string) {
    const code = await api.json<JsonObject>('/v1/bindings/codes', {
      token: staff(),
      body: subject,
    });
    expect(code.status).toBe(201);
    const bound = await api.json('/v1/bindings', {
      token: service(),
      body: { channel, userId, code: code.body.code },
    });
    expect(bound.status).toBe(201);
  }

  async function registerForEvent(start: string, end: string, studentId: string): Promise<string> {
    const event = await api.json<JsonObject>('/v1/events', {
      token: staff(),
      body: eventAt(start, end),
    });
    expect(event.status).toBe(201);
    const id = String(event.body.id);
    const registration = await api.json(`/v1/events/${id}/registrations`, {
      token: staff(),
      body: { participant: { kind: 'student', studentId } },
    });
    expect(registration.status).toBe(201);
    return id;
  }

  const run = async (date: string, token = service()) =>
    api.json<Run>('/v1/reminders/run', { token, body: { date } });
  const listAll = async (query = '') =>
    (await api.json<Page>(`/v1/reminders?limit=200${query}`, { token: staff() })).body.data;

  let tomorrowEvent = '';

  beforeAll(async () => {
    api = await startTestApi({ store: kind });
    await bind({ studentId: ids.student }, 'wechat', 'wx-student');
    await bind({ studentId: ids.other }, 'wechat', 'wx-other');
    await bind({ staffId: ids.staff }, 'slack', 'U0STAFF');
    // 21 November, 10:00 in Shanghai: tomorrow for a run on the 20th.
    tomorrowEvent = await registerForEvent(
      '2025-11-21T10:00:00+08:00',
      '2025-11-21T12:00:00+08:00',
      ids.student,
    );
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it('finds what the alerts find, and tomorrow’s events, once', async () => {
    // A student's reminder holds the alert itself; the alerts report also names the student.
    const alertsOf = async (token: string): Promise<DocumentAlert[]> =>
      (
        await api.json<{ documents: NamedDocumentAlert[] }>('/v1/alerts?date=2025-11-20', { token })
      ).body.documents.map(({ studentName: _, ...alert }) => alert);
    const expectedDocuments = [
      ...(await alertsOf(api.tokens.student.token)),
      ...(await alertsOf(api.tokens.otherStudent.token)),
    ];
    expect(expectedDocuments.length).toBeGreaterThan(0);

    const first = await run('2025-11-20');
    expect(first.status).toBe(200);
    // Documents of the two bound students, one event, one digest for the bound member of staff.
    expect(first.body).toEqual({
      date: '2025-11-20',
      ran: true,
      created: expectedDocuments.length + 2,
      existing: 0,
    });

    const found = await listAll();
    const documents = found.filter((reminder) => reminder.kind === 'document_expiring');
    expect(documents.map((reminder) => (reminder.content as JsonObject).alert).sort()).toEqual(
      expectedDocuments.sort(),
    );
    expect(documents.every((reminder) => reminder.channel === 'wechat')).toBe(true);
    const events = found.filter((reminder) => reminder.kind === 'event_tomorrow');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      recipient: { kind: 'student', id: ids.student },
      subject: tomorrowEvent,
      period: '2025-11-21',
      status: 'pending',
      content: { event: { eventId: tomorrowEvent, place: 'Building A' } },
    });
    const digests = found.filter((reminder) => reminder.kind === 'staff_digest');
    expect(digests).toHaveLength(1);
    expect(digests[0]).toMatchObject({
      recipient: { kind: 'staff', id: ids.staff },
      channel: 'slack',
      period: '2025-11-20',
      content: { documentCount: expectedDocuments.length },
    });
    // The admin has no Slack identity; the third student no WeChat one: nothing for them.
    expect(found.some((reminder) => (reminder.recipient as JsonObject).id === ids.admin)).toBe(
      false,
    );

    const second = await run('2025-11-20');
    expect(second.body).toEqual({
      date: '2025-11-20',
      ran: true,
      created: 0,
      existing: expectedDocuments.length + 2,
    });
    expect(await listAll()).toHaveLength(found.length);
  });

  it('creates each reminder once when two instances run at once', async () => {
    const other = await secondStore(api.store, kind);
    try {
      const date = '2025-11-24';
      const results = await Promise.all([
        runReminders(api.store.db, { date, timeZone: 'Asia/Shanghai', now: api.clock.now() }),
        runReminders(other.db, { date, timeZone: 'Asia/Shanghai', now: api.clock.now() }),
        runReminders(api.store.db, { date, timeZone: 'Asia/Shanghai', now: api.clock.now() }),
      ]);
      const created = results.reduce((sum, result) => sum + result.created, 0);
      const digests = (await listAll('&kind=staff_digest')).filter((r) => r.period === date);
      expect(digests).toHaveLength(1);
      expect(created).toBe(1);
      // Whoever did not get the lock did nothing; whoever came after found it done.
      for (const result of results) {
        if (!result.ran) expect(result).toMatchObject({ created: 0, existing: 0 });
      }
    } finally {
      if (other !== api.store) await other.close();
    }
  });

  it('never gives two claimers the same reminder', async () => {
    for (const date of ['2025-11-25', '2025-11-26', '2025-11-27', '2025-11-28', '2025-11-29']) {
      expect((await run(date)).body.created).toBe(1);
    }
    const pending = (await listAll('&kind=staff_digest&status=pending')).map((r) => r.id);
    expect(pending.length).toBeGreaterThanOrEqual(6);
    const claims = await Promise.all(
      Array.from({ length: 4 }, () =>
        api.json<{ data: Reminder[] }>('/v1/reminders/claim', {
          token: service(),
          body: { channel: 'slack', limit: 2 },
        }),
      ),
    );
    const claimed = claims.flatMap((claim) => claim.body.data.map((reminder) => reminder.id));
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.length).toBe(Math.min(8, pending.length));
    for (const reminder of claims.flatMap((claim) => claim.body.data)) {
      expect(reminder).toMatchObject({
        status: 'claimed',
        attempts: 1,
        channelUserId: 'U0STAFF',
        language: 'en',
      });
    }
  });

  it('delivers, retries, and gives a reminder again when its lease runs out', async () => {
    const claim = await api.json<{ data: Reminder[] }>('/v1/reminders/claim', {
      token: service(),
      body: { channel: 'wechat', limit: 10 },
    });
    expect(claim.status).toBe(200);
    const [first, second, third] = claim.body.data;
    if (first === undefined || second === undefined)
      throw new Error('two WeChat reminders expected');
    expect(claim.body.data.map((reminder) => reminder.channelUserId).sort()).toEqual(
      claim.body.data
        .map((r) => ((r.recipient as JsonObject).id === ids.student ? 'wx-student' : 'wx-other'))
        .sort(),
    );

    const done = await api.json<Reminder>(`/v1/reminders/${first.id}/delivered`, {
      token: service(),
      method: 'POST',
    });
    expect(done.body).toMatchObject({ status: 'delivered' });
    expect(typeof done.body.deliveredAt).toBe('string');
    // Said twice: the same answer.
    const again = await api.fetch(`/v1/reminders/${first.id}/delivered`, {
      token: service(),
      method: 'POST',
    });
    expect(again.status).toBe(200);
    await expectProblem(
      await api.fetch(`/v1/reminders/${first.id}/failed`, {
        token: service(),
        body: { error: 'too late' },
      }),
      409,
      'conflict',
    );

    const retried = await api.json<Reminder>(`/v1/reminders/${second.id}/failed`, {
      token: service(),
      body: { error: 'contact busy' },
    });
    expect(retried.body).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'contact busy',
    });
    if (third !== undefined) {
      const gone = await api.json<Reminder>(`/v1/reminders/${third.id}/failed`, {
        token: service(),
        body: { error: 'no such contact', retry: false },
      });
      expect(gone.body.status).toBe('failed');
    }

    // Claimed again, then not acknowledged: after the lease it is someone else's to send.
    const retake = await api.json<{ data: Reminder[] }>('/v1/reminders/claim', {
      token: service(),
      body: { channel: 'wechat', limit: 10 },
    });
    expect(retake.body.data.map((reminder) => reminder.id)).toEqual([second.id]);
    const held = await api.json<{ data: Reminder[] }>('/v1/reminders/claim', {
      token: service(),
      body: { channel: 'wechat', limit: 10 },
    });
    expect(held.body.data).toEqual([]);
    api.clock.advance((api.config.REMINDER_LEASE_SECONDS + 1) * 1000);
    const expired = await api.json<{ data: Reminder[] }>('/v1/reminders/claim', {
      token: service(),
      body: { channel: 'wechat', limit: 10 },
    });
    expect(expired.body.data).toHaveLength(1);
    expect(expired.body.data[0]).toMatchObject({ id: second.id, attempts: 3 });

    await expectProblem(
      await api.fetch('/v1/reminders/rem_01KAHV8W1ZQ3M4T5R6S7V8W9XY/delivered', {
        token: service(),
        method: 'POST',
      }),
      404,
      'not-found',
    );
  });

  it('stops for a student who turns reminders off', async () => {
    const asStudent = { 'passerelle-act-as': `student:${ids.student}` };
    const before = await api.json('/v1/me/reminders', { token: service(), headers: asStudent });
    expect(before.body).toEqual({ enabled: true });
    await registerForEvent('2025-12-02T10:00:00+08:00', '2025-12-02T12:00:00+08:00', ids.student);
    await registerForEvent('2025-12-04T10:00:00+08:00', '2025-12-04T12:00:00+08:00', ids.student);
    expect((await run('2025-12-01')).body.created).toBeGreaterThanOrEqual(1);
    const pendingBefore = await listAll(`&recipient=student:${ids.student}&status=pending`);
    expect(pendingBefore.length).toBeGreaterThan(0);

    const off = await api.json('/v1/me/reminders', {
      method: 'PUT',
      token: service(),
      headers: asStudent,
      body: { enabled: false },
    });
    expect(off).toMatchObject({ status: 200, body: { enabled: false } });
    expect(await listAll(`&recipient=student:${ids.student}&status=pending`)).toEqual([]);

    await run('2025-12-03');
    const mine = await listAll(`&recipient=student:${ids.student}`);
    expect(mine.some((reminder) => reminder.period === '2025-12-04')).toBe(false);
    // The student's own token sees the same preference.
    const own = await api.json('/v1/me/reminders', { token: api.tokens.student.token });
    expect(own.body).toEqual({ enabled: false });
    await api.json('/v1/me/reminders', {
      method: 'PUT',
      token: api.tokens.student.token,
      body: { enabled: true },
    });
  });

  it('lets each role do only its part', async () => {
    await expectProblem(
      await api.fetch('/v1/reminders/run', { token: api.tokens.student.token, body: {} }),
      404,
      'not-found',
    );
    await expectProblem(
      await api.fetch('/v1/reminders/run', { token: staff(), body: {} }),
      403,
      'forbidden',
    );
    await expectProblem(
      await api.fetch('/v1/reminders/claim', {
        token: api.tokens.admin,
        body: { channel: 'slack' },
      }),
      403,
      'forbidden',
    );
    await expectProblem(await api.fetch('/v1/reminders', { token: service() }), 403, 'forbidden');
    await expectProblem(
      await api.fetch('/v1/me/reminders', { token: service() }),
      403,
      'forbidden',
    );
    await expectProblem(
      await api.fetch('/v1/reminders/claim', { token: service(), body: { channel: 'fax' } }),
      400,
      'validation',
    );
    await expectProblem(
      await api.fetch('/v1/reminders/run', {
        token: api.tokens.admin,
        body: { date: '2025-02-30' },
      }),
      400,
      'validation',
    );
    const byAdmin = await api.json<Run>('/v1/reminders/run', {
      token: api.tokens.admin,
      method: 'POST',
    });
    expect(byAdmin.status).toBe(200);
  });

  it('skips an event reminder still waiting on the event’s day instead of sending it late', async () => {
    const eventId = await registerForEvent(
      '2025-12-11T10:00:00+08:00',
      '2025-12-11T12:00:00+08:00',
      ids.other,
    );
    expect((await run('2025-12-10')).body.created).toBeGreaterThanOrEqual(1);
    const waiting = (await listAll('&status=pending')).filter(
      (reminder) => reminder.kind === 'event_tomorrow' && reminder.subject === eventId,
    );
    expect(waiting).toHaveLength(1);

    // Nobody claimed it on the 10th; on the 11th in Shanghai it would say "tomorrow" for today.
    api.clock.set('2025-12-11T01:00:00.000Z');
    const claim = await api.json<{ data: Reminder[] }>('/v1/reminders/claim', {
      token: service(),
      body: { channel: 'wechat', limit: 100 },
    });
    expect(claim.status).toBe(200);
    expect(claim.body.data.some((reminder) => reminder.subject === eventId)).toBe(false);
    const [after] = (await listAll('&status=skipped')).filter(
      (reminder) => reminder.subject === eventId,
    );
    expect(after).toMatchObject({ status: 'skipped', lastError: 'out of date before delivery' });
  });
});

/** A second handle on the same database: another pool on PostgreSQL; PGlite has one. */
async function secondStore(store: Store, kind: string): Promise<Store> {
  if (kind !== 'postgres') return store;
  const base = process.env.TEST_DATABASE_URL;
  if (base === undefined) throw new Error('TEST_DATABASE_URL is not set');
  const [row] = await rowsOf<{ name: string }>(store.db, sql`select current_database() as name`);
  if (row === undefined) throw new Error('no current database');
  const { name } = row;
  const url = new URL(base);
  url.pathname = `/${name}`;
  return openStore({ databaseUrl: url.toString(), dataDir: '/nonexistent' });
}

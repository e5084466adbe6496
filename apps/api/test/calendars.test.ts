/**
 * Calendar feeds over HTTP, read back with an independent iCalendar parser (ical.js, which
 * knows no time-zone database of its own: it places times only through the VTIMEZONE blocks
 * the feed carries). Times in their zones, folding at 75 octets, TEXT escaping, the
 * subscriber's language, feed tokens without a bearer header, revocation, and who sees what.
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids } from './fixtures';
import { expectProblem, type JsonObject, startTestApi, storeKinds, type TestApi } from './helpers';

interface ParsedEvent {
  uid: string;
  summary: string;
  description: string;
  location: string | null;
  status: string | null;
  start: ICAL.Time;
  startUtc: string;
  endUtc: string;
}

/** Parses a feed with ical.js, registering its VTIMEZONEs, and lists its VEVENTs. */
function parseFeed(text: string): { calendar: ICAL.Component; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(zone);
  }
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    const text = (name: string) => {
      const value = component.getFirstPropertyValue(name);
      return typeof value === 'string' ? value : null;
    };
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description ?? '',
      location: text('location'),
      status: text('status'),
      start: event.startDate,
      startUtc: event.startDate.toJSDate().toISOString(),
      endUtc: event.endDate.toJSDate().toISOString(),
    };
  });
  return { calendar, events };
}

const TRICKY = 'Salon: Paris, Lyon; a\\b';
const LONG_TITLE =
  'Sino-French cultural salon on engineering education, with a long title that must be folded 中法工程教育文化沙龙';

describe.each(storeKinds)('calendar feeds on %s', (store) => {
  let api: TestApi;
  let delegationId = '';
  let parisItemId = '';
  let salonId = '';
  let staffOnlyId = '';
  let cancelledId = '';
  let seminarId = '';

  const staff = () => api.tokens.staff;
  const student = () => api.tokens.student.token;

  async function ics(
    path: string,
    token?: string,
  ): Promise<{ status: number; text: string; type: string }> {
    const response = await api.fetch(path, token === undefined ? {} : { token });
    return {
      status: response.status,
      text: await response.text(),
      type: response.headers.get('content-type') ?? '',
    };
  }

  async function createEvent(body: JsonObject): Promise<string> {
    const created = await api.json<JsonObject>('/v1/events', { token: staff(), body });
    expect(created.status).toBe(201);
    return created.body.id as string;
  }

  beforeAll(async () => {
    api = await startTestApi({ store });
    const delegation = await api.json<JsonObject>('/v1/delegations', {
      token: staff(),
      body: {
        direction: 'outbound',
        title: { en: 'Delegation to France', zh: '赴法国代表团', fr: 'Délégation en France' },
        startDate: '2025-12-08',
        endDate: '2025-12-12',
        countries: ['FR'],
        leader: { name: 'Laurent Mercier', role: 'Dean' },
        members: [{ name: 'Zhou Lan' }],
        objectives: ['Renew the exchange agreement'],
      },
    });
    expect(delegation.status).toBe(201);
    delegationId = delegation.body.id as string;
    const item = await api.json<JsonObject>(`/v1/delegations/${delegationId}/itinerary`, {
      token: staff(),
      body: {
        kind: 'meeting',
        start: '2025-12-09T09:30:00+01:00',
        end: '2025-12-09T11:00:00+01:00',
        timeZone: 'Europe/Paris',
        institutionId: ids.polytechnique,
        agenda: { en: 'Dual degree; selection, schedule', zh: '双学位：选拔与日程' },
      },
    });
    expect(item.status).toBe(201);
    parisItemId = ((item.body.itinerary as JsonObject[]).at(-1)?.id as string) ?? '';

    salonId = await createEvent({
      kind: 'themed_salon',
      title: { en: TRICKY, zh: '中法沙龙', fr: 'Salon franco-chinois' },
      description: { en: 'First line\nSecond line, with a comma; and a semicolon' },
      sessions: [
        {
          start: '2025-12-10T09:30:00+01:00',
          end: '2025-12-10T11:00:00+01:00',
          timeZone: 'Europe/Paris',
          place: 'Maison de la Chine, Paris',
        },
        {
          start: '2026-06-10T09:30:00+02:00',
          end: '2026-06-10T11:00:00+02:00',
          timeZone: 'Europe/Paris',
        },
        {
          start: '2026-06-11T14:00:00+08:00',
          end: '2026-06-11T16:00:00+08:00',
          timeZone: 'Asia/Shanghai',
          onlineUrl: 'https://meet.example.org/salon',
        },
      ],
      audience: ['all_students'],
      organiser: 'International Affairs Office',
    });
    staffOnlyId = await createEvent({
      kind: 'info_session',
      title: { en: 'Staff briefing' },
      sessions: [
        {
          start: '2025-12-11T10:00:00+08:00',
          end: '2025-12-11T11:00:00+08:00',
          timeZone: 'Asia/Shanghai',
        },
      ],
      audience: ['staff'],
      organiser: 'International Affairs Office',
    });
    cancelledId = await createEvent({
      kind: 'sports',
      title: { en: 'Football match' },
      sessions: [
        {
          start: '2025-12-12T15:00:00+08:00',
          end: '2025-12-12T17:00:00+08:00',
          timeZone: 'Asia/Shanghai',
        },
      ],
      organiser: 'Sports office',
      cancelled: true,
    });
    seminarId = await createEvent({
      kind: 'academic_seminar',
      title: { en: LONG_TITLE },
      sessions: [
        {
          start: '2025-12-15T14:00:00+08:00',
          end: '2025-12-15T16:00:00+08:00',
          timeZone: 'Asia/Shanghai',
        },
      ],
      organiser: 'SPEIT',
    });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('puts a Paris itinerary item at 09:30 Europe/Paris, 08:30Z in winter, with a VTIMEZONE', async () => {
    const feed = await ics(`/v1/calendars/delegations/${delegationId}.ics`, staff());
    expect(feed.status).toBe(200);
    expect(feed.type).toBe('text/calendar; charset=utf-8');
    expect(feed.text).toContain('DTSTART;TZID=Europe/Paris:20251209T093000');
    expect(feed.text).toMatch(/BEGIN:VTIMEZONE\r\nTZID:Europe\/Paris\r\n/);
    const { events } = parseFeed(feed.text);
    const item = events.find((event) => event.uid === `${parisItemId}@passerelle`);
    expect(item?.start.zone?.tzid).toBe('Europe/Paris');
    expect(item?.startUtc).toBe('2025-12-09T08:30:00.000Z');
    expect(item?.endUtc).toBe('2025-12-09T10:00:00.000Z');
    expect(item?.summary).toBe('Meeting: École Polytechnique');
    expect(item?.location).toBe('École Polytechnique, Palaiseau');
    expect(item?.description).toContain('Dual degree; selection, schedule');
    // The visit itself, over its days (DTEND is the day after the last one).
    const visit = events.find((event) => event.uid === `${delegationId}@passerelle`);
    expect(visit?.start.isDate).toBe(true);
    expect(visit?.start.toString()).toBe('2025-12-08');
    expect(visit?.status).toBe('TENTATIVE');
  });

  it('speaks the language asked for', async () => {
    const zh = parseFeed(
      (await ics(`/v1/calendars/delegations/${delegationId}.ics?lang=zh`, staff())).text,
    );
    const item = zh.events.find((event) => event.uid === `${parisItemId}@passerelle`);
    expect(item?.summary).toBe('会谈：巴黎综合理工学院');
    expect(item?.description).toContain('双学位：选拔与日程');
    const fr = parseFeed((await ics(`/v1/calendars/events.ics?lang=fr`, staff())).text);
    expect(fr.events.map((event) => event.summary)).toContain('Salon franco-chinois (1/3)');
    const bad = await api.fetch('/v1/calendars/events.ics?lang=de', { token: staff() });
    await expectProblem(bad, 400, 'validation');
  });

  it('writes every session in its own zone: 09:30 Paris is 07:30Z in summer, Shanghai has no DST', async () => {
    const feed = await ics('/v1/calendars/events.ics', staff());
    expect(feed.status).toBe(200);
    const { events } = parseFeed(feed.text);
    const sessions = events.filter((event) => event.summary.startsWith(TRICKY));
    expect(sessions.map((event) => event.startUtc)).toEqual([
      '2025-12-10T08:30:00.000Z',
      '2026-06-10T07:30:00.000Z',
      '2026-06-11T06:00:00.000Z',
    ]);
    expect(sessions.map((event) => event.start.zone?.tzid)).toEqual([
      'Europe/Paris',
      'Europe/Paris',
      'Asia/Shanghai',
    ]);
    expect(feed.text).toContain('DTSTART;TZID=Europe/Paris:20260610T093000');
    // One VTIMEZONE per zone used.
    expect(feed.text.match(/BEGIN:VTIMEZONE/g)).toHaveLength(2);
    expect(sessions[2]?.location).toBe('Online');
  });

  it('folds lines at 75 octets with CRLF, and escapes commas, semicolons, backslashes and newlines', async () => {
    const feed = await ics('/v1/calendars/events.ics', staff());
    expect(feed.text.endsWith('\r\n')).toBe(true);
    expect(feed.text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const lines = feed.text.split('\r\n');
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    expect(feed.text).toContain('SUMMARY:Salon: Paris\\, Lyon\\; a\\\\b (1/3)');
    const { events } = parseFeed(feed.text);
    const seminar = events.find((event) => event.summary === LONG_TITLE);
    expect(seminar).toBeDefined();
    const salon = events.find((event) => event.summary === `${TRICKY} (1/3)`);
    expect(salon?.description).toContain('First line\nSecond line, with a comma; and a semicolon');
    expect(salon?.location).toBe('Maison de la Chine, Paris');
  });

  it('shows staff every event (the cancelled one as CANCELLED), a student only those open to them', async () => {
    const forStaff = parseFeed((await ics('/v1/calendars/events.ics', staff())).text).events;
    const cancelled = forStaff.find((event) => event.summary.endsWith('Football match'));
    expect(cancelled?.status).toBe('CANCELLED');
    expect(forStaff.some((event) => event.summary === 'Staff briefing')).toBe(true);

    const forStudent = parseFeed((await ics('/v1/calendars/events.ics', student())).text).events;
    const summaries = forStudent.map((event) => event.summary);
    expect(summaries).toContain(`${TRICKY} (1/3)`);
    expect(summaries).not.toContain('Staff briefing');
    expect(summaries.some((summary) => summary.includes('Football'))).toBe(false);

    // Delegations are for staff: a student gets 404, the bot 403, nobody without a token.
    await expectProblem(
      await api.fetch(`/v1/calendars/delegations/${delegationId}.ics`, { token: student() }),
      404,
      'not-found',
    );
    await expectProblem(
      await api.fetch(`/v1/calendars/delegations/${delegationId}.ics`, {
        token: api.tokens.service,
      }),
      403,
      'forbidden',
    );
    await expectProblem(await api.fetch('/v1/calendars/events.ics'), 401, 'unauthenticated');
    await expectProblem(
      await api.fetch('/v1/calendars/delegations/del_nothere0000000.ics', { token: staff() }),
      404,
      'not-found',
    );
  });

  it('serves a feed URL without a bearer header with the owner’s rights, and 404 once revoked', async () => {
    const created = await api.json<JsonObject>('/v1/calendars/feeds', {
      token: student(),
      body: { name: 'My phone', language: 'zh' },
    });
    expect(created.status).toBe(201);
    const url = created.body.url as string;
    expect(url).toMatch(/\/v1\/calendars\/feeds\/pcal_[\w-]{43}\/events\.ics\?lang=zh$/);
    expect(created.body.webcalUrl).toBe(url.replace('http:', 'webcal:'));
    expect(created.body.delegationUrlTemplate).toBeNull();
    expect(created.body.owner).toBe(`student:${ids.student}`);
    const path = url.slice(api.url.length);

    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    const { events } = parseFeed(await feed.text());
    const summaries = events.map((event) => event.summary);
    expect(summaries).toContain('中法沙龙 (1/3)');
    expect(summaries).not.toContain('Staff briefing');
    // ?lang= overrides the feed's language.
    const english = parseFeed(
      await (await fetch(`${api.url}${path.replace('lang=zh', 'lang=en')}`)).text(),
    );
    expect(english.events.map((event) => event.summary)).toContain(`${TRICKY} (1/3)`);

    const mine = await api.json<{ data: JsonObject[] }>('/v1/calendars/feeds', {
      token: student(),
    });
    expect(mine.body.data).toHaveLength(1);
    expect(mine.body.data[0]).toMatchObject({
      id: created.body.id,
      name: 'My phone',
      revokedAt: null,
    });
    expect(JSON.stringify(mine.body)).not.toContain('pcal_');
    const others = await api.json<{ data: JsonObject[] }>('/v1/calendars/feeds', {
      token: api.tokens.otherStudent.token,
    });
    expect(others.body.data).toHaveLength(0);
    // Another student cannot revoke it (as if it did not exist).
    await expectProblem(
      await api.fetch(`/v1/calendars/feeds/${created.body.id}`, {
        method: 'DELETE',
        token: api.tokens.otherStudent.token,
      }),
      404,
      'not-found',
    );

    const revoked = await api.fetch(`/v1/calendars/feeds/${created.body.id}`, {
      method: 'DELETE',
      token: student(),
    });
    expect(revoked.status).toBe(204);
    await expectProblem(await fetch(url), 404, 'not-found');
    const after = await api.json<{ data: JsonObject[] }>('/v1/calendars/feeds', {
      token: student(),
    });
    expect(after.body.data[0]?.revokedAt).not.toBeNull();

    // A made-up token is 404 too, and the feed token never reaches the logs.
    await expectProblem(
      await api.fetch(`/v1/calendars/feeds/pcal_${'x'.repeat(43)}/events.ics`),
      404,
      'not-found',
    );
    const token = /pcal_[\w-]{43}/.exec(url)?.[0] ?? 'missing';
    expect(api.logs.join('\n')).not.toContain(token);
    expect(api.logs.join('\n')).toContain('pcal_[redacted]');

    const audit = await api.json<{ data: JsonObject[] }>('/v1/audit?limit=50', {
      token: api.tokens.admin,
    });
    const actions = audit.body.data.map((entry) => entry.action);
    expect(actions).toEqual(
      expect.arrayContaining(['calendar_feed.create', 'calendar_feed.revoke']),
    );
  });

  it("keeps a registered-only feed to the owner's registrations, marked as theirs", async () => {
    const registered = await api.fetch(`/v1/events/${seminarId}/registrations`, {
      method: 'POST',
      token: student(),
    });
    expect(registered.status).toBe(201);
    const created = await api.json<JsonObject>('/v1/calendars/feeds', {
      token: student(),
      body: { registeredOnly: true },
    });
    expect(created.status).toBe(201);
    const { events } = parseFeed(await (await fetch(created.body.url as string)).text());
    expect(events.map((event) => event.summary)).toEqual([LONG_TITLE]);
    expect(events[0]?.description).toContain('Your registration: registered');
    expect(events[0]?.status).toBe('CONFIRMED');
  });

  it('gives staff feeds the delegation itinerary; a student feed finds no delegation; the bot makes none', async () => {
    const created = await api.json<JsonObject>('/v1/calendars/feeds', {
      method: 'POST',
      token: staff(),
    });
    expect(created.status).toBe(201);
    expect(created.body.owner).toBe(`staff:${ids.staff}`);
    const template = created.body.delegationUrlTemplate as string;
    const feed = await fetch(template.replace('{id}', delegationId));
    expect(feed.status).toBe(200);
    const { events } = parseFeed(await feed.text());
    expect(events.find((event) => event.uid === `${parisItemId}@passerelle`)?.startUtc).toBe(
      '2025-12-09T08:30:00.000Z',
    );
    const staffEvents = parseFeed(await (await fetch(created.body.url as string)).text()).events;
    expect(staffEvents.some((event) => event.summary === 'Staff briefing')).toBe(true);
    expect(staffEvents.some((event) => event.uid.startsWith('ses_'))).toBe(true);
    expect(cancelledId).not.toBe(staffOnlyId);

    const studentFeed = await api.json<JsonObject>('/v1/calendars/feeds', {
      method: 'POST',
      token: student(),
    });
    const studentTemplate = (studentFeed.body.url as string).replace(
      /events\.ics.*$/,
      `delegations/${delegationId}.ics`,
    );
    await expectProblem(await fetch(studentTemplate), 404, 'not-found');

    await expectProblem(
      await api.fetch('/v1/calendars/feeds', { method: 'POST', token: api.tokens.service }),
      403,
      'forbidden',
    );
    expect(salonId).toMatch(/^evt_/);
  });

  it('describes every calendar and spreadsheet route in the OpenAPI document', async () => {
    const { body } = await api.json<JsonObject>('/openapi.json');
    const paths = body.paths as JsonObject;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/v1/calendars/events.ics',
        '/v1/calendars/delegations/{id}.ics',
        '/v1/calendars/feeds',
        '/v1/calendars/feeds/{id}',
        '/v1/calendars/feeds/{feedToken}/events.ics',
        '/v1/calendars/feeds/{feedToken}/delegations/{id}.ics',
        '/v1/exports/students.csv',
        '/v1/exports/registrations.xlsx',
        '/v1/imports/{resource}',
      ]),
    );
    const feed = (paths['/v1/calendars/feeds/{feedToken}/events.ics'] as JsonObject)
      .get as JsonObject;
    expect(feed.security).toEqual([]);
    const events = (paths['/v1/calendars/events.ics'] as JsonObject).get as JsonObject;
    expect(Object.keys((events.responses as JsonObject)['200'] as JsonObject)).toContain('content');
  });
});

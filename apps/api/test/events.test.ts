/**
 * /v1/events over HTTP: create (session ids, rule 8 for online workshops), change, delete,
 * list filters and order, the registration summary, and what each role sees.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids } from './fixtures';
import { expectProblem, type JsonObject, startTestApi, storeKinds, type TestApi } from './helpers';

type Page = { data: JsonObject[]; next_cursor: string | null };

const session = (start: string, end: string) => ({ start, end, timeZone: 'Asia/Shanghai' });

const eventBody = (overrides: Record<string, unknown> = {}) => ({
  kind: 'themed_salon',
  title: { en: 'Sino-French salon', zh: '中法沙龙', fr: 'Salon franco-chinois' },
  sessions: [session('2025-12-10T14:00:00+08:00', '2025-12-10T16:00:00+08:00')],
  organiser: 'International Affairs Office',
  ...overrides,
});

/** A workshop with Tohoku (Asia/Tokyo): Wednesday 10 December, 10:00–12:30 in Shanghai. */
const workshopBody = (overrides: Record<string, unknown> = {}) =>
  eventBody({
    kind: 'online_workshop',
    title: { en: 'Online workshop: asset management' },
    audience: ['staff'],
    partnerInstitutionIds: [ids.tongji],
    sessions: [session('2025-12-10T10:00:00+08:00', '2025-12-10T12:30:00+08:00')],
    workshop: {
      topic: { en: 'Asset management', zh: '资产管理' },
      department: 'Asset Management Office',
      partnerTimeZone: 'Asia/Tokyo',
      format: 'one_off',
      panels: [
        {
          title: { en: 'Inventories' },
          start: '2025-12-10T10:10:00+08:00',
          end: '2025-12-10T10:45:00+08:00',
        },
      ],
    },
    ...overrides,
  });

describe.each(storeKinds)('events on %s', (store) => {
  let api: TestApi;
  const staff = () => api.tokens.staff;
  const created: Record<string, string> = {};

  async function create(name: string, body: Record<string, unknown>): Promise<JsonObject> {
    const response = await api.json<JsonObject>('/v1/events', { token: staff(), body });
    expect(response.status).toBe(201);
    created[name] = response.body.id as string;
    api.clock.advance(1000);
    return response.body;
  }

  async function listIds(query: string, token = api.tokens.staff): Promise<string[]> {
    const page = await api.json<Page>(`/v1/events?limit=200&${query}`, { token });
    expect(page.status).toBe(200);
    return page.body.data.map((event) => event.id as string);
  }

  const idsOf = (...names: string[]) => names.map((name) => created[name]);

  beforeAll(async () => {
    api = await startTestApi({ store });
    await create('salon', eventBody({ capacity: 30, audience: ['all_students'] }));
    await create(
      'exchangeDinner',
      eventBody({
        kind: 'cultural',
        title: { en: 'Exchange students dinner', fr: 'Dîner des étudiants en échange' },
        audience: ['exchange'],
        sessions: [session('2025-12-02T18:00:00+08:00', '2025-12-02T20:00:00+08:00')],
      }),
    );
    await create(
      'concert',
      eventBody({
        kind: 'performance',
        title: { en: 'New Year concert', zh: '新年音乐会' },
        audience: ['public'],
        sessions: [session('2025-12-31T19:00:00+08:00', '2025-12-31T21:00:00+08:00')],
      }),
    );
    await create(
      'cancelledTalk',
      eventBody({
        kind: 'academic_seminar',
        title: { en: 'Seminar on fluid dynamics' },
        audience: ['all_students'],
        cancelled: true,
        sessions: [session('2025-12-05T10:00:00+08:00', '2025-12-05T12:00:00+08:00')],
      }),
    );
    // Two sessions, a month apart.
    await create(
      'summerSchool',
      eventBody({
        kind: 'summer_school',
        title: { en: 'Winter school in Shanghai' },
        audience: ['summer_school', 'short_term'],
        sessions: [
          session('2026-01-12T09:00:00+08:00', '2026-01-12T17:00:00+08:00'),
          session('2026-02-09T09:00:00+08:00', '2026-02-09T17:00:00+08:00'),
        ],
      }),
    );
    await create('workshop', workshopBody());
  });
  afterAll(async () => {
    await api?.close();
  });

  it('creates an event: ids for it and its sessions, the academic year, ETag and Location', async () => {
    const salon = await api.json<JsonObject>(`/v1/events/${created.salon}`, { token: staff() });
    expect(salon.status).toBe(200);
    expect(salon.headers.get('etag')).toBe('"1"');
    expect(salon.body).toMatchObject({
      kind: 'themed_salon',
      capacity: 30,
      audience: ['all_students'],
      academicYear: '2025-2026',
      cancelled: false,
      version: 1,
    });
    const sessions = salon.body.sessions as JsonObject[];
    expect(sessions[0]?.id).toMatch(/^ses_/);
    expect(salon.body.registration).toEqual({
      capacity: 30,
      registered: 0,
      waitlisted: 0,
      seatsLeft: 30,
      mine: null,
    });

    const response = await api.fetch('/v1/events', {
      token: staff(),
      body: eventBody({ academicYear: '2024-2025' }),
    });
    expect(response.headers.get('location')).toMatch(/^\/v1\/events\/evt_/);
    const again = (await response.json()) as JsonObject;
    expect(again.academicYear).toBe('2024-2025');
    created.salonAgain = again.id as string;
  });

  it('refuses an invalid event with the failing fields', async () => {
    const backwards = await expectProblem(
      await api.fetch('/v1/events', {
        token: staff(),
        body: eventBody({
          sessions: [session('2025-12-10T16:00:00+08:00', '2025-12-10T14:00:00+08:00')],
        }),
      }),
      400,
      'validation',
    );
    expect((backwards.errors as JsonObject[]).map((error) => error.path)).toContain(
      'body.sessions.0.end',
    );
    const window = await expectProblem(
      await api.fetch('/v1/events', {
        token: staff(),
        body: eventBody({
          registrationOpensAt: '2025-12-01T00:00:00Z',
          registrationClosesAt: '2025-11-01T00:00:00Z',
        }),
      }),
      400,
      'validation',
    );
    expect((window.errors as JsonObject[])[0]?.path).toBe('body.registrationClosesAt');
    const noDetails = await expectProblem(
      await api.fetch('/v1/events', {
        token: staff(),
        body: workshopBody({ workshop: undefined }),
      }),
      400,
      'validation',
    );
    expect((noDetails.errors as JsonObject[])[0]?.path).toBe('body.workshop');
  });

  it('checks an online workshop against rule 8 and reports every violation', async () => {
    const workshop = await api.json<JsonObject>(`/v1/events/${created.workshop}`, {
      token: staff(),
    });
    expect(workshop.body.workshop).toMatchObject({ partnerTimeZone: 'Asia/Tokyo' });

    // Saturday, two hours, a 20-minute panel, and 08:00 in Paris.
    const body = workshopBody({
      sessions: [session('2025-12-13T15:00:00+08:00', '2025-12-13T17:00:00+08:00')],
      workshop: {
        topic: { en: 'Mental health' },
        department: 'Student Affairs',
        partnerTimeZone: 'Europe/Paris',
        format: 'one_off',
        panels: [
          {
            title: { en: 'Short panel' },
            start: '2025-12-13T15:00:00+08:00',
            end: '2025-12-13T15:20:00+08:00',
          },
        ],
      },
    });
    const problem = await expectProblem(
      await api.fetch('/v1/events', { token: staff(), body }),
      422,
      'rule-violation',
    );
    expect(problem.rule).toBe('workshop.duration_out_of_range');
    const violations = (problem.data as JsonObject).violations as JsonObject[];
    expect(violations.map((violation) => violation.rule).sort()).toEqual([
      'workshop.duration_out_of_range',
      'workshop.outside_working_hours',
      'workshop.outside_working_hours',
      'workshop.panel_duration_out_of_range',
    ]);
    const zones = violations
      .filter((violation) => violation.rule === 'workshop.outside_working_hours')
      .map((violation) => (violation.data as JsonObject).timeZone);
    expect(zones.sort()).toEqual(['Asia/Shanghai', 'Europe/Paris']);
    for (const violation of violations) {
      expect(Object.keys(violation.message as JsonObject).sort()).toEqual(['en', 'fr', 'zh']);
    }
    // Nothing was created.
    expect(await listIds('q=mental')).toEqual([]);

    // A change that breaks the rule is refused too, and leaves the workshop as it was.
    const longer = await expectProblem(
      await api.fetch(`/v1/events/${created.workshop}`, {
        method: 'PATCH',
        token: staff(),
        body: {
          sessions: [session('2025-12-10T10:00:00+08:00', '2025-12-10T14:00:00+08:00')],
        },
      }),
      422,
      'rule-violation',
    );
    expect(longer.rule).toBe('workshop.duration_out_of_range');
    const unchanged = await api.json<JsonObject>(`/v1/events/${created.workshop}`, {
      token: staff(),
    });
    expect(unchanged.body.version).toBe(1);
  });

  it('changes an event with If-Match; sessions keep their ids when sent back', async () => {
    const before = await api.json<JsonObject>(`/v1/events/${created.summerSchool}`, {
      token: staff(),
    });
    const [first, second] = before.body.sessions as JsonObject[];
    const changed = await api.json<JsonObject>(`/v1/events/${created.summerSchool}`, {
      method: 'PATCH',
      token: staff(),
      headers: { 'if-match': '"1"' },
      body: {
        capacity: 40,
        sessions: [
          { ...first, place: 'Main hall' },
          session('2026-03-09T09:00:00+08:00', '2026-03-09T17:00:00+08:00'),
        ],
      },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toBe('"2"');
    const sessions = changed.body.sessions as JsonObject[];
    expect(sessions[0]).toMatchObject({ id: first?.id, place: 'Main hall' });
    expect(sessions[1]?.id).toMatch(/^ses_/);
    expect(sessions[1]?.id).not.toBe(second?.id);
    expect(changed.body).toMatchObject({ capacity: 40, version: 2, academicYear: '2025-2026' });

    await expectProblem(
      await api.fetch(`/v1/events/${created.summerSchool}`, {
        method: 'PATCH',
        token: staff(),
        headers: { 'if-match': '"1"' },
        body: { capacity: 50 },
      }),
      412,
      'precondition-failed',
    );
    await expectProblem(
      await api.fetch(`/v1/events/${created.summerSchool}`, {
        method: 'PATCH',
        token: staff(),
        body: { id: 'evt_other000000000' },
      }),
      400,
      'validation',
    );
    await expectProblem(
      await api.fetch(`/v1/events/${created.summerSchool}`, {
        method: 'PATCH',
        token: staff(),
        body: {
          registrationClosesAt: '2000-01-01T00:00:00Z',
          registrationOpensAt: '2001-01-01T00:00:00Z',
        },
      }),
      400,
      'validation',
    );
    await expectProblem(
      await api.fetch('/v1/events/evt_unknown000000', {
        method: 'PATCH',
        token: staff(),
        body: { capacity: 5 },
      }),
      404,
      'not-found',
    );
  });

  it('filters by kind, audience, dates, academic year, partner and text, and sorts by start', async () => {
    // Staff see every event, cancelled ones too, in order of start.
    const everything = await listIds('');
    expect(everything.filter((id) => Object.values(created).includes(id))).toEqual(
      idsOf(
        'exchangeDinner',
        'cancelledTalk',
        'workshop',
        'salon',
        'salonAgain',
        'concert',
        'summerSchool',
      ),
    );
    const reversed = await listIds('sort=-start');
    expect(reversed.filter((id) => Object.values(created).includes(id))).toEqual(
      [...everything.filter((id) => Object.values(created).includes(id))].reverse(),
    );
    expect(await listIds('kind=performance')).toEqual(idsOf('concert'));
    // Open to exchange students: for exchange, for all students, or for everyone.
    expect(await listIds('audience=exchange')).toEqual(
      idsOf('exchangeDinner', 'cancelledTalk', 'salon', 'salonAgain', 'concert'),
    );
    expect(await listIds('audience=staff')).toEqual(idsOf('workshop', 'concert'));
    expect(await listIds('audience=public')).toEqual(idsOf('concert'));
    expect(await listIds('audience=all_students')).toEqual(
      idsOf('cancelledTalk', 'salon', 'salonAgain', 'concert'),
    );
    // Dates are whole days in Shanghai: 10 December runs from 16:00 UTC on the 9th.
    expect(await listIds('from=2025-12-10&to=2025-12-10')).toEqual(
      idsOf('workshop', 'salon', 'salonAgain'),
    );
    expect(await listIds('from=2025-12-31')).toEqual(idsOf('concert', 'summerSchool'));
    expect(await listIds('to=2025-12-02')).toEqual(idsOf('exchangeDinner'));
    // The winter school's second session is in March.
    expect(await listIds('from=2026-03-01&to=2026-03-31')).toEqual(idsOf('summerSchool'));
    expect(await listIds('from=2026-03-10')).toEqual([]);
    expect(await listIds('academic_year=2025-2026&kind=cultural')).toEqual(idsOf('exchangeDinner'));
    expect(await listIds(`partner_institution_id=${ids.tongji}`)).toEqual(idsOf('workshop'));
    expect(await listIds('q=%E9%9F%B3%E4%B9%90')).toEqual(idsOf('concert')); // 音乐
    expect(await listIds('q=diner%20des')).toEqual(idsOf('exchangeDinner'));
    expect(await listIds('q=asset')).toEqual(idsOf('workshop'));

    // Pages follow the order.
    const first = await api.json<Page>('/v1/events?limit=2', { token: staff() });
    const next = await api.json<Page>(
      `/v1/events?limit=2&cursor=${encodeURIComponent(first.body.next_cursor ?? '')}`,
      { token: staff() },
    );
    expect([...first.body.data, ...next.body.data].map((event) => event.id)).toEqual(
      everything.slice(0, 4),
    );

    const backwards = await expectProblem(
      await api.fetch('/v1/events?from=2025-12-10&to=2025-12-01', { token: staff() }),
      400,
      'validation',
    );
    expect((backwards.errors as JsonObject[])[0]?.path).toBe('query.to');
    const badKind = await expectProblem(
      await api.fetch('/v1/events?kind=party&audience=aliens', { token: staff() }),
      400,
      'validation',
    );
    expect((badKind.errors as JsonObject[]).map((error) => error.path).sort()).toEqual([
      'query.audience',
      'query.kind',
    ]);
  });

  it('shows a student only events open to them and not cancelled; the bot only public ones', async () => {
    // The fixture student is on an exchange programme.
    const student = api.tokens.student.token;
    const seen = await listIds('', student);
    expect(seen.filter((id) => Object.values(created).includes(id))).toEqual(
      idsOf('exchangeDinner', 'salon', 'salonAgain', 'concert'),
    );
    // Filters never widen what a student sees.
    expect(await listIds('audience=staff', student)).toEqual(idsOf('concert'));
    expect(await listIds('q=fluid', student)).toEqual([]);
    for (const hidden of idsOf('cancelledTalk', 'workshop', 'summerSchool')) {
      await expectProblem(
        await api.fetch(`/v1/events/${hidden}`, { token: student }),
        404,
        'not-found',
      );
    }
    const dinner = await api.json<JsonObject>(`/v1/events/${created.exchangeDinner}`, {
      token: student,
    });
    expect(dinner.status).toBe(200);

    // The other student is on a degree programme: no exchange dinner.
    const other = await listIds('', api.tokens.otherStudent.token);
    expect(other.filter((id) => Object.values(created).includes(id))).toEqual(
      idsOf('salon', 'salonAgain', 'concert'),
    );
    await expectProblem(
      await api.fetch(`/v1/events/${created.exchangeDinner}`, {
        token: api.tokens.otherStudent.token,
      }),
      404,
      'not-found',
    );

    const bot = await listIds('', api.tokens.service);
    expect(bot.filter((id) => Object.values(created).includes(id))).toEqual(idsOf('concert'));
    await expectProblem(
      await api.fetch(`/v1/events/${created.salon}`, { token: api.tokens.service }),
      404,
      'not-found',
    );
  });

  it('lets staff write and only admins delete; students get 404 and the bot 403', async () => {
    const writes = [
      { path: '/v1/events', method: 'POST', body: eventBody() },
      { path: `/v1/events/${created.concert}`, method: 'PATCH', body: { capacity: 3 } },
      { path: `/v1/events/${created.concert}`, method: 'DELETE' },
    ];
    for (const write of writes) {
      await expectProblem(
        await api.fetch(write.path, { ...write, token: api.tokens.student.token }),
        404,
        'not-found',
      );
      await expectProblem(
        await api.fetch(write.path, { ...write, token: api.tokens.service }),
        403,
        'forbidden',
      );
    }
    await expectProblem(
      await api.fetch(`/v1/events/${created.concert}`, { method: 'DELETE', token: staff() }),
      403,
      'forbidden',
    );

    // Deleting an event takes its registrations with it, in one audited transaction.
    const registered = await api.json<JsonObject>(`/v1/events/${created.concert}/registrations`, {
      token: api.tokens.student.token,
      method: 'POST',
    });
    expect(registered.status).toBe(201);
    const summary = await api.json<JsonObject>(`/v1/events/${created.concert}`, {
      token: api.tokens.student.token,
    });
    expect(summary.body.registration).toMatchObject({
      registered: 1,
      seatsLeft: null,
      mine: { id: registered.body.id, status: 'registered' },
    });
    await expectProblem(
      await api.fetch(`/v1/events/${created.concert}`, {
        method: 'DELETE',
        token: api.tokens.admin,
        headers: { 'if-match': '"9"' },
      }),
      412,
      'precondition-failed',
    );
    const deleted = await api.fetch(`/v1/events/${created.concert}`, {
      method: 'DELETE',
      token: api.tokens.admin,
    });
    expect(deleted.status).toBe(204);
    await expectProblem(
      await api.fetch(`/v1/events/${created.concert}`, { token: staff() }),
      404,
      'not-found',
    );
    const mine = await api.json<Page>('/v1/me/registrations', {
      token: api.tokens.student.token,
    });
    expect(mine.body.data.map((registration) => registration.id)).not.toContain(registered.body.id);
    const audit = await api.json<{ data: JsonObject[] }>(
      `/v1/audit?entity=event&entity_id=${created.concert}`,
      { token: api.tokens.admin },
    );
    expect(audit.body.data.find((entry) => entry.action === 'event.delete')?.details).toEqual({
      registrationsRemoved: 1,
    });
    await expectProblem(
      await api.fetch(`/v1/events/${created.concert}`, {
        method: 'DELETE',
        token: api.tokens.admin,
      }),
      404,
      'not-found',
    );
  });
});

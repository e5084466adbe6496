/**
 * Registrations (rule 7) over HTTP: capacity and the first-come waitlist under 50 concurrent
 * requests, promotion on cancellation, the refusals by rule code, attendance, "my
 * registrations", and who may do what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids } from './fixtures';
import { expectProblem, type JsonObject, startTestApi, storeKinds, type TestApi } from './helpers';

type Page = { data: JsonObject[]; next_cursor: string | null };

const eventBody = (overrides: Record<string, unknown> = {}) => ({
  kind: 'themed_salon',
  title: { en: 'Sino-French salon', zh: '中法沙龙' },
  sessions: [
    {
      start: '2025-12-10T14:00:00+08:00',
      end: '2025-12-10T16:00:00+08:00',
      timeZone: 'Asia/Shanghai',
    },
  ],
  organiser: 'International Affairs Office',
  ...overrides,
});

const guest = (n: number) => ({
  kind: 'guest',
  name: `Guest ${n}`,
  email: `guest${n}@example.org`,
});

describe.each(storeKinds)('registrations on %s', (store) => {
  let api: TestApi;
  const staff = () => api.tokens.staff;
  const student = () => api.tokens.student.token;

  async function createEvent(overrides: Record<string, unknown> = {}): Promise<string> {
    const created = await api.json<JsonObject>('/v1/events', {
      token: staff(),
      body: eventBody(overrides),
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  }

  const registerAs = (token: string, eventId: string, body?: unknown) =>
    api.fetch(`/v1/events/${eventId}/registrations`, {
      method: 'POST',
      token,
      ...(body === undefined ? {} : { body }),
    });

  async function registrationsOf(eventId: string, query = ''): Promise<JsonObject[]> {
    const page = await api.json<Page>(`/v1/events/${eventId}/registrations?limit=200${query}`, {
      token: staff(),
    });
    expect(page.status).toBe(200);
    return page.body.data;
  }

  beforeAll(async () => {
    api = await startTestApi({ store });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('seats 10 of 50 concurrent registrations and waitlists 40 in arrival order; a cancellation promotes the first waiting', async () => {
    const eventId = await createEvent({ capacity: 10, audience: ['public'] });
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, n) => registerAs(staff(), eventId, { participant: guest(n) })),
    );
    expect(responses.map((response) => response.status)).toEqual(responses.map(() => 201));
    const answers = (await Promise.all(responses.map((r) => r.json()))) as JsonObject[];
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 'registered')).toHaveLength(10);
    expect(statuses.filter((status) => status === 'waitlisted')).toHaveLength(40);

    // Arrival numbers are 1..50, each once; the seated are exactly the first ten to arrive.
    const stored = await registrationsOf(eventId);
    expect(stored.map((registration) => registration.sequence)).toEqual(
      Array.from({ length: 50 }, (_, n) => n + 1),
    );
    expect(stored.map((registration) => registration.status)).toEqual([
      ...Array.from({ length: 10 }, () => 'registered'),
      ...Array.from({ length: 40 }, () => 'waitlisted'),
    ]);
    // What each caller was told is what was stored.
    for (const answer of answers) {
      const same = stored.find((registration) => registration.id === answer.id);
      expect(same).toMatchObject({ status: answer.status, sequence: answer.sequence });
    }

    const event = await api.json<JsonObject>(`/v1/events/${eventId}`, { token: staff() });
    expect(event.body.registration).toEqual({
      capacity: 10,
      registered: 10,
      waitlisted: 40,
      seatsLeft: 0,
      mine: null,
    });

    // Cancelling a seated guest gives the seat to the waitlisted one with the lowest sequence.
    const seated = stored.find((registration) => registration.sequence === 5);
    const cancelled = await api.json<JsonObject>(
      `/v1/events/${eventId}/registrations/${seated?.id}`,
      { method: 'DELETE', token: staff() },
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id: seated?.id, status: 'cancelled', version: 2 });
    expect(cancelled.body.promoted).toMatchObject({
      sequence: 11,
      status: 'registered',
      version: 2,
    });
    expect(cancelled.headers.get('etag')).toBe('"2"');

    // A waitlisted person leaving frees no seat: nobody moves.
    const waiting = stored.find((registration) => registration.sequence === 30);
    const left = await api.json<JsonObject>(`/v1/events/${eventId}/registrations/${waiting?.id}`, {
      method: 'DELETE',
      token: staff(),
    });
    expect(left.body).toMatchObject({ status: 'cancelled', promoted: null });

    const after = await registrationsOf(eventId);
    const bySequence = (sequence: number) =>
      after.find((registration) => registration.sequence === sequence)?.status;
    expect(bySequence(5)).toBe('cancelled');
    expect(bySequence(11)).toBe('registered');
    expect(bySequence(12)).toBe('waitlisted');
    expect(bySequence(30)).toBe('cancelled');
    expect(after.filter((registration) => registration.status === 'registered')).toHaveLength(10);
    const waitlisted = await registrationsOf(eventId, '&status=waitlisted');
    expect(waitlisted.map((registration) => registration.sequence)).toEqual(
      Array.from({ length: 40 }, (_, n) => n + 11).filter((n) => n !== 11 && n !== 30),
    );

    // Cancellation and promotion are audited.
    const audit = await api.json<{ data: JsonObject[] }>(
      `/v1/audit?entity=registration&entity_id=${String((cancelled.body.promoted as JsonObject).id)}`,
      { token: api.tokens.admin },
    );
    expect(audit.body.data.map((entry) => entry.action).sort()).toEqual([
      'registration.create',
      'registration.promote',
    ]);
  });

  it('lets a student register themself once, see only their own, and cancel it', async () => {
    const eventId = await createEvent({ capacity: 1, audience: ['exchange'] });
    const mine = await api.json<JsonObject>(`/v1/events/${eventId}/registrations`, {
      method: 'POST',
      token: student(),
    });
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({
      eventId,
      participant: { kind: 'student', studentId: ids.student },
      status: 'registered',
      sequence: 1,
    });
    expect(mine.headers.get('location')).toBe(
      `/v1/events/${eventId}/registrations/${mine.body.id}`,
    );

    const again = await expectProblem(
      await registerAs(student(), eventId, {
        participant: { kind: 'student', studentId: ids.student },
      }),
      422,
      'rule-violation',
    );
    expect(again.rule).toBe('event.already_registered');
    expect((again.data as JsonObject).registrationId).toBe(mine.body.id);

    // Staff register the third (exchange) student: waitlisted, the only seat is taken.
    const third = await api.json<JsonObject>(`/v1/events/${eventId}/registrations`, {
      token: staff(),
      body: { participant: { kind: 'student', studentId: ids.third } },
    });
    expect(third.body).toMatchObject({ status: 'waitlisted', sequence: 2 });

    // The student sees their own registration only, and the summary names it.
    const own = await api.json<Page>(`/v1/events/${eventId}/registrations`, { token: student() });
    expect(own.body.data.map((registration) => registration.id)).toEqual([mine.body.id]);
    const event = await api.json<JsonObject>(`/v1/events/${eventId}`, { token: student() });
    expect(event.body.registration).toMatchObject({
      registered: 1,
      waitlisted: 1,
      seatsLeft: 0,
      mine: { id: mine.body.id, status: 'registered', sequence: 1 },
    });

    // Someone else's registration does not exist for them.
    await expectProblem(
      await api.fetch(`/v1/events/${eventId}/registrations/${third.body.id}`, {
        method: 'DELETE',
        token: student(),
      }),
      404,
      'not-found',
    );
    await expectProblem(
      await api.fetch(`/v1/events/${eventId}/registrations/${mine.body.id}`, {
        method: 'DELETE',
        token: api.tokens.otherStudent.token,
      }),
      404,
      'not-found',
    );

    // A stale If-Match changes nothing.
    await expectProblem(
      await api.fetch(`/v1/events/${eventId}/registrations/${mine.body.id}`, {
        method: 'DELETE',
        token: student(),
        headers: { 'if-match': '"7"' },
      }),
      412,
      'precondition-failed',
    );

    // Cancelling their own seat promotes the waiting student; the student is not told who.
    const cancelled = await api.json<JsonObject>(
      `/v1/events/${eventId}/registrations/${mine.body.id}`,
      { method: 'DELETE', token: student(), headers: { 'if-match': '"1"' } },
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body).not.toHaveProperty('promoted');
    const [, promoted] = await registrationsOf(eventId);
    expect(promoted).toMatchObject({ id: third.body.id, status: 'registered' });

    // A cancelled registration cannot be cancelled again.
    const twice = await expectProblem(
      await api.fetch(`/v1/events/${eventId}/registrations/${mine.body.id}`, {
        method: 'DELETE',
        token: student(),
      }),
      409,
      'illegal-transition',
    );
    expect(twice.rule).toBe('registration.not_cancellable');

    // After cancelling, registering again is allowed and takes a new place in the queue.
    const back = await api.json<JsonObject>(`/v1/events/${eventId}/registrations`, {
      token: student(),
      body: {},
    });
    expect(back.body).toMatchObject({ status: 'waitlisted', sequence: 3 });
  });

  it('refuses by rule: audience, window, cancelled event; a student may register only themself', async () => {
    const forExchange = await createEvent({ audience: ['exchange'] });
    // The other student is on a degree programme.
    const outside = await expectProblem(
      await registerAs(staff(), forExchange, {
        participant: { kind: 'student', studentId: ids.other },
      }),
      422,
      'rule-violation',
    );
    expect(outside.rule).toBe('event.not_in_audience');
    expect((outside.data as JsonObject).audience).toEqual(['exchange']);
    // For that student, the event does not exist.
    await expectProblem(
      await registerAs(api.tokens.otherStudent.token, forExchange),
      404,
      'not-found',
    );
    // Nor may a student register someone else.
    await expectProblem(
      await registerAs(student(), forExchange, {
        participant: { kind: 'student', studentId: ids.third },
      }),
      404,
      'not-found',
    );
    await expectProblem(
      await registerAs(student(), forExchange, { participant: guest(1) }),
      404,
      'not-found',
    );
    // The exchange student registers themself: the audience rule takes their programme from
    // the request's reader, read once.
    const mine = await registerAs(student(), forExchange);
    expect(mine.status).toBe(201);
    const own = (await mine.json()) as JsonObject;
    expect(own).toMatchObject({ status: 'registered' });

    const notYet = await createEvent({ registrationOpensAt: '2025-12-01T00:00:00+08:00' });
    const early = await expectProblem(await registerAs(student(), notYet), 422, 'rule-violation');
    expect(early.rule).toBe('event.registration_not_open');
    expect((early.data as JsonObject).opensAt).toBe('2025-12-01T00:00:00+08:00');

    const closed = await createEvent({ registrationClosesAt: '2025-11-19T00:00:00Z' });
    const late = await expectProblem(await registerAs(student(), closed), 422, 'rule-violation');
    expect(late.rule).toBe('event.registration_closed');

    const called = await createEvent({ cancelled: true, audience: ['public'] });
    const off = await expectProblem(
      await registerAs(staff(), called, { participant: guest(2) }),
      422,
      'rule-violation',
    );
    expect(off.rule).toBe('event.cancelled');
    // A student does not see a cancelled event at all.
    await expectProblem(await registerAs(student(), called), 404, 'not-found');

    // Unknown event, unknown participant, a body that is not a participant.
    await expectProblem(await registerAs(staff(), 'evt_unknown000000', {}), 404, 'not-found');
    const nobody = await expectProblem(
      await registerAs(staff(), forExchange, {
        participant: { kind: 'student', studentId: 'stu_nobody0000000' },
      }),
      400,
      'validation',
    );
    expect((nobody.errors as JsonObject[])[0]?.path).toBe('body.participant.studentId');
    await expectProblem(
      await registerAs(staff(), forExchange, {
        participant: { kind: 'staff', staffId: 'stf_nobody0000000' },
      }),
      400,
      'validation',
    );
    const malformed = await expectProblem(
      await registerAs(staff(), forExchange, { participant: { kind: 'guest', name: 'No email' } }),
      400,
      'validation',
    );
    expect(JSON.stringify(malformed.errors)).toContain('body.participant');

    // Nothing was stored by the refusals: only the student's own registration is there.
    expect((await registrationsOf(forExchange)).map((registration) => registration.id)).toEqual([
      own.id,
    ]);
  });

  it('registers a member of staff as themself; the bot on its own may not register', async () => {
    const forStaff = await createEvent({ audience: ['staff'] });
    const self = await api.json<JsonObject>(`/v1/events/${forStaff}/registrations`, {
      method: 'POST',
      token: staff(),
    });
    expect(self.status).toBe(201);
    expect(self.body.participant).toEqual({ kind: 'staff', staffId: ids.staff });
    const mine = await api.json<Page>('/v1/me/registrations', { token: staff() });
    expect(mine.body.data.map((registration) => registration.id)).toEqual([self.body.id]);

    // A staff token that stands for no member of staff must name the participant.
    const script = await api.json<JsonObject>('/v1/tokens', {
      token: api.tokens.admin,
      body: { role: 'staff', name: 'Reporting script' },
    });
    const anonymous = String(script.body.token);
    const unnamed = await expectProblem(await registerAs(anonymous, forStaff), 400, 'validation');
    expect((unnamed.errors as JsonObject[])[0]?.path).toBe('body.participant');
    const none = await api.json<Page>('/v1/me/registrations', { token: anonymous });
    expect(none.body).toEqual({ data: [], next_cursor: null });

    await expectProblem(await registerAs(api.tokens.service, forStaff), 403, 'forbidden');
    await expectProblem(
      await api.fetch(`/v1/events/${forStaff}/registrations`, { token: api.tokens.service }),
      403,
      'forbidden',
    );
    await expectProblem(
      await api.fetch('/v1/me/registrations', { token: api.tokens.service }),
      403,
      'forbidden',
    );
    // A staff-only event, and its registrations, do not exist for a student.
    await expectProblem(
      await api.fetch(`/v1/events/${forStaff}/registrations`, { token: student() }),
      404,
      'not-found',
    );
    await expectProblem(
      await api.fetch('/v1/events/evt_unknown000000/registrations', { token: staff() }),
      404,
      'not-found',
    );
  });

  it('gives the seats of a raised capacity to the waitlist in arrival order, and takes none back', async () => {
    const eventId = await createEvent({ capacity: 2, audience: ['public'] });
    for (let n = 200; n < 206; n++) {
      const made = await registerAs(staff(), eventId, { participant: guest(n) });
      expect(made.status).toBe(201);
    }
    const statuses = async () => (await registrationsOf(eventId)).map((r) => r.status);
    expect(await statuses()).toEqual(['registered', 'registered', ...Array(4).fill('waitlisted')]);

    const raised = await api.json<JsonObject>(`/v1/events/${eventId}`, {
      method: 'PATCH',
      token: staff(),
      body: { capacity: 4 },
    });
    expect(raised.status).toBe(200);
    expect(await statuses()).toEqual([...Array(4).fill('registered'), 'waitlisted', 'waitlisted']);
    const event = await api.json<JsonObject>(`/v1/events/${eventId}`, { token: staff() });
    expect(event.body.registration).toMatchObject({ capacity: 4, registered: 4, waitlisted: 2 });

    // Lowered: everyone seated keeps their seat; the waitlist waits.
    const lowered = await api.json<JsonObject>(`/v1/events/${eventId}`, {
      method: 'PATCH',
      token: staff(),
      body: { capacity: 3 },
    });
    expect(lowered.status).toBe(200);
    expect(await statuses()).toEqual([...Array(4).fill('registered'), 'waitlisted', 'waitlisted']);
    // A cancellation now frees no seat (4 seated for 3); the next one does.
    const [first, second] = await registrationsOf(eventId);
    const cancel = (id: unknown) =>
      api.fetch(`/v1/events/${eventId}/registrations/${String(id)}`, {
        method: 'DELETE',
        token: staff(),
      });
    expect((await cancel(first?.id)).status).toBe(200);
    expect(await statuses()).toEqual([
      'cancelled',
      ...Array(3).fill('registered'),
      'waitlisted',
      'waitlisted',
    ]);
    expect((await cancel(second?.id)).status).toBe(200);
    expect(await statuses()).toEqual([
      'cancelled',
      'cancelled',
      ...Array(3).fill('registered'),
      'waitlisted',
    ]);

    const audit = await api.json<{ data: JsonObject[] }>(
      '/v1/audit?entity=registration&limit=100',
      {
        token: api.tokens.admin,
      },
    );
    expect(audit.status).toBe(200);
    const promotedHere = audit.body.data.filter(
      (entry) =>
        entry.action === 'registration.promote' &&
        (entry.details as { eventId?: string } | undefined)?.eventId === eventId,
    );
    // Two by the raised capacity, one by the second cancellation.
    expect(promotedHere.map((entry) => (entry.details as { reason?: string }).reason)).toEqual([
      undefined,
      'capacity',
      'capacity',
    ]);
  });

  it('keeps the capacity under registrations racing a capacity change', async () => {
    const eventId = await createEvent({ capacity: 3, audience: ['public'] });
    const racing = await Promise.all([
      ...Array.from({ length: 12 }, (_, i) =>
        registerAs(staff(), eventId, { participant: guest(300 + i) }),
      ),
      api.fetch(`/v1/events/${eventId}`, {
        method: 'PATCH',
        token: staff(),
        body: { capacity: 8 },
      }),
    ]);
    expect(racing.map((answer) => answer.status).sort()).toEqual([
      ...Array(1).fill(200),
      ...Array(12).fill(201),
    ]);
    const all = await registrationsOf(eventId);
    expect(all.filter((r) => r.status === 'registered')).toHaveLength(8);
    expect(all.filter((r) => r.status === 'waitlisted')).toHaveLength(4);
    // Seats went in arrival order: nobody waits ahead of someone seated after them.
    const order = all.map((r) => r.status);
    expect(order).toEqual([...Array(8).fill('registered'), ...Array(4).fill('waitlisted')]);
  });

  it('records attendance (staff only), corrects it, and refuses it for the waitlist', async () => {
    const eventId = await createEvent({ capacity: 1, audience: ['public'] });
    const first = await api.json<JsonObject>(`/v1/events/${eventId}/registrations`, {
      token: staff(),
      body: { participant: guest(100) },
    });
    const second = await api.json<JsonObject>(`/v1/events/${eventId}/registrations`, {
      token: staff(),
      body: { participant: guest(101) },
    });
    const path = (id: unknown) => `/v1/events/${eventId}/registrations/${String(id)}/attendance`;

    const attended = await api.json<JsonObject>(path(first.body.id), {
      token: staff(),
      body: { status: 'attended' },
    });
    expect(attended.status).toBe(200);
    expect(attended.body).toMatchObject({ status: 'attended', version: 2 });
    expect(attended.headers.get('etag')).toBe('"2"');
    // The same mark again changes nothing; a correction is a new version.
    const same = await api.json<JsonObject>(path(first.body.id), {
      token: staff(),
      body: { status: 'attended' },
    });
    expect(same.body.version).toBe(2);
    await expectProblem(
      await api.fetch(path(first.body.id), {
        token: staff(),
        headers: { 'if-match': '"1"' },
        body: { status: 'no_show' },
      }),
      412,
      'precondition-failed',
    );
    const corrected = await api.json<JsonObject>(path(first.body.id), {
      token: api.tokens.admin,
      headers: { 'if-match': '"2"' },
      body: { status: 'no_show' },
    });
    expect(corrected.body).toMatchObject({ status: 'no_show', version: 3 });

    const waitlisted = await expectProblem(
      await api.fetch(path(second.body.id), { token: staff(), body: { status: 'attended' } }),
      409,
      'illegal-transition',
    );
    expect(waitlisted.rule).toBe('registration.not_attendable');
    await expectProblem(
      await api.fetch(path(first.body.id), { token: staff(), body: { status: 'late' } }),
      400,
      'validation',
    );
    await expectProblem(
      await api.fetch(path('reg_unknown000000'), { token: staff(), body: { status: 'attended' } }),
      404,
      'not-found',
    );
    // A registration reached through another event is not found.
    const elsewhere = await createEvent({ audience: ['public'] });
    await expectProblem(
      await api.fetch(`/v1/events/${elsewhere}/registrations/${first.body.id}/attendance`, {
        token: staff(),
        body: { status: 'attended' },
      }),
      404,
      'not-found',
    );
    await expectProblem(
      await api.fetch(path(first.body.id), { token: student(), body: { status: 'attended' } }),
      404,
      'not-found',
    );
    await expectProblem(
      await api.fetch(path(first.body.id), {
        token: api.tokens.service,
        body: { status: 'attended' },
      }),
      403,
      'forbidden',
    );
  });

  it("lets the bot register the student it acts for, with that student's rights only", async () => {
    const code = await api.json<JsonObject>('/v1/bindings/codes', {
      token: staff(),
      body: { studentId: ids.third },
    });
    const bound = await api.fetch('/v1/bindings', {
      token: api.tokens.service,
      body: { channel: 'wechat', userId: 'wx-zhang-wei', code: code.body.code },
    });
    expect(bound.status).toBe(201);
    const headers = { 'passerelle-act-as': 'channel:wechat:wx-zhang-wei' };
    const eventId = await createEvent({ audience: ['exchange'] });
    const registered = await api.json<JsonObject>(`/v1/events/${eventId}/registrations`, {
      method: 'POST',
      token: api.tokens.service,
      headers,
    });
    expect(registered.status).toBe(201);
    expect(registered.body.participant).toEqual({ kind: 'student', studentId: ids.third });
    const mine = await api.json<Page>('/v1/me/registrations', {
      token: api.tokens.service,
      headers,
    });
    expect(mine.body.data.map((registration) => registration.id)).toContain(registered.body.id);
    for (const registration of mine.body.data) {
      expect(registration.participant).toEqual({ kind: 'student', studentId: ids.third });
    }
    // Acting for the student, the bot may not register anyone else.
    await expectProblem(
      await api.fetch(`/v1/events/${eventId}/registrations`, {
        token: api.tokens.service,
        headers,
        body: { participant: { kind: 'student', studentId: ids.student } },
      }),
      404,
      'not-found',
    );
  });

  it('keeps the arrival order and the waitlist over a history of cancellations', async () => {
    // The rules read the active registrations and the last to arrive, not the cancelled ones:
    // the next sequence must still follow a cancelled last arrival, and the waitlist its order.
    const eventId = await createEvent({ capacity: 2, audience: ['public'] });
    const made: JsonObject[] = [];
    for (let n = 0; n < 8; n++) {
      const response = await api.json<JsonObject>(`/v1/events/${eventId}/registrations`, {
        token: staff(),
        body: { participant: guest(100 + n) },
      });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      made.push(response.body);
    }
    expect(made.map((r) => r.status)).toEqual([
      'registered',
      'registered',
      ...Array.from({ length: 6 }, () => 'waitlisted'),
    ]);
    const cancel = (registration: JsonObject | undefined) =>
      api.json<JsonObject>(`/v1/events/${eventId}/registrations/${registration?.id}`, {
        method: 'DELETE',
        token: staff(),
      });
    // The last arrivals leave, then one holding a seat: the first still waiting moves up.
    for (const leaving of [made[7], made[6], made[4]])
      expect((await cancel(leaving)).status).toBe(200);
    const freed = await cancel(made[0]);
    expect(freed.body.promoted).toMatchObject({ id: made[2]?.id, status: 'registered' });
    // A new arrival comes after the last one ever, though that one was cancelled.
    const late = await api.json<JsonObject>(`/v1/events/${eventId}/registrations`, {
      token: staff(),
      body: { participant: guest(200) },
    });
    expect(late.status, JSON.stringify(late.body)).toBe(201);
    expect(late.body).toMatchObject({ sequence: 9, status: 'waitlisted' });
    // Cancelled ones are still refused a second cancellation, and the waitlist keeps its order.
    const again = await api.fetch(`/v1/events/${eventId}/registrations/${made[7]?.id}`, {
      method: 'DELETE',
      token: staff(),
    });
    expect((await expectProblem(again, 409, 'illegal-transition')).rule).toBe(
      'registration.not_cancellable',
    );
    const waiting = await registrationsOf(eventId, '&status=waitlisted');
    expect(waiting.map((r) => r.sequence)).toEqual([4, 6, 9]);
    expect((await cancel(made[1])).body.promoted).toMatchObject({ id: made[3]?.id });
  });

  it("lists a student's own registrations across events, never anyone else's", async () => {
    const a = await createEvent({ audience: ['all_students'] });
    const b = await createEvent({ audience: ['all_students'] });
    api.clock.advance(1000);
    const inA = await api.json<JsonObject>(`/v1/events/${a}/registrations`, {
      method: 'POST',
      token: student(),
    });
    api.clock.advance(1000);
    const inB = await api.json<JsonObject>(`/v1/events/${b}/registrations`, {
      method: 'POST',
      token: student(),
    });
    const theirs = await api.json<JsonObject>(`/v1/events/${a}/registrations`, {
      method: 'POST',
      token: api.tokens.otherStudent.token,
    });
    expect(theirs.status).toBe(201);

    const mine = await api.json<Page>('/v1/me/registrations', { token: student() });
    expect(mine.status).toBe(200);
    const ownIds = mine.body.data.map((registration) => registration.id);
    // Newest first; every one of them the student's.
    expect(ownIds.slice(0, 2)).toEqual([inB.body.id, inA.body.id]);
    expect(ownIds).not.toContain(theirs.body.id);
    for (const registration of mine.body.data) {
      expect(registration.participant).toEqual({ kind: 'student', studentId: ids.student });
    }
    const oldestFirst = await api.json<Page>('/v1/me/registrations?sort=created&limit=1', {
      token: student(),
    });
    expect(oldestFirst.body.data).toHaveLength(1);
    expect(oldestFirst.body.next_cursor).not.toBeNull();
    const cancelledOnly = await api.json<Page>('/v1/me/registrations?status=cancelled', {
      token: student(),
    });
    expect(
      cancelledOnly.body.data.every((registration) => registration.status === 'cancelled'),
    ).toBe(true);
    await expectProblem(
      await api.fetch('/v1/me/registrations?status=maybe', { token: student() }),
      400,
      'validation',
    );
    // The admin has registered for nothing.
    const empty = await api.json<Page>('/v1/me/registrations', { token: api.tokens.admin });
    expect(empty.body).toEqual({ data: [], next_cursor: null });
  });
});

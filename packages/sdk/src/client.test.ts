import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, scriptedFetch } from '../test/fetch-mock';
import { Passerelle } from './client';
import { DEFAULT_BASE_URL } from './options';

const stu = 'stu_01JD0000000000000000000000';
const agr = 'agr_01JD0000000000000000000000';
const evt = 'evt_01JD0000000000000000000000';
const reg = 'reg_01JD0000000000000000000000';
const del = 'del_01JD0000000000000000000000';
const itm = 'itm_01JD0000000000000000000000';
const out = 'out_01JD0000000000000000000000';
const fup = 'fup_01JD0000000000000000000000';
const art = 'art_01JD0000000000000000000000';
const ins = 'ins_01JD0000000000000000000000';

/** A client whose every request is answered with `answer` and recorded. */
function recording(answer: unknown = { data: [], next_cursor: null }) {
  const { fetch, calls } = scriptedFetch(() => json(answer));
  const client = new Passerelle({ baseUrl: 'http://api.test', token: 't', fetch });
  const sent = () =>
    calls.map((call) => {
      const url = new URL(call.url);
      return {
        method: call.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body: call.body === undefined ? undefined : (JSON.parse(call.body) as unknown),
      };
    });
  return { client, sent };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('resources send what the API expects', () => {
  it('students', async () => {
    const { client, sent } = recording();
    await client.students.list({ nationality: 'FR', programme_kind: 'exchange', limit: 20 });
    await client.students.get(stu);
    await client.students.counts({
      status: ['active', 'arrived'],
      nationality: 'FR',
      started_in: 2025,
      group_by: 'status',
    });
    await client.students.create({
      fullName: 'Léa Martin',
      email: 'lea@example.org',
      nationality: 'FR',
      programmeKind: 'exchange',
      programmeStart: '2025-09-01',
      programmeEnd: '2026-01-31',
    });
    await client.students.update(stu, { preferredName: 'Léa' }, { ifMatch: 2 });
    await client.students.delete(stu);
    await client.students.transition(stu, { to: 'enrolled' });
    await client.students.admit(stu, {
      override: { justification: 'Dean approved the extra place' },
    });
    await client.students.admit(stu);
    expect(sent()).toEqual([
      {
        method: 'GET',
        path: '/v1/students',
        query: { nationality: 'FR', programme_kind: 'exchange', limit: '20' },
        body: undefined,
      },
      { method: 'GET', path: `/v1/students/${stu}`, query: {}, body: undefined },
      {
        method: 'GET',
        path: '/v1/students/counts',
        // Several values as one comma-separated parameter.
        query: {
          status: 'active,arrived',
          nationality: 'FR',
          started_in: '2025',
          group_by: 'status',
        },
        body: undefined,
      },
      {
        method: 'POST',
        path: '/v1/students',
        query: {},
        body: expect.objectContaining({ fullName: 'Léa Martin' }),
      },
      { method: 'PATCH', path: `/v1/students/${stu}`, query: {}, body: { preferredName: 'Léa' } },
      { method: 'DELETE', path: `/v1/students/${stu}`, query: {}, body: undefined },
      {
        method: 'POST',
        path: `/v1/students/${stu}/transitions`,
        query: {},
        body: { to: 'enrolled' },
      },
      {
        method: 'POST',
        path: `/v1/students/${stu}/transitions`,
        query: {},
        body: { to: 'admitted', override: { justification: 'Dean approved the extra place' } },
      },
      {
        method: 'POST',
        path: `/v1/students/${stu}/transitions`,
        query: {},
        body: { to: 'admitted' },
      },
    ]);
  });

  it('institutions, staff, publications, awards and articles', async () => {
    const { client, sent } = recording();
    await client.institutions.list({ country: 'FR', stage: 'partner', q: 'poly' });
    await client.institutions.overview(ins);
    await client.staff.list({ q: 'wang' });
    await client.publications.list({ from: '2025-01-01' });
    await client.awards.list({ year: 2023 });
    await client.knowledge.articles.list({ language: 'zh' });
    await client.knowledge.articles.get(art);
    expect(sent().map(({ method, path, query }) => [method, path, query])).toEqual([
      ['GET', '/v1/institutions', { country: 'FR', stage: 'partner', q: 'poly' }],
      ['GET', `/v1/institutions/${ins}/overview`, {}],
      ['GET', '/v1/staff', { q: 'wang' }],
      ['GET', '/v1/publications', { from: '2025-01-01' }],
      ['GET', '/v1/awards', { year: '2023' }],
      ['GET', '/v1/knowledge/articles', { language: 'zh' }],
      ['GET', `/v1/knowledge/articles/${art}`, {}],
    ]);
  });

  it('agreements', async () => {
    const { client, sent } = recording();
    await client.agreements.transition(agr, { to: 'signed' }, { ifMatch: 5 });
    await client.agreements.expiring();
    await client.agreements.expiring({ withinDays: 90, kind: 'dual_degree' });
    expect(sent()).toEqual([
      {
        method: 'POST',
        path: `/v1/agreements/${agr}/transitions`,
        query: {},
        body: { to: 'signed' },
      },
      {
        method: 'GET',
        path: '/v1/agreements',
        query: { expiring_within_days: '180' },
        body: undefined,
      },
      {
        method: 'GET',
        path: '/v1/agreements',
        query: { kind: 'dual_degree', expiring_within_days: '90' },
        body: undefined,
      },
    ]);
  });

  it('events, registrations, attendance and workshop slots', async () => {
    const { client, sent } = recording({ data: [{ start: 'x' }], next_cursor: null });
    await client.events.list({ kind: 'themed_salon', from: '2025-12-01', to: '2025-12-07' });
    await client.events.register(evt);
    await client.events.register(evt, { participant: { kind: 'student', studentId: stu } });
    await client.events.cancelRegistration(evt, reg);
    await client.events.attendance(evt, reg, { status: 'attended' });
    await client.events.registrations.list(evt, { status: 'waitlisted' });
    const slots = await client.events.slots({
      partner_time_zone: 'Europe/Paris',
      from: '2026-03-02',
      to: '2026-03-06',
      duration_minutes: 150,
    });
    expect(slots).toEqual([{ start: 'x' }]);
    expect(sent()).toEqual([
      {
        method: 'GET',
        path: '/v1/events',
        query: { kind: 'themed_salon', from: '2025-12-01', to: '2025-12-07' },
        body: undefined,
      },
      { method: 'POST', path: `/v1/events/${evt}/registrations`, query: {}, body: {} },
      {
        method: 'POST',
        path: `/v1/events/${evt}/registrations`,
        query: {},
        body: { participant: { kind: 'student', studentId: stu } },
      },
      {
        method: 'DELETE',
        path: `/v1/events/${evt}/registrations/${reg}`,
        query: {},
        body: undefined,
      },
      {
        method: 'POST',
        path: `/v1/events/${evt}/registrations/${reg}/attendance`,
        query: {},
        body: { status: 'attended' },
      },
      {
        method: 'GET',
        path: `/v1/events/${evt}/registrations`,
        query: { status: 'waitlisted' },
        body: undefined,
      },
      {
        method: 'GET',
        path: '/v1/workshops/slots',
        query: {
          partner_time_zone: 'Europe/Paris',
          from: '2026-03-02',
          to: '2026-03-06',
          duration_minutes: '150',
        },
        body: undefined,
      },
    ]);
  });

  it('delegations with their itinerary, outcomes, follow-ups and validation', async () => {
    const { client, sent } = recording({ data: [{ id: fup }], next_cursor: null });
    const item = {
      start: '2025-12-08T09:00:00+01:00',
      end: '2025-12-08T11:00:00+01:00',
      timeZone: 'Europe/Paris',
      kind: 'meeting',
    } as const;
    await client.delegations.list({
      direction: 'outbound',
      institution_id: 'ins_01JD0000000000000000000000',
    });
    await client.delegations.transition(del, { to: 'approved' });
    await client.delegations.itinerary.add(del, item);
    await client.delegations.itinerary.update(del, itm, { place: 'Palaiseau' });
    await client.delegations.itinerary.remove(del, itm);
    await client.delegations.outcomes.add(del, {
      kind: 'consensus',
      summary: { en: 'Dual degree' },
    });
    await client.delegations.outcomes.update(del, out, { kind: 'agreement_signed' });
    await client.delegations.outcomes.remove(del, out);
    await client.delegations.followUps.add(del, out, {
      action: 'Draft the curriculum alignment',
      owner: 'Dean',
      dueDate: '2026-02-01',
    });
    await client.delegations.followUps.update(del, out, fup, { status: 'done' });
    await expect(client.delegations.followUps.list(del)).resolves.toEqual([{ id: fup }]);
    await client.delegations.validate(del);
    expect(sent().map(({ method, path }) => `${method} ${path}`)).toEqual([
      'GET /v1/delegations',
      `POST /v1/delegations/${del}/transitions`,
      `POST /v1/delegations/${del}/itinerary`,
      `PATCH /v1/delegations/${del}/itinerary/${itm}`,
      `DELETE /v1/delegations/${del}/itinerary/${itm}`,
      `POST /v1/delegations/${del}/outcomes`,
      `PATCH /v1/delegations/${del}/outcomes/${out}`,
      `DELETE /v1/delegations/${del}/outcomes/${out}`,
      `POST /v1/delegations/${del}/outcomes/${out}/follow-ups`,
      `PATCH /v1/delegations/${del}/outcomes/${out}/follow-ups/${fup}`,
      `GET /v1/delegations/${del}/follow-ups`,
      `GET /v1/delegations/${del}/validation`,
    ]);
    expect(sent()[0]?.query).toEqual({
      direction: 'outbound',
      institution_id: 'ins_01JD0000000000000000000000',
    });
  });

  it('knowledge search, alerts, reports and audit', async () => {
    const { client, sent } = recording({ data: [{ score: 3 }], next_cursor: null });
    await expect(client.knowledge.search({ q: '续签 居留许可', lang: 'zh' })).resolves.toEqual([
      { score: 3 },
    ]);
    await client.alerts.list({ date: '2025-12-01', within_days: 60 });
    await client.reports.yearEnd(2025);
    await client.audit.list({ entity: 'student', entity_id: stu });
    expect(sent()).toEqual([
      {
        method: 'GET',
        path: '/v1/knowledge/search',
        query: { q: '续签 居留许可', lang: 'zh' },
        body: undefined,
      },
      {
        method: 'GET',
        path: '/v1/alerts',
        query: { date: '2025-12-01', within_days: '60' },
        body: undefined,
      },
      { method: 'GET', path: '/v1/reports/year-end/2025', query: {}, body: undefined },
      {
        method: 'GET',
        path: '/v1/audit',
        query: { entity: 'student', entity_id: stu },
        body: undefined,
      },
    ]);
  });

  it('tokens and bindings', async () => {
    const { client, sent } = recording();
    await client.tokens.list({ limit: 5 });
    await client.tokens.create({ role: 'student', name: 'Léa', studentId: stu });
    await client.tokens.revoke('tok_01JD00000000000000000000AB');
    await client.bindings.createCode({ studentId: stu, expiresInMinutes: 30 });
    await client.bindings.bind({ channel: 'wechat', userId: 'o6_abc', code: 'K7Q2-9XMD' });
    await client.bindings.resolve('slack', 'U024BE7LH');
    expect(sent()).toEqual([
      { method: 'GET', path: '/v1/tokens', query: { limit: '5' }, body: undefined },
      {
        method: 'POST',
        path: '/v1/tokens',
        query: {},
        body: { role: 'student', name: 'Léa', studentId: stu },
      },
      {
        method: 'DELETE',
        path: '/v1/tokens/tok_01JD00000000000000000000AB',
        query: {},
        body: undefined,
      },
      {
        method: 'POST',
        path: '/v1/bindings/codes',
        query: {},
        body: { studentId: stu, expiresInMinutes: 30 },
      },
      {
        method: 'POST',
        path: '/v1/bindings',
        query: {},
        body: { channel: 'wechat', userId: 'o6_abc', code: 'K7Q2-9XMD' },
      },
      {
        method: 'GET',
        path: '/v1/bindings/resolve',
        query: { channel: 'slack', userId: 'U024BE7LH' },
        body: undefined,
      },
    ]);
  });

  it('health and readiness, outside /v1', async () => {
    const { client, sent } = recording({ status: 'ready', store: 'pglite' });
    await expect(client.ready()).resolves.toEqual({ status: 'ready', store: 'pglite' });
    await client.health();
    expect(sent().map(({ path }) => path)).toEqual(['/readyz', '/healthz']);
  });
});

describe('the client', () => {
  it('defaults to the local API and global fetch', async () => {
    const fetch = vi.fn(async () => json({ status: 'ok' }));
    vi.stubGlobal('fetch', fetch);
    const client = new Passerelle();
    expect(client.baseUrl).toBe(DEFAULT_BASE_URL);
    await client.health();
    expect(fetch).toHaveBeenCalledWith('http://127.0.0.1:8787/healthz', expect.anything());
  });

  it('says what to do when there is no fetch', () => {
    vi.stubGlobal('fetch', undefined);
    expect(() => new Passerelle()).toThrow(/pass one as `new Passerelle\(\{ fetch \}\)`/);
  });

  it('refuses a nonsensical timeout or retry count', () => {
    const fetch = async () => json({});
    expect(() => new Passerelle({ fetch, timeout: 0 })).toThrow(RangeError);
    expect(() => new Passerelle({ fetch, timeout: Number.NaN })).toThrow(RangeError);
    expect(() => new Passerelle({ fetch, maxRetries: -1 })).toThrow(RangeError);
    expect(() => new Passerelle({ fetch, maxRetries: 1.5 })).toThrow(RangeError);
  });

  it('withOptions makes a new client with the other options kept', async () => {
    const { fetch, calls } = scriptedFetch(() => json({ status: 'ok' }));
    const base = new Passerelle({ baseUrl: 'http://api.test', token: 'svc', fetch });
    const asStudent = base.withOptions({ actAs: `student:${stu}` });
    await asStudent.health();
    await base.health();
    expect(asStudent).not.toBe(base);
    expect(asStudent.baseUrl).toBe('http://api.test');
    expect(
      calls.map((call) => [call.headers.authorization, call.headers['passerelle-act-as']]),
    ).toEqual([
      ['Bearer svc', `student:${stu}`],
      ['Bearer svc', undefined],
    ]);
  });
});

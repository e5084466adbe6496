/** /v1/workshops/slots over HTTP: slots in both campuses' working hours, and bad input as 400. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, type JsonObject, startTestApi, storeKinds, type TestApi } from './helpers';

type Slot = {
  start: string;
  end: string;
  local: { timeZone: string; date: string; start: string; end: string }[];
};

describe.each(storeKinds)('workshop slots on %s', (store) => {
  let api: TestApi;
  const slots = (query: string, token = api.tokens.staff) =>
    api.json<{ data: Slot[] }>(`/v1/workshops/slots?${query}`, { token });

  beforeAll(async () => {
    api = await startTestApi({ store });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('proposes every slot inside working hours on weekdays in both time zones', async () => {
    // Monday 8 to Sunday 14 December 2025, Shanghai (UTC+8) with Tokyo (UTC+9).
    const week = await slots(
      'time_zone=Asia/Shanghai&partner_time_zone=Asia/Tokyo&from=2025-12-08&to=2025-12-14&duration_minutes=150&step_minutes=30',
    );
    expect(week.status).toBe(200);
    // 09:00–17:00 in Shanghai is 10:00–18:00 in Tokyo: starts 09:00 to 14:30, 12 a day, 5 days.
    expect(week.body.data).toHaveLength(60);
    expect(week.body.data[0]).toEqual({
      start: '2025-12-08T01:00:00.000Z',
      end: '2025-12-08T03:30:00.000Z',
      local: [
        { timeZone: 'Asia/Shanghai', date: '2025-12-08', start: '09:00', end: '11:30' },
        { timeZone: 'Asia/Tokyo', date: '2025-12-08', start: '10:00', end: '12:30' },
      ],
    });
    expect(week.body.data.at(-1)?.local[0]).toEqual({
      timeZone: 'Asia/Shanghai',
      date: '2025-12-12',
      start: '14:30',
      end: '17:00',
    });
    const starts = week.body.data.map((slot) => slot.start);
    expect(starts).toEqual([...starts].sort());
    // No slot on the weekend.
    expect(week.body.data.some((slot) => slot.local[0]?.date === '2025-12-13')).toBe(false);

    // Our time zone defaults to the office's (Asia/Shanghai); duration and step to 150 and 30.
    const defaults = await slots('partner_time_zone=Asia/Tokyo&from=2025-12-08&to=2025-12-14');
    expect(defaults.body.data).toEqual(week.body.data);

    const longer = await slots(
      'partner_time_zone=Asia/Tokyo&from=2025-12-08&to=2025-12-08&duration_minutes=180&step_minutes=60',
    );
    expect(longer.body.data.map((slot) => slot.local[0]?.start)).toEqual([
      '09:00',
      '10:00',
      '11:00',
      '12:00',
      '13:00',
      '14:00',
    ]);

    // Paris in winter overlaps Shanghai by two hours only: no slot, and no error.
    const paris = await slots('partner_time_zone=Europe/Paris&from=2025-12-08&to=2025-12-12');
    expect(paris.status).toBe(200);
    expect(paris.body.data).toEqual([]);
  });

  it('answers bad input with 400 and the failing fields', async () => {
    const fields = async (query: string) => {
      const problem = await expectProblem(
        await api.fetch(`/v1/workshops/slots?${query}`, { token: api.tokens.staff }),
        400,
        'validation',
      );
      return (problem.errors as JsonObject[]).map((error) => error.path).sort();
    };
    const base = 'partner_time_zone=Asia/Tokyo&from=2025-12-08&to=2025-12-14';
    expect(await fields('partner_time_zone=Mars/Olympus&from=2025-12-08&to=2025-12-14')).toEqual([
      'query.partner_time_zone',
    ]);
    expect(await fields(`${base}&time_zone=Nowhere`)).toEqual(['query.time_zone']);
    expect(await fields('partner_time_zone=Asia/Tokyo&from=2025-12-14&to=2025-12-08')).toEqual([
      'query.to',
    ]);
    expect(await fields('partner_time_zone=Asia/Tokyo&from=2025-01-01&to=2026-01-02')).toEqual([
      'query.to',
    ]);
    expect(await fields(`${base}&duration_minutes=149`)).toEqual(['query.duration_minutes']);
    expect(await fields(`${base}&duration_minutes=181`)).toEqual(['query.duration_minutes']);
    expect(await fields(`${base}&duration_minutes=two`)).toEqual(['query.duration_minutes']);
    expect(await fields(`${base}&step_minutes=0`)).toEqual(['query.step_minutes']);
    expect(await fields('partner_time_zone=Asia/Tokyo&from=2025-02-30&to=2025-03-01')).toEqual([
      'query.from',
    ]);
    expect(await fields('from=2025-12-08')).toEqual(['query.partner_time_zone', 'query.to']);

    // A range of exactly 366 days is allowed.
    const year = await slots('partner_time_zone=Asia/Tokyo&from=2025-01-01&to=2026-01-01');
    expect(year.status).toBe(200);
    expect(year.body.data.length).toBeGreaterThan(0);
  });

  it('is for those who plan events: staff and admins', async () => {
    const query = 'partner_time_zone=Asia/Tokyo&from=2025-12-08&to=2025-12-08';
    expect((await slots(query, api.tokens.admin)).status).toBe(200);
    await expectProblem(
      await api.fetch(`/v1/workshops/slots?${query}`, { token: api.tokens.student.token }),
      404,
      'not-found',
    );
    await expectProblem(
      await api.fetch(`/v1/workshops/slots?${query}`, { token: api.tokens.service }),
      403,
      'forbidden',
    );
    await expectProblem(await api.fetch(`/v1/workshops/slots?${query}`), 401, 'unauthenticated');
  });
});

/**
 * client.reminders against the real API (apps/api started in this process on PGlite, answers
 * checked against the core schemas): a run, a claim, acknowledgements, the list, and a
 * student turning reminders off through the bot's service token.
 */
import type { StudentId } from '@passerelle/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, Passerelle, PermissionDeniedError } from '../src/index';
import { apiAvailable, startRealApi, type TestApi } from './real-api';

describe.skipIf(!apiAvailable)('client.reminders against the real API', () => {
  let api: TestApi;
  let staff: Passerelle;
  let bot: Passerelle;
  let student: StudentId;

  beforeAll(async () => {
    api = await startRealApi();
    const options = { baseUrl: api.url, validateResponses: true };
    staff = new Passerelle({ ...options, token: api.tokens.staff });
    bot = new Passerelle({ ...options, token: api.tokens.service });
    student = api.tokens.student.studentId as StudentId;
    const code = await staff.bindings.createCode({ studentId: student });
    await bot.bindings.bind({ channel: 'wechat', userId: 'wx-sdk-student', code: code.code });
    const event = await staff.events.create({
      kind: 'info_session',
      title: { en: 'Visa information session', fr: 'Séance d’information visa' },
      sessions: [
        {
          start: '2025-11-21T14:00:00+08:00',
          end: '2025-11-21T15:00:00+08:00',
          timeZone: 'Asia/Shanghai',
        },
      ],
      organiser: 'International Affairs Office',
    });
    await staff.events.register(event.id, { participant: { kind: 'student', studentId: student } });
  }, 60_000);

  afterAll(async () => {
    await api?.close();
  });

  it('runs, claims and acknowledges', async () => {
    const run = await bot.reminders.run({ date: '2025-11-20' });
    expect(run).toEqual({ date: '2025-11-20', ran: true, created: 1, existing: 0 });
    expect(await bot.reminders.run({ date: '2025-11-20' })).toMatchObject({
      created: 0,
      existing: 1,
    });

    const { data } = await bot.reminders.claim({ channel: 'wechat', limit: 5 });
    expect(data).toHaveLength(1);
    const [claimed] = data;
    expect(claimed).toMatchObject({
      kind: 'event_tomorrow',
      channelUserId: 'wx-sdk-student',
      language: expect.any(String),
      status: 'claimed',
    });
    if (claimed === undefined) return;
    const delivered = await bot.reminders.delivered(claimed.id);
    expect(delivered.status).toBe('delivered');
    await expect(bot.reminders.failed(claimed.id, { error: 'late' })).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(bot.reminders.delivered('rem_01KAHV8W1ZQ3M4T5R6S7V8W9XY')).rejects.toBeInstanceOf(
      NotFoundError,
    );

    const listed = [];
    for await (const reminder of staff.reminders.list({ status: 'delivered' }))
      listed.push(reminder);
    expect(listed.map((reminder) => reminder.id)).toEqual([claimed.id]);
    await expect(bot.reminders.list().then(() => undefined)).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
  });

  it('lets the bot turn a student’s reminders off for them', async () => {
    const asStudent = bot.withOptions({ actAs: `student:${student}` });
    expect(await asStudent.reminders.preference()).toEqual({ enabled: true });
    expect(await asStudent.reminders.setPreference({ enabled: false })).toEqual({ enabled: false });
    expect(await asStudent.reminders.preference()).toEqual({ enabled: false });
    await asStudent.reminders.setPreference({ enabled: true });
  });
});

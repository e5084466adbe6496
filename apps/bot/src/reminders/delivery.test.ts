/**
 * Reminders end to end: the real API (PGlite, the API's fixture world) runs the daily
 * computation; the delivery loop claims and sends a student's reminder through the wechaty
 * bot on the mock puppet and a staff digest to the fake Slack Web API; the student says "stop
 * reminders" to the bot (the real embedded engine) and the next run creates none for them.
 */
import { Passerelle } from '@passerelle/sdk';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { startTestApi, type TestApi } from '../../../api/test/helpers';
import { createEmbeddedEngine } from '../engine/embedded';
import { type FakeSlack, startFakeSlack } from '../slack/fake-slack';
import { createMemoryState } from '../state/memory';
import { until } from '../wechat/test-support';
import { createWechatyBot, type WechatyBot } from '../wechat/wechaty';
import { createReminderDelivery, type ReminderDelivery } from './delivery';
import { REMINDER_MESSAGES } from './messages';

const STUDENT = 'stu_test00000001';
const STAFF = 'stf_test00000002';

describe('reminders from the API to WeChat and Slack', () => {
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const me = mocker.createContact({ name: 'Passerelle' });
  const alice = mocker.createContact({ name: 'Alice' });
  const toAlice: string[] = [];
  alice.on('message', (message) => {
    if (message.payload.talkerId === me.id) toAlice.push(message.text() ?? '');
  });

  let api: TestApi;
  let slack: FakeSlack;
  let bot: WechatyBot;
  let service: Passerelle;
  let staff: Passerelle;
  let delivery: ReminderDelivery;

  const registerTomorrow = async (day: string, title: string) => {
    const event = await staff.events.create({
      kind: 'themed_salon',
      title: { en: title, zh: '中法沙龙', fr: 'Salon franco-chinois' },
      sessions: [
        {
          start: `${day}T14:00:00+08:00`,
          end: `${day}T16:00:00+08:00`,
          timeZone: 'Asia/Shanghai',
          place: 'Room 101',
        },
      ],
      organiser: 'International Affairs Office',
    });
    await staff.events.register(event.id, { participant: { kind: 'student', studentId: STUDENT } });
  };

  beforeAll(async () => {
    api = await startTestApi();
    slack = await startFakeSlack();
    service = new Passerelle({ baseUrl: api.url, token: api.tokens.service, maxRetries: 0 });
    staff = new Passerelle({ baseUrl: api.url, token: api.tokens.staff, maxRetries: 0 });
    const state = createMemoryState();
    bot = createWechatyBot({
      engine: createEmbeddedEngine({ client: service, state }),
      state,
      puppet,
      name: 'passerelle-reminders',
    });
    await bot.start();
    const loggedIn = new Promise<void>((resolve) => bot.wechaty.once('login', () => resolve()));
    mocker.login(me);
    await loggedIn;

    const bind = async (
      channel: 'wechat' | 'slack',
      userId: string,
      subject: Parameters<Passerelle['bindings']['createCode']>[0],
    ) => {
      const { code } = await staff.bindings.createCode(subject);
      await service.bindings.bind({ channel, userId, code });
    };
    await bind('wechat', alice.id, { studentId: STUDENT });
    await bind('slack', 'U0STAFF', { staffId: STAFF });

    const created = new webApi.WebClient('xoxb-test', { slackApiUrl: slack.apiUrl });
    const maybe = createReminderDelivery({
      client: service,
      senders: { wechat: { sender: bot }, slack: created },
    });
    if (maybe === undefined) throw new Error('both channels are configured');
    delivery = maybe;
  }, 120_000);

  afterAll(async () => {
    await delivery?.stop();
    await bot?.stop();
    await slack?.close();
    await api?.close();
  }, 60_000);

  it('sends a student’s reminder on WeChat and a staff digest on Slack, once', async () => {
    await registerTomorrow('2025-11-21', 'Sino-French salon');
    const run = await service.reminders.run({ date: '2025-11-20' });
    expect(run.created).toBeGreaterThanOrEqual(2);

    const round = await delivery.deliverPending();
    expect(round.failed).toBe(0);
    await until(() => toAlice.length >= 1, 'the reminder on WeChat', 15_000);
    expect(toAlice.join('\n')).toContain('“Sino-French salon”, tomorrow, 14:00, Room 101');
    expect(toAlice.join('\n')).toContain('stop reminders');

    const posts = slack.callsOf('chat.postMessage');
    expect(posts).toHaveLength(1);
    const [post] = posts;
    expect(post?.args.channel).toBe('U0STAFF');
    expect(String(post?.args.text)).toMatch(/Daily digest/);
    expect(JSON.stringify(post?.args.blocks)).toContain('"type":"header"');

    // Everything is acknowledged: nothing is left to send, and nothing goes twice.
    const delivered = [];
    for await (const reminder of staff.reminders.list({ status: 'delivered' }))
      delivered.push(reminder);
    expect(delivered).toHaveLength(round.delivered);
    const again = await delivery.deliverPending();
    expect(again).toEqual({ delivered: 0, failed: 0 });
    expect((await service.reminders.run({ date: '2025-11-20' })).created).toBe(0);
  }, 60_000);

  it('stops when the student says "stop reminders"', async () => {
    const before = toAlice.length;
    alice.say('stop reminders').to(me);
    await until(() => toAlice.length > before, 'the answer', 15_000);
    expect(toAlice.at(-1)).toMatch(/won't send you reminders/);
    expect(
      await service.withOptions({ actAs: `student:${STUDENT}` }).reminders.preference(),
    ).toEqual({ enabled: false });

    await registerTomorrow('2025-11-23', 'Autumn lantern evening');
    await service.reminders.run({ date: '2025-11-22' });
    const theirs = [];
    for await (const reminder of staff.reminders.list({ recipient: `student:${STUDENT}` })) {
      theirs.push(reminder);
    }
    expect(theirs.some((reminder) => reminder.period === '2025-11-23')).toBe(false);
  }, 60_000);

  it('turns a member of staff’s digest off and on when they tell the bot on Slack', async () => {
    const engine = createEmbeddedEngine({ client: service, state: createMemoryState() });
    const say = (text: string) =>
      engine.answer({
        text,
        channel: 'slack',
        channelUserId: 'U0STAFF',
        conversationId: 'D0STAFF',
        receivedAt: new Date(),
      });
    const digests = async (date: string) => {
      const found = [];
      for await (const reminder of staff.reminders.list({ recipient: `staff:${STAFF}` })) {
        if (reminder.kind === 'staff_digest' && reminder.period === date) found.push(reminder);
      }
      return found;
    };

    const off = await say('Turn off reminders');
    expect(off.text).toBe(REMINDER_MESSAGES.en.digestOff());
    expect(off.operations).toContain('reminders.setPreference');
    expect(await staff.reminders.preference()).toEqual({ enabled: false });
    await service.reminders.run({ date: '2025-11-24' });
    expect(await digests('2025-11-24')).toEqual([]);

    expect((await say('关闭提醒')).text).toBe(REMINDER_MESSAGES.zh.digestOff());
    expect((await say('turn on reminders')).text).toBe(REMINDER_MESSAGES.en.digestOn());
    await service.reminders.run({ date: '2025-11-25' });
    expect(await digests('2025-11-25')).toHaveLength(1);
  }, 60_000);
});

/**
 * The Slack channel end to end on loopback: signed requests to Bolt's own HTTP receiver, and
 * Slack's Web API played by a local server that records every call.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryState } from '../state/memory';
import type { BotState } from '../state/types';
import { createSlackApp, type SlackApp } from './app';
import {
  type FakeSlack,
  type RecordedCall,
  type SlackSender,
  slackSender,
  startFakeSlack,
} from './fake-slack';
import {
  buttonClick,
  commandFields,
  envelope,
  nextTs,
  type RecordingLogger,
  recordingDeliverer,
  recordingLogger,
  type ScriptedEngine,
  scriptedEngine,
} from './test-support';

const signingSecret = 'test-signing-secret-8f1c2a';
const staffChannel = 'CSTAFF';

interface Block {
  type: string;
  text?: { type: string; text: string };
  fields?: { type: string; text: string }[];
  elements?: { type: string; text?: unknown; action_id?: string; value?: string }[];
}

function blocksOf(call: RecordedCall | undefined): Block[] {
  const blocks = call?.args.blocks;
  return Array.isArray(blocks) ? (blocks as Block[]) : [];
}

describe('Slack app over HTTP (Bolt receiver, signed requests)', () => {
  let fake: FakeSlack;
  let state: BotState;
  let engine: ScriptedEngine;
  let slack: SlackApp;
  let send: SlackSender;
  let logger: RecordingLogger;
  const wechat = recordingDeliverer();

  beforeAll(async () => {
    fake = await startFakeSlack({ closedChannels: ['CCLOSED'] });
    state = createMemoryState();
    engine = scriptedEngine(state);
    logger = recordingLogger();
    slack = createSlackApp({
      engine,
      state,
      signingSecret,
      botToken: 'xoxb-test-token',
      slackApiUrl: fake.apiUrl,
      handoffChannel: staffChannel,
      deliverers: { wechat },
      // Answer the HTTP request once the listener is done, so each test can assert right away.
      processBeforeResponse: true,
      canSeeGaps: async (userId) => userId !== 'UNOSY',
      logger,
      now: () => new Date('2025-11-20T09:00:00Z'),
    });
    const { port } = await slack.start({ port: 0, host: '127.0.0.1' });
    send = slackSender(`http://127.0.0.1:${port}/slack/events`, signingSecret);
  });

  afterAll(async () => {
    await slack.stop();
    await fake.close();
  });

  beforeEach(() => {
    fake.calls.length = 0;
    engine.messages.length = 0;
  });

  const posts = () => fake.callsOf('chat.postMessage');

  it('checks the bot token with auth.test when it starts', async () => {
    const other = await startFakeSlack();
    const app = createSlackApp({
      engine,
      state,
      signingSecret,
      botToken: 'xoxb-other',
      slackApiUrl: other.apiUrl,
      handoffChannel: staffChannel,
      logger: recordingLogger(),
    });
    expect(other.calls).toEqual([]);
    await app.start({ port: 0, host: '127.0.0.1' });
    expect(other.callsOf('auth.test')).toHaveLength(1);
    expect(other.calls[0]?.token).toBe('xoxb-other');
    await app.stop();
    await other.close();
  });

  it('answers the url_verification challenge', async () => {
    const res = await send.event({ type: 'url_verification', challenge: 'chal-123', token: 't' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'chal-123' });
  });

  it('answers an app mention in its thread with Block Kit: text, fields, sources, buttons', async () => {
    const ts = nextTs();
    const res = await send.event(
      envelope({
        type: 'app_mention',
        user: 'USTAFF1',
        text: '<@UBOT> figures of students &amp; partners',
        ts,
        channel: 'CGENERAL',
      }),
    );
    expect(res.status).toBe(200);
    expect(engine.messages).toEqual([
      {
        text: 'figures of students & partners',
        channel: 'slack',
        channelUserId: 'USTAFF1',
        conversationId: 'CGENERAL',
        threadId: ts,
        messageId: `CGENERAL:${ts}`,
        receivedAt: new Date('2025-11-20T09:00:00Z'),
      },
    ]);
    expect(posts()).toHaveLength(1);
    const post = posts()[0];
    expect(post?.token).toBe('xoxb-test-token');
    expect(post?.args.channel).toBe('CGENERAL');
    expect(post?.args.thread_ts).toBe(ts);
    expect(post?.args.text).toBe('Students by programme <2025> & more');
    const blocks = blocksOf(post);
    expect(blocks.map((block) => block.type)).toEqual(['section', 'section', 'context', 'actions']);
    expect(blocks[0]?.text).toEqual({
      type: 'mrkdwn',
      text: 'Students by programme &lt;2025&gt; &amp; more',
    });
    expect(blocks[1]?.fields?.map((field) => field.text)).toEqual([
      '*Exchange*\n12',
      '*Double degree*\n3',
    ]);
    expect(blocks[2]?.elements?.map((element) => element.text)).toEqual([
      '*Sources:*',
      '<https://kb.example.edu/kb_visa|Visa renewal>',
      '<https://kb.example.edu/kb_ins|Insurance &lt;2025&gt;>',
    ]);
    expect(
      blocks[3]?.elements?.map((button) => [button.action_id, button.text, button.value]),
    ).toEqual([
      [
        'passerelle_followup:0',
        { type: 'plain_text', text: 'Register', emoji: true },
        'register me for the welcome day',
      ],
      [
        'passerelle_followup:1',
        { type: 'plain_text', text: 'Next month', emoji: true },
        'events next month',
      ],
    ]);
  });

  it('answers a mention made inside a thread in that same thread', async () => {
    const parent = nextTs();
    await send.event(
      envelope({
        type: 'app_mention',
        user: 'USTAFF1',
        text: 'and <@UBOT> hello',
        ts: nextTs(),
        thread_ts: parent,
        channel: 'CGENERAL',
      }),
    );
    expect(engine.messages[0]?.text).toBe('and hello');
    expect(posts()[0]?.args.thread_ts).toBe(parent);
    expect(posts()[0]?.args.text).toBe('echo: and hello');
  });

  it('answers a direct message (message.im) in its thread', async () => {
    const ts = nextTs();
    await send.event(
      envelope({
        type: 'message',
        channel_type: 'im',
        user: 'USTAFF2',
        text: 'how many students from <#C1|general>?',
        ts,
        channel: 'DSTAFF2',
      }),
    );
    expect(engine.messages[0]).toMatchObject({
      text: 'how many students from #general?',
      channelUserId: 'USTAFF2',
      conversationId: 'DSTAFF2',
    });
    expect(posts()).toHaveLength(1);
    expect(posts()[0]?.args).toMatchObject({
      channel: 'DSTAFF2',
      thread_ts: ts,
      text: 'echo: how many students from #general?',
    });
  });

  it('ignores bot messages, edits and other subtypes, and channel chatter', async () => {
    const events = [
      { type: 'message', channel_type: 'im', bot_id: 'BOTHER', user: 'UOTHERBOT', text: 'hi' },
      { type: 'message', channel_type: 'im', subtype: 'bot_message', bot_id: 'B9', text: 'hi' },
      {
        type: 'message',
        channel_type: 'im',
        subtype: 'message_changed',
        message: { text: 'edited', user: 'U1' },
      },
      { type: 'message', channel_type: 'im', subtype: 'channel_join', user: 'U1', text: 'joined' },
      {
        type: 'message',
        channel_type: 'channel',
        user: 'U1',
        text: 'chatting',
        channel: 'CGENERAL',
      },
      // The bot's own message (ignored by Bolt's ignoreSelf too).
      { type: 'message', channel_type: 'im', user: 'UBOT', text: 'my own answer' },
    ];
    for (const event of events) {
      const res = await send.event(envelope({ channel: 'DX', ts: nextTs(), ...event }));
      expect(res.status).toBe(200);
    }
    expect(engine.messages).toEqual([]);
    expect(posts()).toEqual([]);
  });

  it('answers an event that Slack retries (same event_id, x-slack-retry-num) once', async () => {
    const payload = envelope(
      { type: 'app_mention', user: 'USTAFF1', text: '<@UBOT> hello', ts: nextTs(), channel: 'C2' },
      'EvRETRY0001',
    );
    const first = await send.event(payload);
    const retry = await send.event(payload, { retryNum: 1 });
    const again = await send.event(payload, { retryNum: 2 });
    expect([first.status, retry.status, again.status]).toEqual([200, 200, 200]);
    expect(engine.messages).toHaveLength(1);
    expect(posts()).toHaveLength(1);
  });

  it('refuses a bad signature and a stale timestamp with 401, and posts nothing', async () => {
    const payload = envelope({
      type: 'app_mention',
      user: 'USTAFF1',
      text: '<@UBOT> hello',
      ts: nextTs(),
      channel: 'C3',
    });
    const forged = await send.event(payload, { secret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const stale = await send.event(payload, { timestamp: sixMinutesAgo });
    expect(stale.status).toBe(401);
    const staleCommand = await send.form(commandFields('hello'), { timestamp: sixMinutesAgo });
    expect(staleCommand.status).toBe(401);
    const forgedClick = await send.interaction(
      buttonClick({
        userId: 'U1',
        channelId: 'C3',
        messageTs: nextTs(),
        actionId: 'passerelle_followup:0',
        value: 'events',
        responseUrl: fake.responseUrl('x'),
      }),
      { secret: 'wrong' },
    );
    expect(forgedClick.status).toBe(401);
    expect(engine.messages).toEqual([]);
    expect(fake.calls).toEqual([]);
    // The same payload, properly signed and fresh, is answered: the refusals were the signature's.
    expect((await send.event(payload)).status).toBe(200);
    expect(posts()).toHaveLength(1);
  });

  it('/passerelle help answers privately, in the language of the word used', async () => {
    const res = await send.form(commandFields('help'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('/passerelle gaps');
    const aide = (await (await send.form(commandFields('aide'))).json()) as { text: string };
    expect(aide.text).toContain('Mentionnez-moi');
    const zh = (await (await send.form(commandFields('帮助'))).json()) as { text: string };
    expect(zh.text).toContain('提及我');
    const empty = (await (await send.form(commandFields(''))).json()) as { text: string };
    expect(empty.text).toContain('/passerelle help');
    expect(engine.messages).toEqual([]);
    expect(posts()).toEqual([]);
  });

  it('/passerelle <question> posts the question and answers in its thread', async () => {
    const res = await send.form(
      commandFields('figures by programme', { channel_id: 'CGENERAL', user_id: 'USTAFF3' }),
    );
    expect(res.status).toBe(200);
    expect(engine.messages[0]).toMatchObject({
      text: 'figures by programme',
      channelUserId: 'USTAFF3',
      conversationId: 'CGENERAL',
    });
    const [parent, answer] = posts();
    expect(parent?.args).toMatchObject({
      channel: 'CGENERAL',
      text: '<@USTAFF3> asked: figures by programme',
    });
    expect(parent?.args.thread_ts).toBeUndefined();
    expect(answer?.args.channel).toBe('CGENERAL');
    expect(answer?.args.thread_ts).toBe(parent?.response.ts);
    expect(engine.messages).toHaveLength(1);
    expect(blocksOf(answer).map((block) => block.type)).toEqual([
      'section',
      'section',
      'context',
      'actions',
    ]);
  });

  it('/passerelle <question> in a channel the bot is not in answers through the response URL', async () => {
    await send.form(
      commandFields('hello there', {
        channel_id: 'CCLOSED',
        response_url: fake.responseUrl('cmd-closed'),
      }),
    );
    const responses = fake.callsOf('response_url');
    expect(responses).toHaveLength(1);
    expect(responses[0]?.path).toBe('/hooks/cmd-closed');
    expect(responses[0]?.args).toMatchObject({
      response_type: 'ephemeral',
      text: 'echo: hello there',
    });
    expect(posts().filter((call) => call.args.channel === 'CCLOSED')).toHaveLength(1);
  });

  it('a follow-up button sends its text to the engine as the same person, answered in the thread', async () => {
    const parent = nextTs();
    const res = await send.interaction(
      buttonClick({
        userId: 'USTAFF1',
        channelId: 'CGENERAL',
        messageTs: nextTs(),
        threadTs: parent,
        actionId: 'passerelle_followup:0',
        value: 'register me for the welcome day',
        responseUrl: fake.responseUrl('click'),
      }),
    );
    expect(res.status).toBe(200);
    expect(engine.messages[0]).toMatchObject({
      text: 'register me for the welcome day',
      channel: 'slack',
      channelUserId: 'USTAFF1',
      conversationId: 'CGENERAL',
    });
    expect(posts()).toHaveLength(1);
    expect(posts()[0]?.args).toMatchObject({
      channel: 'CGENERAL',
      thread_ts: parent,
      text: 'echo: register me for the welcome day',
    });
  });

  it('a button on a thread parent answers in that parent’s thread; on a private answer, privately', async () => {
    const top = nextTs();
    await send.interaction(
      buttonClick({
        userId: 'U5',
        channelId: 'CGENERAL',
        messageTs: top,
        actionId: 'passerelle_followup:1',
        value: 'events next month',
        responseUrl: fake.responseUrl('top'),
      }),
    );
    expect(posts()[0]?.args.thread_ts).toBe(top);
    await send.interaction(
      buttonClick({
        userId: 'U5',
        channelId: 'CCLOSED',
        messageTs: nextTs(),
        actionId: 'passerelle_followup:1',
        value: 'events next month',
        responseUrl: fake.responseUrl('ephemeral'),
        ephemeral: true,
      }),
    );
    expect(fake.callsOf('response_url')[0]?.args).toMatchObject({
      response_type: 'ephemeral',
      text: 'echo: events next month',
    });
    expect(posts()).toHaveLength(1);
  });

  it('posts nothing when the engine says it already answered this message (another instance)', async () => {
    await send.event(
      envelope({
        type: 'message',
        channel_type: 'im',
        user: 'U7',
        text: 'hello again',
        ts: nextTs(),
        channel: 'D7',
      }),
    );
    expect(engine.messages).toHaveLength(1);
    expect(posts()).toEqual([]);
  });

  it('apologises in the thread when the engine fails', async () => {
    const ts = nextTs();
    await send.event(
      envelope({ type: 'app_mention', user: 'U1', text: '<@UBOT> boom', ts, channel: 'C4' }),
    );
    expect(posts()[0]?.args).toMatchObject({ channel: 'C4', thread_ts: ts });
    expect(String(posts()[0]?.args.text)).toContain('something went wrong');
    expect(logger.lines.some((line) => line.includes('engine exploded'))).toBe(true);
  });

  describe('hand-off', () => {
    it('a request for a person opens a thread in the staff channel and tells the student', async () => {
      const ts = nextTs();
      await send.event(
        envelope({
          type: 'message',
          channel_type: 'im',
          user: 'USTUDENT',
          text: 'I want to talk to a person about my visa',
          ts,
          channel: 'DSTUDENT',
        }),
      );
      const [staffPost, answer] = posts();
      expect(staffPost?.args.channel).toBe(staffChannel);
      expect(staffPost?.args.thread_ts).toBeUndefined();
      const staffText = JSON.stringify(blocksOf(staffPost));
      expect(staffText).toContain('<@USTUDENT>');
      expect(staffText).toContain('Slack');
      expect(staffText).toContain('English (en)');
      expect(staffText).toContain('I want to talk to a person about my visa');
      expect(staffText).toContain('I will pass your question to a member of staff.');
      expect(answer?.args).toMatchObject({ channel: 'DSTUDENT', thread_ts: ts });
      const answerBlocks = JSON.stringify(blocksOf(answer));
      expect(answerBlocks).toContain('A member of staff will answer you here.');

      // Staff reply in the thread: the student gets it in their own thread, staff a confirmation.
      const record = await state.findHandoffByUser('slack', 'USTUDENT');
      expect(record?.staffThreadId).toBe(staffPost?.response.ts);
      // The record is the one the engine saved, completed with the staff thread.
      expect(record?.id).toBe('hnd_1_USTUDENT');
      fake.calls.length = 0;
      await send.event(
        envelope({
          type: 'message',
          channel_type: 'channel',
          user: 'USTAFF1',
          text: 'Hello! Bring your passport &amp; photos to room <#C9|b-101>.',
          ts: nextTs(),
          thread_ts: record?.staffThreadId,
          channel: staffChannel,
        }),
      );
      const [delivered, confirmation] = posts();
      expect(delivered?.args).toMatchObject({ channel: 'DSTUDENT', thread_ts: ts });
      expect(delivered?.args.text).toBe(
        'Reply from the international office:\nHello! Bring your passport & photos to room #b-101.',
      );
      expect(confirmation?.args).toMatchObject({
        channel: staffChannel,
        thread_ts: record?.staffThreadId,
      });
      expect(String(confirmation?.args.text)).toContain('Delivered to the student on Slack');
      expect(engine.messages).toHaveLength(1);
    });

    it('a staff reply reaches a WeChat student through the Deliverer and is confirmed in the thread', async () => {
      const outcome = await slack.handoff.open({
        channel: 'wechat',
        channelUserId: 'wxid_student42',
        displayName: 'Li Wei',
        conversationId: 'wxid_student42',
        language: 'zh',
        reason: 'requested',
        question: '我想和工作人员谈谈',
        attempt: '我会把您的问题转给工作人员。',
        at: new Date('2025-11-20T09:00:00Z'),
      });
      expect(outcome.opened).toBe(true);
      expect(outcome.notice).toBe('工作人员会在这里回复您。');
      const staffPost = posts()[0];
      expect(staffPost?.args.channel).toBe(staffChannel);
      expect(JSON.stringify(blocksOf(staffPost))).toContain('Li Wei (`wxid_student42`)');
      expect(JSON.stringify(blocksOf(staffPost))).toContain('WeChat');
      const thread = outcome.opened ? outcome.staffThreadId : '';
      fake.calls.length = 0;

      await send.event(
        envelope({
          type: 'message',
          channel_type: 'channel',
          user: 'USTAFF2',
          text: '您好，请周三来国际处。',
          ts: nextTs(),
          thread_ts: thread,
          channel: staffChannel,
        }),
      );
      expect(wechat.deliveries).toEqual([
        {
          channel: 'wechat',
          channelUserId: 'wxid_student42',
          text: '国际处回复：\n您好，请周三来国际处。',
          target: { conversationId: 'wxid_student42' },
        },
      ]);
      expect(posts()).toHaveLength(1);
      expect(posts()[0]?.args).toMatchObject({ channel: staffChannel, thread_ts: thread });
      expect(String(posts()[0]?.args.text)).toContain('Delivered to the student on WeChat');
      expect(String(posts()[0]?.args.text)).toContain('<@USTAFF2>');
      expect(engine.messages).toEqual([]);
    });

    it('a hand-off from the slash command is answered in the command’s thread, or by DM', async () => {
      await send.form(
        commandFields('a person please', { user_id: 'USTU8', channel_id: 'CGENERAL' }),
      );
      const parent = posts().find(
        (call) => call.args.channel === 'CGENERAL' && call.args.thread_ts === undefined,
      );
      expect(await state.findHandoffByUser('slack', 'USTU8')).toMatchObject({
        conversationId: 'CGENERAL',
        threadId: parent?.response.ts,
      });
      await send.form(
        commandFields('a person please', {
          user_id: 'USTU9',
          channel_id: 'CCLOSED',
          response_url: fake.responseUrl('closed-person'),
        }),
      );
      const record = await state.findHandoffByUser('slack', 'USTU9');
      expect(record?.conversationId).toBe('USTU9');
      expect(record?.threadId).toBeUndefined();
      expect(JSON.stringify(fake.callsOf('response_url')[0]?.args.blocks)).toContain(
        'A member of staff will answer you here.',
      );
    });

    it('ignores staff chatter outside hand-off threads and messages addressed to the bot', async () => {
      const unknownThread = nextTs();
      const events = [
        // A top-level message in the staff channel.
        { user: 'USTAFF1', text: 'morning all', ts: nextTs() },
        // A thread that is not a hand-off.
        { user: 'USTAFF1', text: 'reply', ts: nextTs(), thread_ts: unknownThread },
      ];
      for (const event of events) {
        await send.event(
          envelope({ type: 'message', channel_type: 'channel', channel: staffChannel, ...event }),
        );
      }
      const outcome = await slack.handoff.open({
        channel: 'wechat',
        channelUserId: 'wxid_other',
        conversationId: 'wxid_other',
        language: 'en',
        reason: 'sensitive',
        question: 'my visa number is…',
        attempt: 'I cannot discuss this here.',
        at: new Date(),
      });
      const thread = outcome.opened ? outcome.staffThreadId : '';
      await send.event(
        envelope({
          type: 'message',
          channel_type: 'channel',
          channel: staffChannel,
          user: 'USTAFF1',
          text: '<@UBOT> what is the visa policy?',
          ts: nextTs(),
          thread_ts: thread,
        }),
      );
      expect(wechat.deliveries.filter((d) => d.channelUserId === 'wxid_other')).toEqual([]);
      expect(posts().filter((call) => call.args.channel === staffChannel)).toHaveLength(1);
    });

    it('an unanswered question is counted and listed by /passerelle gaps, for staff only', async () => {
      for (const text of ['unknown thing about housing', 'unknown thing about HOUSING?']) {
        await send.event(
          envelope({
            type: 'app_mention',
            user: `U${text.length}`,
            text: `<@UBOT> ${text}`,
            ts: nextTs(),
            channel: 'CGENERAL',
          }),
        );
      }
      const answer = posts().find((call) => call.args.channel === 'CGENERAL');
      expect(JSON.stringify(blocksOf(answer))).toContain(
        'Un membre de l’équipe vous répondra ici.',
      );
      fake.calls.length = 0;

      const res = await send.form(
        commandFields('gaps', { response_url: fake.responseUrl('gaps') }),
      );
      expect(res.status).toBe(200);
      const listed = fake.callsOf('response_url')[0];
      expect(listed?.args.response_type).toBe('ephemeral');
      expect(String(listed?.args.text)).toContain('2× unknown thing about housing');
      expect(JSON.stringify(listed?.args.blocks)).toContain('*2 times* · fr');

      await send.form(
        commandFields('gaps', { user_id: 'UNOSY', response_url: fake.responseUrl('nosy') }),
      );
      const refused = fake.callsOf('response_url')[1];
      expect(refused?.args.text).toBe('Only staff can list unanswered questions.');
    });
  });
});

describe('Slack app configuration', () => {
  it('acknowledges at once and answers afterwards by default (processBeforeResponse off)', async () => {
    const fake = await startFakeSlack();
    const engine = scriptedEngine();
    const slack = createSlackApp({
      engine,
      state: createMemoryState(),
      signingSecret,
      botToken: 'xoxb-t',
      slackApiUrl: fake.apiUrl,
      handoffChannel: staffChannel,
      logger: recordingLogger(),
    });
    const { port } = await slack.start({ port: 0, host: '127.0.0.1' });
    const send = slackSender(`http://127.0.0.1:${port}/slack/events`, signingSecret);
    const ts = nextTs();
    const res = await send.event(
      envelope({ type: 'app_mention', user: 'U1', text: '<@UBOT> hi', ts, channel: 'C1' }),
    );
    expect(res.status).toBe(200);
    await fake.waitFor((calls) => calls.some((call) => call.method === 'chat.postMessage'));
    expect(fake.callsOf('chat.postMessage')[0]?.args).toMatchObject({
      channel: 'C1',
      thread_ts: ts,
      text: 'echo: hi',
    });
    await slack.stop();
    await fake.close();
  });

  it('builds a Socket Mode app from an app token without connecting', async () => {
    const fake = await startFakeSlack();
    const slack = createSlackApp({
      engine: scriptedEngine(),
      state: createMemoryState(),
      botToken: 'xoxb-t',
      appToken: 'xapp-1-A0001-test',
      socketMode: true,
      slackApiUrl: fake.apiUrl,
      handoffChannel: staffChannel,
      logger: recordingLogger(),
    });
    expect(slack.app).toBeDefined();
    expect(slack.handoff.channelId).toBe(staffChannel);
    // Nothing reached Slack: the app connects (and checks its token) only in start().
    expect(fake.calls).toEqual([]);
    await fake.close();
  });

  it('refuses a configuration that cannot receive anything', () => {
    const common = {
      engine: scriptedEngine(),
      state: createMemoryState(),
      botToken: 'xoxb-t',
      handoffChannel: staffChannel,
    };
    expect(() => createSlackApp({ ...common, socketMode: true })).toThrow(/app-level token/);
    expect(() => createSlackApp(common)).toThrow(/signing secret/);
  });
});

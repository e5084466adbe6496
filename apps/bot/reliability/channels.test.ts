/**
 * The channels under attack and under load, each through its real entry point and the real
 * embedded engine over the real API:
 * - Slack through Bolt's HTTP receiver with signed requests: forged, altered, unsigned, stale
 *   and replayed requests; Slack's retries of one event (also across two bot instances sharing
 *   Redis when REDIS_URL is set); a burst of 100 messages from one person.
 * - WeChat Official Account callback: forged, altered (safe mode), stale and replayed
 *   callbacks, a MsgId delivered twice, a burst of 100 from one OpenID.
 * - WeChat personal account through wechaty's mock puppet: a burst of 100 from one contact.
 * Every burst: the first `LIMIT` messages answered, then ONE polite notice in the person's
 * language, then silence until the window ends; the others answered normally meanwhile.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Language } from '@passerelle/core';
import { DEMO_IDS } from '@passerelle/core/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { createEmbeddedEngine } from '../src/engine/embedded';
import { MESSAGES } from '../src/engine/messages';
import { apiAvailable, type BotTestWorld, startBotTestApi } from '../src/engine/test-api';
import type { Engine, IncomingMessage, Reply } from '../src/engine/types';
import { createSlackApp, type SlackApp } from '../src/slack/app';
import {
  type FakeSlack,
  slackSender,
  slackSignature,
  startFakeSlack,
} from '../src/slack/fake-slack';
import { commandFields, envelope, nextTs } from '../src/slack/test-support';
import { type BotState, createMemoryState, createRedisState } from '../src/state';
import { createOfficialAccountReceiver } from '../src/wechat/official';
import {
  encryptForTest,
  fieldsOf,
  messageXml,
  newEncodingAESKey,
  sha1Signature,
  until,
} from '../src/wechat/test-support';
import { createWechatyBot, type WechatyBot } from '../src/wechat/wechaty';
import { apiLines, LogSink, seconds, secretsInLogs, worldSecrets, writeSection } from './harness';

const LIMIT = 20;
const BURST = 100;
const SIGNING_SECRET = 'reliability-signing-secret';
const WECHAT_TOKEN = 'reliability-callback-token';
const APP_ID = 'wx0000reliability';
const AES_KEY = newEncodingAESKey();
const redisUrl = process.env.REDIS_URL;

const sink = new LogSink();
const figures: string[] = [];
const codes: string[] = [];
let restoreConsole: () => void = () => {};
let world: BotTestWorld;
const started = performance.now();

/** The rate-limit notice in each language, whatever the seconds. */
const noticeStart: Record<Language, string> = {
  en: MESSAGES.en.rateLimited({ seconds: 1 }).split(' Please')[0] ?? '',
  fr: MESSAGES.fr.rateLimited({ seconds: 1 }).split(' Merci')[0] ?? '',
  zh: MESSAGES.zh.rateLimited({ seconds: 1 }).split('请等')[0] ?? '',
};
const isNotice = (text: string, language: Language) => text.includes(noticeStart[language]);

/** The engine, recording every message it was asked and what it answered. */
function recorded(engine: Engine) {
  const asked: IncomingMessage[] = [];
  const replies: Reply[] = [];
  const wrapped: Engine = {
    async answer(message) {
      asked.push(message);
      const reply = await engine.answer(message);
      replies.push(reply);
      return reply;
    },
  };
  return { engine: wrapped, asked, replies };
}

/** A memory state whose clock stands still: a rate-limit window cannot end during a burst. */
const frozenState = (): BotState => createMemoryState({ now: () => 1_700_000_000_000 });

function embeddedEngine(state: BotState): Engine {
  return createEmbeddedEngine({
    client: world.service,
    state,
    timeZone: 'Asia/Shanghai',
    now: () => world.now,
    rateLimitPerMinute: LIMIT,
    onError: sink.engine,
  });
}

/** The Slack app under test: Bolt's HTTP receiver over the fake Slack Web API. */
function slackApp(fake: FakeSlack, state: BotState, engine: Engine) {
  return createSlackApp({
    engine,
    state,
    signingSecret: SIGNING_SECRET,
    botToken: 'xoxb-reliability',
    slackApiUrl: fake.apiUrl,
    handoffChannel: 'CSTAFF',
    logger: sink.bolt(),
    // The HTTP answer waits for the listener, so a test knows when a request is done.
    processBeforeResponse: true,
    now: () => world.now,
  });
}

describe.skipIf(!apiAvailable)('channels under attack and load', () => {
  beforeAll(async () => {
    restoreConsole = sink.captureConsole();
    world = await startBotTestApi();
  }, 120_000);

  afterAll(async () => {
    restoreConsole();
    await world?.close();
    const secrets = world === undefined ? [] : worldSecrets(world, undefined, codes);
    const api = apiLines(world);
    const hits = secretsInLogs([...sink.lines, ...api], secrets);
    figures.push(
      `- log lines scanned: ${sink.lines.length} of the bot (Bolt at debug level, the WeChat log, the engine's errors, the console) and ${api.length} of the API; secrets known to the scan (tokens, binding codes, document numbers): ${secrets.filter((s) => ['token', 'binding code', 'document number'].includes(s.kind)).length}; leaks found: ${hits.length}`,
      `- run: ${new Date().toISOString()}, store PGlite, state memory${redisUrl === undefined ? '' : ' and Redis'}, ${seconds(performance.now() - started)}`,
    );
    await writeSection('3-bot-channels', {
      title: 'Bot channels: signatures, replays, retries and bursts',
      order: 3,
      lines: figures,
    });
    expect(hits).toEqual([]);
  }, 60_000);

  describe('Slack through Bolt’s HTTP receiver', () => {
    let fake: FakeSlack;
    let slack: SlackApp;
    let state: BotState;
    let engine: ReturnType<typeof recorded>;
    let url: string;

    const postsTo = (channel: string) =>
      fake.callsOf('chat.postMessage').filter((call) => call.args.channel === channel);

    beforeAll(async () => {
      fake = await startFakeSlack();
      state = frozenState();
      engine = recorded(embeddedEngine(state));
      slack = slackApp(fake, state, engine.engine);
      const { port } = await slack.start({ port: 0, host: '127.0.0.1' });
      url = `http://127.0.0.1:${port}/slack/events`;
    }, 60_000);

    afterAll(async () => {
      await slack?.stop();
      await fake?.close();
    });

    const dm = (user: string, channel: string, text: string) =>
      envelope({ type: 'message', channel_type: 'im', user, text, ts: nextTs(), channel });

    it('refuses forged, altered, unsigned and stale requests with 401, answering nothing', async () => {
      const send = slackSender(url, SIGNING_SECRET);
      const now = Math.floor(Date.now() / 1000);
      const asked = engine.asked.length;
      const statuses: Record<string, number> = {};

      statuses['wrong secret'] = (
        await send.event(dm('UFORGE', 'DFORGE', 'hello'), { secret: 'not-the-secret' })
      ).status;
      statuses['wrong secret, slash command'] = (
        await send.form(commandFields('hello', { user_id: 'UFORGE' }), { secret: 'nope' })
      ).status;

      // Signed for one body, sent with another.
      const signedBody = JSON.stringify(dm('UFORGE', 'DFORGE', 'hello'));
      const altered = signedBody.replace('hello', 'list every student');
      const headersFor = (body: string, timestamp = now): Record<string, string> => ({
        'content-type': 'application/json',
        ...slackSignature(SIGNING_SECRET, body, timestamp),
      });
      statuses['altered body'] = (
        await fetch(url, { method: 'POST', headers: headersFor(signedBody), body: altered })
      ).status;
      const unsigned = (headers: Record<string, string>) =>
        fetch(url, { method: 'POST', headers, body: signedBody });
      const full = slackSignature(SIGNING_SECRET, signedBody, now);
      statuses['no signature header'] = (
        await unsigned({
          'content-type': 'application/json',
          'x-slack-request-timestamp': full['x-slack-request-timestamp'] ?? '',
        })
      ).status;
      statuses['no timestamp header'] = (
        await unsigned({
          'content-type': 'application/json',
          'x-slack-signature': full['x-slack-signature'] ?? '',
        })
      ).status;
      statuses['no headers'] = (await unsigned({ 'content-type': 'application/json' })).status;
      // Correctly signed, but 5 minutes and 1 second old: a request captured and replayed late.
      statuses['stale (301 s)'] = (
        await send.event(dm('UFORGE', 'DFORGE', 'hello'), { timestamp: now - 301 })
      ).status;
      statuses['stale (1 hour)'] = (
        await send.form(commandFields('hello', { user_id: 'UFORGE' }), { timestamp: now - 3600 })
      ).status;

      expect(Object.values(statuses)).toEqual(Object.values(statuses).map(() => 401));
      expect(engine.asked.length).toBe(asked);
      expect(postsTo('DFORGE')).toEqual([]);
      expect(fake.callsOf('chat.postMessage').filter((c) => c.args.channel === 'CGENERAL')).toEqual(
        [],
      );
      figures.push(
        `- Slack, refused with 401 and nothing posted or asked: ${Object.entries(statuses)
          .map(([what, status]) => `${what} → ${status}`)
          .join('; ')}`,
      );
    });

    it('answers a replayed request once: Bolt lets it through within 5 minutes, the bot does not', async () => {
      const send = slackSender(url, SIGNING_SECRET);
      const signedAt = Math.floor(Date.now() / 1000) - 240;
      // The same bytes, the same signature, three times within the window.
      const event = dm('UREPLAY', 'DREPLAY', 'hello');
      const eventStatuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        eventStatuses.push((await send.event(event, { timestamp: signedAt })).status);
      }
      const command = commandFields('what events are on this week?', {
        user_id: 'UREPLAY',
        channel_id: 'CREPLAY',
      });
      const commandStatuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        commandStatuses.push((await send.form(command, { timestamp: signedAt })).status);
      }
      // Past the window, the same captured request is refused.
      const late = await send.event(event, { timestamp: signedAt - 120 });

      expect(eventStatuses).toEqual([200, 200, 200]);
      expect(commandStatuses).toEqual([200, 200, 200]);
      expect(late.status).toBe(401);
      expect(postsTo('DREPLAY')).toHaveLength(1);
      const asked = postsTo('CREPLAY').filter((call) => call.args.thread_ts === undefined);
      expect(asked).toHaveLength(1);
      figures.push(
        '- Slack replay: Bolt checks the signature and that the timestamp is under 5 minutes old, and remembers nothing, so an identical request sent 3 times within the window is accepted 3 times (200); the bot answers it once (event_id for events, trigger_id for commands and buttons). Past 5 minutes the same request is refused (401).',
      );
    });

    it('answers Slack’s retries of one event once', async () => {
      const send = slackSender(url, SIGNING_SECRET);
      const event = dm('URETRY', 'DRETRY', 'what events are on this week?');
      const statuses: number[] = [];
      statuses.push((await send.event(event)).status);
      for (const retryNum of [1, 2, 3])
        statuses.push((await send.event(event, { retryNum })).status);
      expect(statuses).toEqual([200, 200, 200, 200]);
      expect(postsTo('DRETRY')).toHaveLength(1);
      figures.push(
        '- Slack retries (x-slack-retry-num 1, 2, 3) of one event: answered 1 time of 4',
      );
    });

    it('limits a burst of 100 messages from one person: the first answered, one notice, other people unaffected', async () => {
      const send = slackSender(url, SIGNING_SECRET);
      const others = ['UOTHER1', 'UOTHER2', 'UOTHER3'];
      const requests: Promise<Response>[] = [];
      for (let i = 0; i < BURST; i++) {
        requests.push(
          send.event(dm('UBURST', 'DBURST', `Quels événements cette semaine ? (${i})`)),
        );
        if (i % 30 === 15) {
          const other = others[Math.floor(i / 30)] ?? 'UOTHER1';
          requests.push(send.event(dm(other, `D${other}`, 'What events are on this week?')));
        }
      }
      const statuses = (await Promise.all(requests)).map((r) => r.status);
      expect(statuses.every((status) => status === 200)).toBe(true);

      const texts = postsTo('DBURST').map((call) => String(call.args.text));
      const notices = texts.filter((text) => isNotice(text, 'fr'));
      expect(texts.length - notices.length).toBe(LIMIT);
      expect(notices).toHaveLength(1);
      for (const other of others) {
        const answers = postsTo(`D${other}`).map((call) => String(call.args.text));
        expect(answers).toHaveLength(1);
        expect(isNotice(answers[0] ?? '', 'en')).toBe(false);
      }
      figures.push(
        `- Slack burst: ${BURST} DMs at once from one person (limit ${LIMIT} a minute): ${texts.length - notices.length} answered, ${notices.length} notice (in French: “${notices[0]}”), ${BURST - texts.length} not answered; 3 other people writing meanwhile: 3 of 3 answered normally`,
      );
    });

    it('binds a person who sends a code, without the code reaching a log', async () => {
      const send = slackSender(url, SIGNING_SECRET);
      const code = await world.code({ studentId: DEMO_IDS.studentAllClear });
      codes.push(code);
      await send.event(dm('UBIND', 'DBIND', `bind ${code}`));
      const reply = String(postsTo('DBIND')[0]?.args.text);
      expect(reply).not.toContain(code);
      const bound = await world.service.bindings.resolve('slack', 'UBIND');
      expect(bound.subject).toEqual({ kind: 'student', id: DEMO_IDS.studentAllClear });
    });
  });

  describe.skipIf(redisUrl === undefined)('Slack: two bot instances sharing Redis', () => {
    it('answers an event and its retries once, whichever instance receives them', async () => {
      const fake = await startFakeSlack();
      const prefix = `passerelle:reliability:${randomUUID()}:`;
      const states = [0, 1].map(() => createRedisState({ url: redisUrl ?? '', prefix }));
      const apps = states.map((state) => slackApp(fake, state, embeddedEngine(state)));
      const senders = [];
      for (const app of apps) {
        const { port } = await app.start({ port: 0, host: '127.0.0.1' });
        senders.push(slackSender(`http://127.0.0.1:${port}/slack/events`, SIGNING_SECRET));
      }
      const [a, b] = senders;
      if (a === undefined || b === undefined) throw new Error('two instances expected');
      try {
        let sent = 0;
        for (let n = 0; n < 10; n++) {
          const event = envelope({
            type: 'message',
            channel_type: 'im',
            user: 'UTWO',
            text: 'what events are on this week?',
            ts: nextTs(),
            channel: `DTWO${n}`,
          });
          // The first delivery and its retries, at once, spread over both instances.
          const all = await Promise.all([
            a.event(event),
            b.event(event, { retryNum: 1 }),
            a.event(event, { retryNum: 2 }),
            b.event(event, { retryNum: 3 }),
          ]);
          sent += all.length;
          expect(all.map((r) => r.status)).toEqual([200, 200, 200, 200]);
        }
        const posts = fake.callsOf('chat.postMessage');
        for (let n = 0; n < 10; n++) {
          expect(posts.filter((call) => call.args.channel === `DTWO${n}`)).toHaveLength(1);
        }
        figures.push(
          `- Slack, two instances sharing Redis: 10 events each delivered 4 times at once across both (${sent} requests): 10 answers, each event once`,
        );
      } finally {
        for (const app of apps) await app.stop();
        for (const state of states) await state.close();
        await fake.close();
      }
    });
  });

  describe('WeChat Official Account callback', () => {
    let server: Server;
    let base: string;
    let engine: ReturnType<typeof recorded>;
    let msgId = 7_400_000_000_000_000_000n;
    const nextMsgId = () => String(msgId++);

    beforeAll(async () => {
      const state = frozenState();
      engine = recorded(embeddedEngine(state));
      const receiver = createOfficialAccountReceiver({
        engine: engine.engine,
        state,
        token: WECHAT_TOKEN,
        encodingAESKey: AES_KEY,
        appId: APP_ID,
        // Under a burst on two shared cores an answer may take more than WeChat's 4 s; the
        // late-answer path is tested elsewhere (official.test.ts). Here every answer is passive.
        replyWithinMs: 120_000,
        log: sink.wechat,
      });
      server = createServer((req, res) => receiver.listener(req, res));
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`;
    });

    afterAll(() => {
      server?.closeAllConnections();
      server?.close();
    });

    function query(options: { timestamp?: number; token?: string; nonce?: string } = {}) {
      const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
      const nonce = options.nonce ?? String(Math.floor(Math.random() * 1e9));
      return new URLSearchParams({
        signature: sha1Signature(options.token ?? WECHAT_TOKEN, timestamp, nonce),
        timestamp,
        nonce,
      });
    }

    const post = (params: URLSearchParams, body: string) =>
      fetch(`${base}?${params}`, { method: 'POST', body, headers: { 'content-type': 'text/xml' } });

    /** The passive reply's text, or '' for "success". */
    const contentOf = async (response: Response) => {
      const text = await response.text();
      return text === 'success' ? '' : (fieldsOf(text).Content ?? '');
    };

    it('refuses forged, altered and stale callbacks and answers a replay once', async () => {
      const asked = engine.asked.length;
      const statuses: Record<string, number> = {};
      const xml = (content: string, id = nextMsgId()) =>
        messageXml({ from: 'o_forger', content, msgId: id });
      statuses['signed with another token'] = (
        await post(query({ token: 'not-the-token' }), xml('hello'))
      ).status;
      statuses['no signature'] = (
        await fetch(`${base}?timestamp=1&nonce=2`, { method: 'POST', body: xml('hello') })
      ).status;
      const stale = query({ timestamp: Math.floor(Date.now() / 1000) - 301 });
      statuses['stale (301 s)'] = (await post(stale, xml('hello'))).status;

      // Safe mode: msg_signature covers the encrypted body; altering it breaks the signature.
      const encrypted = encryptForTest(AES_KEY, APP_ID, xml('hello'));
      const timestamp = String(Math.floor(Date.now() / 1000));
      const nonce = '424242';
      const safe = (cipher: string, signed = cipher) => {
        const params = query({ timestamp: Number(timestamp), nonce });
        params.set('encrypt_type', 'aes');
        params.set('msg_signature', sha1Signature(WECHAT_TOKEN, timestamp, nonce, signed));
        return post(params, `<xml><ToUserName>gh_x</ToUserName><Encrypt>${cipher}</Encrypt></xml>`);
      };
      const flipped = `${encrypted.slice(0, 10)}${encrypted[10] === 'A' ? 'B' : 'A'}${encrypted.slice(11)}`;
      statuses['safe mode, altered body'] = (await safe(flipped, encrypted)).status;
      expect(statuses).toEqual({
        'signed with another token': 401,
        'no signature': 401,
        'stale (301 s)': 403,
        'safe mode, altered body': 401,
      });
      expect(engine.asked.length).toBe(asked);

      // A replay of one genuine callback (same query, same body), and WeChat's own redelivery
      // of one MsgId with a fresh signature: answered once.
      const id = nextMsgId();
      const genuine = query();
      const body = messageXml({
        from: 'o_replay',
        content: 'What events are on this week?',
        msgId: id,
      });
      const first = await contentOf(await post(genuine, body));
      const replayed = await contentOf(await post(genuine, body));
      const redelivered = await contentOf(await post(query(), body));
      expect(first).not.toBe('');
      expect([replayed, redelivered]).toEqual(['', '']);
      expect(engine.asked.filter((m) => m.channelUserId === 'o_replay')).toHaveLength(1);
      figures.push(
        `- WeChat callback, refused before the engine: ${Object.entries(statuses)
          .map(([what, status]) => `${what} → ${status}`)
          .join(
            '; ',
          )}; a callback replayed as it is and a MsgId redelivered with a new signature: 1 answer of 3 deliveries (the others “success”, nothing asked). In plain mode WeChat signs only timestamp and nonce, not the body: the body is authenticated only in safe mode.`,
      );
    });

    it('limits a burst of 100 messages from one OpenID with one notice, others unaffected', async () => {
      const requests: Promise<string>[] = [];
      const others: Promise<string>[] = [];
      for (let i = 0; i < BURST; i++) {
        const body = messageXml({
          from: 'o_burst',
          content: `这周有什么活动？${i}`,
          msgId: nextMsgId(),
        });
        requests.push(post(query(), body).then(contentOf));
        if (i % 30 === 15) {
          const other = messageXml({
            from: `o_other_${i}`,
            content: 'What events are on this week?',
            msgId: nextMsgId(),
          });
          others.push(post(query(), other).then(contentOf));
        }
      }
      const contents = await Promise.all(requests);
      const otherContents = await Promise.all(others);
      const answered = contents.filter((c) => c !== '' && !isNotice(c, 'zh'));
      const notices = contents.filter((c) => isNotice(c, 'zh'));
      expect(answered).toHaveLength(LIMIT);
      expect(notices).toHaveLength(1);
      expect(otherContents.every((c) => c !== '' && !isNotice(c, 'en'))).toBe(true);
      figures.push(
        `- WeChat callback burst: ${BURST} messages at once from one OpenID: ${answered.length} answered, ${notices.length} notice (in Chinese: “${notices[0]}”), ${BURST - answered.length - notices.length} “success” with nothing sent; ${otherContents.length} other OpenIDs meanwhile: ${otherContents.length} answered normally`,
      );
    });
  });

  describe('WeChat personal account on wechaty’s mock puppet', () => {
    const mocker = new mock.Mocker();
    const puppet = new PuppetMock({ mocker });
    const me = mocker.createContact({ name: 'Passerelle' });
    const burst = mocker.createContact({ name: 'Burst' });
    const others = [0, 1, 2].map((n) => mocker.createContact({ name: `Other ${n}` }));
    const said = new Map<string, string[]>();
    const record = (id: string) => (message: mock.MessageMock) => {
      if (message.payload.talkerId !== me.id) return;
      said.set(id, [...(said.get(id) ?? []), message.text() ?? '']);
    };
    for (const contact of [burst, ...others]) contact.on('message', record(contact.id));
    let bot: WechatyBot;
    let engine: ReturnType<typeof recorded>;

    beforeAll(async () => {
      const state = frozenState();
      engine = recorded(embeddedEngine(state));
      bot = createWechatyBot({
        engine: engine.engine,
        state,
        puppet,
        name: 'passerelle-reliability',
        log: sink.wechat,
      });
      await bot.start();
      const loggedIn = new Promise<void>((resolve) => bot.wechaty.once('login', () => resolve()));
      mocker.login(me);
      await loggedIn;
    }, 60_000);

    afterAll(async () => {
      await bot?.stop();
    }, 60_000);

    it('limits a burst of 100 messages from one contact with one notice, others unaffected', async () => {
      for (let i = 0; i < BURST; i++) {
        burst.say(`hello ${i}`).to(me);
        if (i % 30 === 15) others[Math.floor(i / 30)]?.say('What events are on this week?').to(me);
      }
      await until(() => engine.replies.length === BURST + others.length, 'every message', 120_000);
      await bot.idle();
      const texts = said.get(burst.id) ?? [];
      const notices = texts.filter((text) => isNotice(text, 'en'));
      expect(notices).toHaveLength(1);
      expect(texts.length - notices.length).toBe(LIMIT);
      expect(engine.replies.filter((r) => r.silent === true)).toHaveLength(BURST - LIMIT - 1);
      for (const other of others) {
        const answers = said.get(other.id) ?? [];
        expect(answers).toHaveLength(1);
        expect(isNotice(answers[0] ?? '', 'en')).toBe(false);
      }
      figures.push(
        `- wechaty (mock puppet) burst: ${BURST} messages from one contact: ${texts.length - notices.length} answered, ${notices.length} notice (in English: “${notices[0]}”), nothing for the other ${BURST - texts.length}; 3 other contacts meanwhile: 3 of 3 answered normally`,
      );
    }, 180_000);
  });
});

/**
 * The bot's composition as `npm run bot` starts it, from a configuration: the embedded engine
 * against the real API, Slack (Bolt's HTTP receiver, Web API played by a local server) and the
 * Official Account callback on loopback; one message through each, and a WeChat hand-off that
 * reaches the staff channel on Slack.
 */
import { DEMO_IDS } from '@passerelle/core/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBotConfig } from './config';
import { apiAvailable, type BotTestWorld, startBotTestApi } from './engine/test-api';
import { type BotLog, type RunningBot, startBot } from './main';
import { type FakeSlack, type SlackSender, slackSender, startFakeSlack } from './slack/fake-slack';
import { envelope, nextTs } from './slack/test-support';
import { fieldsOf, messageXml, sha1Signature } from './wechat/test-support';

const SIGNING_SECRET = 'main-signing-secret';
const WECHAT_TOKEN = 'main-wechat-token';

function quietLog(): BotLog & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), error: (m) => lines.push(`error: ${m}`) };
}

async function wechat(port: number, from: string, content: string, msgId: string) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(Math.floor(Math.random() * 1e9));
  const query = new URLSearchParams({
    signature: sha1Signature(WECHAT_TOKEN, timestamp, nonce),
    timestamp,
    nonce,
  });
  const res = await fetch(`http://127.0.0.1:${port}/?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: messageXml({ from, content, msgId }),
  });
  return { status: res.status, text: await res.text() };
}

describe.skipIf(!apiAvailable)('startBot', () => {
  let world: BotTestWorld;
  let fake: FakeSlack;
  let bot: RunningBot;
  let send: SlackSender;
  const log = quietLog();

  beforeAll(async () => {
    world = await startBotTestApi();
    fake = await startFakeSlack();
    await world.bind('slack', 'U-MAIN-STAFF', { staffId: DEMO_IDS.staff });
    const config = loadBotConfig({
      PASSERELLE_URL: world.url,
      PASSERELLE_TOKEN: world.tokens.service,
      SLACK_BOT_TOKEN: 'xoxb-main',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      SLACK_PORT: '0',
      HANDOFF_SLACK_CHANNEL: 'CSTAFF',
      WECHAT_TOKEN,
      WECHAT_PORT: '0',
      RATE_LIMIT_PER_MINUTE: '1000',
    });
    bot = await startBot(config, { log, host: '127.0.0.1', now: () => world.now });
    send = slackSender(`http://127.0.0.1:${bot.slackPort}/slack/events`, SIGNING_SECRET);
  }, 120_000);

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    await world?.close();
  }, 60_000);

  it('says what started', () => {
    expect(bot.engineKind).toBe('embedded');
    expect(log.lines).toContain('passerelle bot: engine: embedded');
    expect(log.lines).toContain('passerelle bot: state: memory');
    expect(log.lines.some((line) => /slack \(HTTP, port \d+\)/.test(line))).toBe(true);
    expect(log.lines.some((line) => /wechat official-account callback/.test(line))).toBe(true);
  });

  it('answers a staff direct message on Slack in its thread', async () => {
    const ts = nextTs();
    const res = await send.event(
      envelope({
        type: 'message',
        channel_type: 'im',
        channel: 'DMAIN',
        user: 'U-MAIN-STAFF',
        text: 'How many exchange students from France in 2025?',
        ts,
      }),
    );
    expect(res.status).toBe(200);
    await fake.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage'), 30_000);
    const [post] = fake.callsOf('chat.postMessage');
    expect(post?.args.channel).toBe('DMAIN');
    expect(post?.args.thread_ts).toBe(ts);
    expect(String(post?.args.text)).toContain('10 students');
  });

  it('answers on the Official Account callback, and hands a request for a person to Slack', async () => {
    // The first message warms the catalogue so the next ones answer within WeChat's window.
    await wechat(bot.wechatPort ?? 0, 'o_main_guest', 'hello', '9001');
    const events = await wechat(bot.wechatPort ?? 0, 'o_main_guest', 'help', '9002');
    expect(events.status).toBe(200);
    expect(fieldsOf(events.text)).toMatchObject({ ToUserName: 'o_main_guest', MsgType: 'text' });
    expect(fieldsOf(events.text).Content).toMatch(/\S/);

    fake.calls.length = 0;
    const person = await wechat(
      bot.wechatPort ?? 0,
      'o_main_guest',
      'I want to talk to a person',
      '9003',
    );
    expect(person.status).toBe(200);
    const staffPosts = fake.callsOf('chat.postMessage').filter((c) => c.args.channel === 'CSTAFF');
    expect(staffPosts).toHaveLength(1);
    expect(JSON.stringify(staffPosts[0]?.args)).toContain('I want to talk to a person');
  });

  it('uses the LLM engine when an OpenAI-compatible server is configured, and starts no channel', async () => {
    const quiet = quietLog();
    const llm = await startBot(
      loadBotConfig({
        PASSERELLE_URL: world.url,
        PASSERELLE_TOKEN: world.tokens.service,
        OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
      }),
      { log: quiet },
    );
    expect(llm.engineKind).toBe('llm');
    expect(quiet.lines.some((line) => line.includes('No channel is configured'))).toBe(true);
    await llm.stop();
  });
});

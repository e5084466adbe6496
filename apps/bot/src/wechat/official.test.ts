import { createServer, type IncomingMessage as HttpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Engine, IncomingMessage, Reply } from '../engine/types';
import { createMemoryState } from '../state/memory';
import { createCustomerServiceClient, WechatApiError } from './customer-service';
import { createWechatDeliverer } from './deliver';
import {
  createOfficialAccountReceiver,
  type OfficialAccountOptions,
  type OfficialAccountReceiver,
} from './official';
import { OFFICIAL_ACCOUNT_LIMIT } from './render';
import {
  decryptForTest,
  encryptForTest,
  fieldsOf,
  messageXml,
  newEncodingAESKey,
  sha1Signature,
} from './test-support';
import { textOnlyNote, welcomeNote } from './texts';

const TOKEN = 'passerelle-callback-token';
const APP_ID = 'wx5823bf96d3bd56c7';
const CORP_ID = 'wwcorp0000000001';
const ACCOUNT = 'gh_passerelle';
const AES_KEY = newEncodingAESKey();

const encrypt = (message: string, receiveId: string, key43 = AES_KEY) =>
  encryptForTest(key43, receiveId, message);
const decrypt = (encrypted: string) => decryptForTest(AES_KEY, encrypted);
const textMessageXml = messageXml;

let msgCounter = 7_300_000_000_000_000_000n;
const nextMsgId = () => String(msgCounter++);

function signedQuery(options: { timestamp?: number; extra?: Record<string, string> } = {}) {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = String(Math.floor(Math.random() * 1e9));
  const query = new URLSearchParams({
    signature: sha1Signature(TOKEN, timestamp, nonce),
    timestamp,
    nonce,
    ...options.extra,
  });
  return { query, timestamp, nonce };
}

// A scripted engine.

function scriptedEngine(delays: { slowMs: number }) {
  const asked: IncomingMessage[] = [];
  const engine: Engine = {
    async answer(message) {
      asked.push(message);
      const reply: Reply = {
        text: `You asked: ${message.text}`,
        language: 'en',
        citations: [],
        operations: [],
        followUps: [],
        handoff: null,
      };
      if (message.text === 'slow question') {
        await new Promise((resolve) => setTimeout(resolve, delays.slowMs));
        return { ...reply, text: 'A slow but careful answer.' };
      }
      if (message.text === 'long question') {
        return { ...reply, text: Array.from({ length: 3 }, () => '签'.repeat(600)).join('\n\n') };
      }
      return reply;
    },
  };
  return { engine, asked };
}

// A loopback stand-in for the customer-service message API.

interface FakeWechatApi {
  url: string;
  sent: { path: string; accessToken: string; body: Record<string, unknown> }[];
  tokenRequests: URLSearchParams[];
  /** errcodes to answer the next send requests with, in order. */
  failNextSends: number[];
  close(): Promise<void>;
}

async function readJson(req: HttpRequest): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.from(chunk));
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

async function startFakeWechatApi(): Promise<FakeWechatApi> {
  const fake: Omit<FakeWechatApi, 'url' | 'close'> = {
    sent: [],
    tokenRequests: [],
    failNextSends: [],
  };
  let issued = 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/cgi-bin/token' || url.pathname === '/cgi-bin/gettoken') {
      fake.tokenRequests.push(url.searchParams);
      issued += 1;
      json({ access_token: `ACCESS_TOKEN_${issued}`, expires_in: 7200 });
      return;
    }
    if (
      url.pathname === '/cgi-bin/message/custom/send' ||
      url.pathname === '/cgi-bin/message/send'
    ) {
      void readJson(req).then((body) => {
        const failure = fake.failNextSends.shift();
        if (failure !== undefined) {
          json({ errcode: failure, errmsg: 'invalid credential' });
          return;
        }
        fake.sent.push({
          path: url.pathname,
          accessToken: url.searchParams.get('access_token') ?? '',
          body,
        });
        json({ errcode: 0, errmsg: 'ok' });
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

// The receiver under test, over real HTTP.

interface Running {
  url: string;
  receiver: OfficialAccountReceiver;
  asked: IncomingMessage[];
  logs: { event: string; detail: Record<string, unknown> }[];
  close(): Promise<void>;
}

async function startReceiver(
  options: Partial<OfficialAccountOptions> = {},
  slowMs = 400,
): Promise<Running> {
  const { engine, asked } = scriptedEngine({ slowMs });
  const logs: Running['logs'] = [];
  const receiver = createOfficialAccountReceiver({
    engine,
    state: createMemoryState(),
    token: TOKEN,
    log: (event, detail) => logs.push({ event, detail }),
    ...options,
  });
  const server: Server = createServer((req, res) => receiver.listener(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/wechat`,
    receiver,
    asked,
    logs,
    close: async () => {
      await receiver.idle();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function post(running: Running, query: URLSearchParams, body: string) {
  const res = await fetch(`${running.url}?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body,
  });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

describe('Official Account callback in plain mode', () => {
  let api: FakeWechatApi;
  let running: Running;
  beforeAll(async () => {
    api = await startFakeWechatApi();
    running = await startReceiver({
      replyWithinMs: 150,
      customerService: createCustomerServiceClient({
        kind: 'official-account',
        appId: APP_ID,
        secret: 'app-secret',
        apiBase: api.url,
      }),
    });
  });
  afterAll(async () => {
    await running.close();
    await api.close();
  });

  it('verifies the URL by sending echostr back', async () => {
    const { query } = signedQuery({ extra: { echostr: '6230932184830231873' } });
    const res = await fetch(`${running.url}?${query}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('6230932184830231873');
  });

  it('refuses URL verification with a bad signature', async () => {
    const { query } = signedQuery({ extra: { echostr: 'abc' } });
    query.set('signature', sha1Signature('wrong-token', '1', '2'));
    const res = await fetch(`${running.url}?${query}`);
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('abc');
  });

  it('answers a text message with a passive reply', async () => {
    const { query } = signedQuery();
    const res = await post(
      running,
      query,
      textMessageXml({ content: 'How do I open a bank account?', msgId: nextMsgId() }),
    );
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/xml/);
    const reply = fieldsOf(res.text);
    expect(reply).toMatchObject({
      ToUserName: 'o_student_1',
      FromUserName: ACCOUNT,
      MsgType: 'text',
      Content: 'You asked: How do I open a bank account?',
    });
    expect(Math.abs(Number(reply.CreateTime) - Date.now() / 1000)).toBeLessThan(60);
    expect(running.asked.at(-1)).toMatchObject({
      channel: 'wechat',
      channelUserId: 'o_student_1',
      conversationId: 'o_student_1',
    });
  });

  it('refuses a message with a bad signature before reading it', async () => {
    const before = running.asked.length;
    const { query } = signedQuery();
    query.set('signature', '0'.repeat(40));
    const res = await post(running, query, '<not xml at all');
    expect(res.status).toBe(401);
    expect(res.text).toBe('bad signature');
    const missing = await post(running, new URLSearchParams(), textMessageXml());
    expect(missing.status).toBe(401);
    expect(running.asked.length).toBe(before);
  });

  it('refuses a replayed request whose timestamp is older than 5 minutes', async () => {
    const before = running.asked.length;
    const old = Math.floor(Date.now() / 1000) - 301;
    const { query } = signedQuery({ timestamp: old });
    const res = await post(running, query, textMessageXml({ msgId: nextMsgId() }));
    expect(res.status).toBe(403);
    const verify = signedQuery({ timestamp: old, extra: { echostr: 'x' } });
    expect((await fetch(`${running.url}?${verify.query}`)).status).toBe(403);
    expect(running.asked.length).toBe(before);
  });

  it('answers a message WeChat delivers again (same MsgId) once', async () => {
    const before = running.asked.length;
    const msgId = nextMsgId();
    const body = textMessageXml({ content: 'Who is my advisor?', msgId });
    const first = await post(running, signedQuery().query, body);
    const second = await post(running, signedQuery().query, body);
    expect(fieldsOf(first.text).Content).toBe('You asked: Who is my advisor?');
    expect(second).toMatchObject({ status: 200, text: 'success' });
    expect(running.asked.length).toBe(before + 1);
  });

  it('answers "success" when the engine is slow, then sends the answer through customer service', async () => {
    const res = await post(
      running,
      signedQuery().query,
      textMessageXml({ from: 'o_slow', content: 'slow question', msgId: nextMsgId() }),
    );
    expect(res.text).toBe('success');
    expect(api.sent.filter((s) => s.body.touser === 'o_slow')).toHaveLength(0);
    await running.receiver.idle();
    const sent = api.sent.filter((s) => s.body.touser === 'o_slow');
    expect(sent).toEqual([
      {
        path: '/cgi-bin/message/custom/send',
        accessToken: 'ACCESS_TOKEN_1',
        body: {
          touser: 'o_slow',
          msgtype: 'text',
          text: { content: 'A slow but careful answer.' },
        },
      },
    ]);
    expect(api.tokenRequests[0]?.get('appid')).toBe(APP_ID);
    expect(api.tokenRequests[0]?.get('grant_type')).toBe('client_credential');
  });

  it('sends an answer longer than 2,048 bytes as numbered customer-service messages', async () => {
    const res = await post(
      running,
      signedQuery().query,
      textMessageXml({ from: 'o_long', content: 'long question', msgId: nextMsgId() }),
    );
    expect(res.text).toBe('success');
    await running.receiver.idle();
    const contents = api.sent
      .filter((s) => s.body.touser === 'o_long')
      .map((s) => (s.body.text as { content: string }).content);
    expect(contents).toHaveLength(3);
    contents.forEach((content, i) => {
      expect(content.startsWith(`(${i + 1}/3) `)).toBe(true);
      expect(Buffer.byteLength(content)).toBeLessThanOrEqual(2048);
    });
  });

  it('answers pictures with a text-only note, transcribed voice as text, and follows', async () => {
    const image = await post(
      running,
      signedQuery().query,
      textMessageXml({ type: 'image', msgId: nextMsgId(), PicUrl: 'http://x/p.jpg' }),
    );
    expect(fieldsOf(image.text).Content).toBe(textOnlyNote);
    const voice = await post(
      running,
      signedQuery().query,
      textMessageXml({ type: 'voice', msgId: nextMsgId(), Recognition: '我的签证什么时候到期' }),
    );
    expect(fieldsOf(voice.text).Content).toBe('You asked: 我的签证什么时候到期');
    const follow = await post(
      running,
      signedQuery().query,
      textMessageXml({ type: 'event', Event: 'subscribe' }),
    );
    expect(fieldsOf(follow.text).Content).toBe(welcomeNote);
    const menu = await post(
      running,
      signedQuery().query,
      textMessageXml({ type: 'event', Event: 'VIEW', EventKey: 'https://x' }),
    );
    expect(menu.text).toBe('success');
  });

  it('refuses what is not a WeChat callback', async () => {
    expect((await post(running, signedQuery().query, '<xml><a>')).status).toBe(400);
    expect((await post(running, signedQuery().query, '<xml><A>1</A></xml>')).status).toBe(400);
    expect((await post(running, signedQuery().query, '<other/>')).status).toBe(400);
    const big = await post(running, signedQuery().query, `<xml>${'x'.repeat(70 * 1024)}</xml>`);
    expect(big.status).toBe(413);
    const put = await fetch(`${running.url}?${signedQuery().query}`, { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST');
    // Safe mode announced, but no <Encrypt> in the body.
    const { query } = signedQuery({
      extra: { encrypt_type: 'aes', msg_signature: 'a'.repeat(40) },
    });
    expect((await post(running, query, textMessageXml())).status).toBe(400);
  });

  it('delivers a staff reply through the customer-service API', async () => {
    const deliverer = createWechatDeliverer(
      createCustomerServiceClient({
        kind: 'official-account',
        appId: APP_ID,
        secret: 'app-secret',
        apiBase: `${api.url}/`,
      }),
      OFFICIAL_ACCOUNT_LIMIT,
    );
    await deliverer.deliver('wechat', 'o_staff_reply', 'Reply from the international office: yes.');
    expect(api.sent.at(-1)?.body).toEqual({
      touser: 'o_staff_reply',
      msgtype: 'text',
      text: { content: 'Reply from the international office: yes.' },
    });
  });
});

describe('Official Account callback in safe mode (AES)', () => {
  let running: Running;
  beforeAll(async () => {
    running = await startReceiver({ encodingAESKey: AES_KEY, appId: APP_ID, replyWithinMs: 150 });
  });
  afterAll(() => running.close());

  function encryptedRequest(inner: string, receiveId = APP_ID) {
    const encrypted = encrypt(inner, receiveId);
    const { query, timestamp, nonce } = signedQuery({ extra: { encrypt_type: 'aes' } });
    query.set('msg_signature', sha1Signature(TOKEN, timestamp, nonce, encrypted));
    query.set('openid', 'o_student_2');
    const body = `<xml><ToUserName><![CDATA[${ACCOUNT}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`;
    return { query, body, nonce };
  }

  it('decrypts the message and encrypts the passive reply', async () => {
    const inner = textMessageXml({
      from: 'o_student_2',
      content: 'Quand expire mon titre de séjour ?',
      msgId: nextMsgId(),
    });
    const { query, body, nonce } = encryptedRequest(inner);
    const res = await post(running, query, body);
    expect(res.status).toBe(200);
    const outer = fieldsOf(res.text);
    expect(outer.Content).toBeUndefined();
    expect(outer.Nonce).toBe(nonce);
    expect(outer.MsgSignature).toBe(
      sha1Signature(TOKEN, outer.TimeStamp ?? '', outer.Nonce ?? '', outer.Encrypt ?? ''),
    );
    const opened = decrypt(outer.Encrypt ?? '');
    expect(opened.receiveId).toBe(APP_ID);
    expect(fieldsOf(opened.message)).toMatchObject({
      ToUserName: 'o_student_2',
      FromUserName: ACCOUNT,
      MsgType: 'text',
      Content: 'You asked: Quand expire mon titre de séjour ?',
    });
  });

  it('refuses an encrypted message whose msg_signature does not match', async () => {
    const before = running.asked.length;
    const { query, body } = encryptedRequest(textMessageXml({ msgId: nextMsgId() }));
    query.set('msg_signature', sha1Signature('forged'));
    const res = await post(running, query, body);
    expect(res.status).toBe(401);
    expect(running.asked.length).toBe(before);
  });

  it('refuses a message encrypted for another account or with another key', async () => {
    const other = encryptedRequest(textMessageXml({ msgId: nextMsgId() }), 'wx_someone_else');
    expect((await post(running, other.query, other.body)).status).toBe(400);
    const wrongKey = newEncodingAESKey();
    const encrypted = encrypt(textMessageXml(), APP_ID, wrongKey);
    const { query, timestamp, nonce } = signedQuery({ extra: { encrypt_type: 'aes' } });
    query.set('msg_signature', sha1Signature(TOKEN, timestamp, nonce, encrypted));
    const res = await post(
      running,
      query,
      `<xml><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
    );
    expect(res.status).toBe(400);
  });
});

describe('WeCom app callback', () => {
  let running: Running;
  let api: FakeWechatApi;
  beforeAll(async () => {
    api = await startFakeWechatApi();
    running = await startReceiver(
      {
        kind: 'wecom',
        encodingAESKey: AES_KEY,
        appId: CORP_ID,
        replyWithinMs: 100,
        customerService: createCustomerServiceClient({
          kind: 'wecom',
          appId: CORP_ID,
          secret: 'corp-secret',
          agentId: 1000002,
          apiBase: api.url,
        }),
      },
      300,
    );
  });
  afterAll(async () => {
    await running.close();
    await api.close();
  });

  function wecomQuery(encrypted: string, timestamp = Math.floor(Date.now() / 1000)) {
    const nonce = String(Math.floor(Math.random() * 1e9));
    return new URLSearchParams({
      msg_signature: sha1Signature(TOKEN, String(timestamp), nonce, encrypted),
      timestamp: String(timestamp),
      nonce,
    });
  }

  it('verifies the URL by decrypting echostr', async () => {
    const echostr = encrypt('1616140317555161061', CORP_ID);
    const query = wecomQuery(echostr);
    query.set('echostr', echostr);
    const res = await fetch(`${running.url}?${query}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('1616140317555161061');
    query.set('msg_signature', sha1Signature(TOKEN, 'x'));
    expect((await fetch(`${running.url}?${query}`)).status).toBe(401);
  });

  it('answers an encrypted message with an encrypted passive reply', async () => {
    const inner = textMessageXml({
      from: 'zhangsan',
      to: CORP_ID,
      content: 'What events are on this week?',
      msgId: nextMsgId(),
      AgentID: '1000002',
    });
    const encrypted = encrypt(inner, CORP_ID);
    const res = await post(
      running,
      wecomQuery(encrypted),
      `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><AgentID><![CDATA[1000002]]></AgentID><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
    );
    expect(res.status).toBe(200);
    const opened = decrypt(fieldsOf(res.text).Encrypt ?? '');
    expect(opened.receiveId).toBe(CORP_ID);
    expect(fieldsOf(opened.message).Content).toBe('You asked: What events are on this week?');
  });

  it('refuses a plain message, and a stale one', async () => {
    const plain = await post(running, signedQuery().query, textMessageXml());
    expect(plain.status).toBe(400);
    const encrypted = encrypt(textMessageXml({ msgId: nextMsgId() }), CORP_ID);
    const stale = await post(
      running,
      wecomQuery(encrypted, Math.floor(Date.now() / 1000) - 600),
      `<xml><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
    );
    expect(stale.status).toBe(403);
  });

  it('sends a late answer through the WeCom message API', async () => {
    const inner = textMessageXml({
      from: 'lisi',
      to: CORP_ID,
      content: 'slow question',
      msgId: nextMsgId(),
    });
    const encrypted = encrypt(inner, CORP_ID);
    const res = await post(
      running,
      wecomQuery(encrypted),
      `<xml><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
    );
    expect(res.text).toBe('success');
    await running.receiver.idle();
    expect(api.sent).toEqual([
      {
        path: '/cgi-bin/message/send',
        accessToken: 'ACCESS_TOKEN_1',
        body: {
          touser: 'lisi',
          msgtype: 'text',
          agentid: 1000002,
          text: { content: 'A slow but careful answer.' },
        },
      },
    ]);
    expect(api.tokenRequests[0]?.get('corpid')).toBe(CORP_ID);
    expect(api.tokenRequests[0]?.get('corpsecret')).toBe('corp-secret');
  });
});

describe('without a customer-service sender', () => {
  let running: Running;
  beforeAll(async () => {
    running = await startReceiver({ replyWithinMs: 50 }, 150);
  });
  afterAll(() => running.close());

  it('answers "success" to a slow question and logs the answer it could not send', async () => {
    const res = await post(
      running,
      signedQuery().query,
      textMessageXml({ content: 'slow question', msgId: nextMsgId() }),
    );
    expect(res.text).toBe('success');
    await running.receiver.idle();
    expect(running.logs.map((l) => l.event)).toContain('wechat.late_answer_dropped');
  });

  it('sends the first part of a long answer as the passive reply', async () => {
    const res = await post(
      running,
      signedQuery().query,
      textMessageXml({ content: 'long question', msgId: nextMsgId() }),
    );
    expect(fieldsOf(res.text).Content?.startsWith('(1/3) ')).toBe(true);
    expect(running.logs.map((l) => l.event)).toContain('wechat.parts_dropped');
  });
});

describe('createOfficialAccountReceiver', () => {
  const { engine } = scriptedEngine({ slowMs: 0 });
  const state = createMemoryState();
  it('refuses an incomplete configuration', () => {
    expect(() => createOfficialAccountReceiver({ engine, state, token: '' })).toThrow(/Token/);
    expect(() =>
      createOfficialAccountReceiver({ engine, state, token: 't', encodingAESKey: 'short' }),
    ).toThrow(/43/);
    expect(() =>
      createOfficialAccountReceiver({ engine, state, token: 't', encodingAESKey: AES_KEY }),
    ).toThrow(/AppID/);
    expect(() =>
      createOfficialAccountReceiver({ engine, state, token: 't', kind: 'wecom', appId: CORP_ID }),
    ).toThrow(/EncodingAESKey/);
  });
});

describe('createCustomerServiceClient', () => {
  let api: FakeWechatApi;
  beforeAll(async () => {
    api = await startFakeWechatApi();
  });
  afterEach(() => {
    api.sent.length = 0;
    api.tokenRequests.length = 0;
  });
  afterAll(() => api.close());

  it('reuses its access token, and fetches a new one when WeChat says it expired', async () => {
    const client = createCustomerServiceClient({
      kind: 'official-account',
      appId: APP_ID,
      secret: 's',
      apiBase: api.url,
    });
    await client.sendText('o_1', 'one');
    await client.sendText('o_1', 'two');
    expect(api.tokenRequests).toHaveLength(1);
    api.failNextSends.push(42001);
    await client.sendText('o_1', 'three');
    expect(api.tokenRequests).toHaveLength(2);
    expect(api.sent.map((s) => [s.accessToken, s.body.text])).toEqual([
      ['ACCESS_TOKEN_1', { content: 'one' }],
      ['ACCESS_TOKEN_1', { content: 'two' }],
      ['ACCESS_TOKEN_2', { content: 'three' }],
    ]);
  });

  it('reports any other WeChat error', async () => {
    const client = createCustomerServiceClient({
      kind: 'official-account',
      appId: APP_ID,
      secret: 's',
      apiBase: api.url,
    });
    api.failNextSends.push(45015);
    const error = await client.sendText('o_1', 'late').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WechatApiError);
    expect(error).toMatchObject({ errcode: 45015 });
    const broken = createCustomerServiceClient({
      kind: 'official-account',
      appId: APP_ID,
      secret: 's',
      apiBase: `${api.url}/missing`,
    });
    await expect(broken.sendText('o_1', 'x')).rejects.toThrow(/HTTP 404/);
  });

  it('needs the agent id of a WeCom app', () => {
    expect(() =>
      createCustomerServiceClient({ kind: 'wecom', appId: CORP_ID, secret: 's' }),
    ).toThrow(/AgentId/);
  });
});

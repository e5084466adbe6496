/**
 * Both WeChat routes in front of the real embedded engine, which reaches the real API over
 * HTTP (PGlite, the API's fixture world): what a student on WeChat would read.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { startTestApi, type TestApi } from '../../../api/test/helpers';
import { createEmbeddedEngine } from '../engine/embedded';
import type { Engine } from '../engine/types';
import { apiClient } from '../http';
import { createMemoryState } from '../state/memory';
import type { BotState } from '../state/types';
import { createOfficialAccountReceiver } from './official';
import {
  decryptForTest,
  encryptForTest,
  fieldsOf,
  messageXml,
  newEncodingAESKey,
  sha1Signature,
  until,
} from './test-support';
import { createWechatyBot, type WechatyBot } from './wechaty';

let api: TestApi;
let engine: Engine;
let state: BotState;

beforeAll(async () => {
  api = await startTestApi();
  state = createMemoryState();
  engine = createEmbeddedEngine({
    client: apiClient({ baseUrl: api.url, token: api.tokens.service, maxRetries: 0 }),
    state,
  });
}, 60_000);

afterAll(async () => {
  await api?.close();
}, 60_000);

describe('wechaty with the real engine', () => {
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const me = mocker.createContact({ name: 'Passerelle' });
  const alice = mocker.createContact({ name: 'Alice' });
  const room = mocker.createRoom({ topic: '留学生群', memberIdList: [me.id, alice.id] });
  const toAlice: string[] = [];
  const inRoom: string[] = [];
  alice.on('message', (m) => {
    if (m.payload.talkerId === me.id && m.payload.roomId === undefined)
      toAlice.push(m.text() ?? '');
  });
  room.on('message', (m) => {
    if (m.payload.talkerId === me.id) inRoom.push(m.text() ?? '');
  });
  let bot: WechatyBot;

  beforeAll(async () => {
    bot = createWechatyBot({ engine, state, puppet, name: 'passerelle-e2e' });
    await bot.start();
    const loggedIn = new Promise<void>((resolve) => bot.wechaty.once('login', () => resolve()));
    mocker.login(me);
    await loggedIn;
  }, 60_000);

  afterAll(async () => {
    await bot?.stop();
  }, 60_000);

  it('answers "help" with numbered hints, and a digit with the hint it numbers', async () => {
    alice.say('help').to(me);
    await until(() => toAlice.length === 1, 'the help answer', 15_000);
    const help = toAlice[0] ?? '';
    expect(help).toMatch(/Passerelle/);
    expect(help).toContain('Reply 1: Events this week');
    expect(help).not.toMatch(/\*\*|\]\(/);

    alice.say('1').to(me);
    await until(() => toAlice.length === 2, 'the events answer', 15_000);
    const events = toAlice[1] ?? '';
    expect(events).toMatch(/event/i);
    expect(events).not.toContain('Reply 1: Events this week');
  }, 30_000);

  it('answers a mention in a group in Chinese, mentioning the sender', async () => {
    alice.say('@Passerelle\u2005本周有什么活动？', [me]).to(room);
    await until(() => inRoom.length === 1, 'the answer in the group', 15_000);
    const answer = inRoom[0] ?? '';
    expect(answer.startsWith('@Alice ')).toBe(true);
    expect(answer).toMatch(/活动/);
    expect(answer).toMatch(/回复 1：/);
  }, 30_000);
});

describe('the Official Account callback with the real engine', () => {
  const token = 'e2e-token';
  const appId = 'wx_e2e_account';
  const aesKey = newEncodingAESKey();
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const receiver = createOfficialAccountReceiver({
      engine,
      state,
      token,
      encodingAESKey: aesKey,
      appId,
    });
    server = createServer((req, res) => receiver.listener(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('answers an encrypted French question with an encrypted French reply', async () => {
    const inner = messageXml({
      from: 'o_francoise',
      to: 'gh_e2e',
      content: 'Quels événements cette semaine ?',
      msgId: '7400000000000000001',
    });
    const encrypted = encryptForTest(aesKey, appId, inner);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = '424242';
    const query = new URLSearchParams({
      signature: sha1Signature(token, timestamp, nonce),
      timestamp,
      nonce,
      encrypt_type: 'aes',
      msg_signature: sha1Signature(token, timestamp, nonce, encrypted),
      openid: 'o_francoise',
    });
    const res = await fetch(`${url}?${query}`, {
      method: 'POST',
      body: `<xml><ToUserName><![CDATA[gh_e2e]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
    });
    expect(res.status).toBe(200);
    const outer = fieldsOf(await res.text());
    const opened = decryptForTest(aesKey, outer.Encrypt ?? '');
    expect(opened.receiveId).toBe(appId);
    const reply = fieldsOf(opened.message);
    expect(reply.ToUserName).toBe('o_francoise');
    expect(reply.Content).toMatch(/événement/i);
    expect(reply.Content).toMatch(/Répondez 1 : /);
    expect(Buffer.byteLength(reply.Content ?? '')).toBeLessThanOrEqual(2048);
  }, 30_000);
});

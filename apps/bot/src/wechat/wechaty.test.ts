import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { types } from 'wechaty';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import type { Engine, IncomingMessage, Reply } from '../engine/types';
import { createMemoryState } from '../state/memory';
import { createWechatDeliverer } from './deliver';
import { until } from './test-support';
import { textOnlyNote } from './texts';
import { createWechatyBot, isOfficialPuppet, type WechatyBot, wechatyOptions } from './wechaty';

/** An engine with scripted answers, recording what it was asked. */
function scriptedEngine() {
  const asked: IncomingMessage[] = [];
  const engine: Engine = {
    async answer(message) {
      asked.push(message);
      const base: Reply = {
        text: `You asked: ${message.text}`,
        language: 'en',
        citations: [],
        operations: [],
        followUps: [],
        handoff: null,
      };
      if (message.text === 'long answer please') {
        const paragraph = `${'The residence permit must be renewed in time. '.repeat(20).trim()}`;
        return { ...base, text: Array.from({ length: 6 }, () => paragraph).join('\n\n') };
      }
      if (message.text === 'events') {
        return {
          ...base,
          text: 'Two events this week.',
          followUps: [{ label: 'Register for the salon', text: 'register me for the salon' }],
        };
      }
      if (message.text === 'fail') throw new Error('engine down');
      return base;
    },
  };
  return { engine, asked };
}

describe('the wechaty bot on the mock puppet', () => {
  const { engine, asked } = scriptedEngine();
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const me = mocker.createContact({ name: 'Passerelle' });
  const alice = mocker.createContact({ name: 'Alice' });
  const bob = mocker.createContact({ name: 'Bob' });
  const room = mocker.createRoom({
    topic: 'International students 2025',
    memberIdList: [me.id, alice.id, bob.id],
  });
  let bot: WechatyBot;

  /** What the bot said to a contact or in the room, in order. */
  const said = new Map<string, string[]>();
  const record = (key: string) => (message: mock.MessageMock) => {
    if (message.payload.talkerId !== me.id) return;
    if (key !== room.id && message.payload.roomId !== undefined) return;
    said.set(key, [...(said.get(key) ?? []), message.text() ?? '']);
  };
  alice.on('message', record(alice.id));
  bob.on('message', record(bob.id));
  room.on('message', record(room.id));
  const saidTo = (key: string) => said.get(key) ?? [];

  beforeAll(async () => {
    bot = createWechatyBot({ engine, state: createMemoryState(), puppet, name: 'passerelle-test' });
    await bot.start();
    const loggedIn = new Promise<void>((resolve) => bot.wechaty.once('login', () => resolve()));
    mocker.login(me);
    await loggedIn;
  }, 60_000);

  afterAll(async () => {
    await bot?.stop();
  }, 60_000);

  it('answers a direct message', async () => {
    alice.say('When does my residence permit expire?').to(me);
    await until(() => saidTo(alice.id).length === 1, "the bot's answer");
    expect(saidTo(alice.id)).toEqual(['You asked: When does my residence permit expire?']);
    expect(asked.at(-1)).toMatchObject({
      channel: 'wechat',
      channelUserId: alice.id,
      conversationId: alice.id,
      text: 'When does my residence permit expire?',
    });
  });

  it('answers a group message that mentions it, in the group, mentioning the sender', async () => {
    alice.say('@Passerelle\u2005What events are on this week?', [me]).to(room);
    await until(() => saidTo(room.id).length === 1, 'the answer in the room');
    expect(saidTo(room.id)).toEqual(['@Alice You asked: What events are on this week?']);
    expect(asked.at(-1)).toMatchObject({
      channelUserId: alice.id,
      conversationId: room.id,
      text: 'What events are on this week?',
    });
  });

  it('ignores a group message that does not mention it', async () => {
    const before = asked.length;
    bob.say('Anyone for lunch?').to(room);
    bob.say('@Alice see you at the salon', [alice]).to(room);
    // A direct message after them: once it is answered, the group messages were handled too.
    bob.say('ping').to(me);
    await until(() => saidTo(bob.id).length === 1, 'the answer to ping');
    await bot.idle();
    expect(saidTo(room.id)).toHaveLength(1);
    expect(asked.slice(before).map((m) => m.text)).toEqual(['ping']);
  });

  it('splits a long answer into numbered messages within 2,000 characters', async () => {
    alice.say('long answer please').to(me);
    await until(() => saidTo(alice.id).length >= 3, 'the parts of the long answer');
    await bot.idle();
    const parts = saidTo(alice.id).slice(1);
    expect(parts.length).toBeGreaterThan(1);
    parts.forEach((part, i) => {
      expect(part.startsWith(`(${i + 1}/${parts.length}) `)).toBe(true);
      expect(Array.from(part).length).toBeLessThanOrEqual(2000);
    });
  });

  it('answers a message delivered twice only once', async () => {
    const before = saidTo(bob.id).length;
    const message = mocker.MessageMock.create({
      id: 'dup-message-1',
      talkerId: bob.id,
      listenerId: me.id,
      text: 'Who is my advisor?',
      timestamp: Date.now(),
      type: types.Message.Text,
    });
    puppet.emit('message', { messageId: message.id });
    puppet.emit('message', { messageId: message.id });
    await until(() => saidTo(bob.id).length > before, 'the answer');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await bot.idle();
    expect(saidTo(bob.id).slice(before)).toEqual(['You asked: Who is my advisor?']);
  });

  it('answers a picture or a voice message with a text-only note, and ignores itself', async () => {
    const before = saidTo(bob.id).length;
    for (const [id, type] of [
      ['image-1', types.Message.Image],
      ['voice-1', types.Message.Audio],
    ] as const) {
      mocker.MessageMock.create({
        id,
        talkerId: bob.id,
        listenerId: me.id,
        timestamp: Date.now(),
        type,
      });
      puppet.emit('message', { messageId: id });
    }
    await until(() => saidTo(bob.id).length === before + 2, 'two notes');
    expect(saidTo(bob.id).slice(before)).toEqual([textOnlyNote, textOnlyNote]);
  });

  it('takes a digit as the follow-up it numbers', async () => {
    const before = saidTo(bob.id).length;
    bob.say('events').to(me);
    await until(() => saidTo(bob.id).length === before + 1, 'the events answer');
    expect(saidTo(bob.id).at(-1)).toBe('Two events this week.\n\nReply 1: Register for the salon');
    bob.say('1').to(me);
    await until(() => saidTo(bob.id).length === before + 2, 'the follow-up answer');
    expect(saidTo(bob.id).at(-1)).toBe('You asked: register me for the salon');
  });

  it('apologises when the engine fails', async () => {
    const before = saidTo(bob.id).length;
    bob.say('fail').to(me);
    await until(() => saidTo(bob.id).length === before + 1, 'the apology');
    expect(saidTo(bob.id).at(-1)).toContain('Sorry, something went wrong');
  });

  it('delivers a staff reply to a contact through the deliverer', async () => {
    const before = saidTo(bob.id).length;
    const deliverer = createWechatDeliverer(bot);
    await deliverer.deliver('wechat', bob.id, 'Reply from the office: **bring** your passport.');
    await until(() => saidTo(bob.id).length === before + 1, 'the staff reply');
    expect(saidTo(bob.id).at(-1)).toBe('Reply from the office: bring your passport.');
    await expect(deliverer.deliver('slack', bob.id, 'x')).rejects.toThrow(/cannot deliver/);
    await expect(bot.sendText('nobody-here', 'x')).rejects.toThrow(/No WeChat contact/);
  });
});

describe('wechatyOptions', () => {
  it('loads a puppet by name with its token', () => {
    expect(
      wechatyOptions({ name: 'p', puppet: 'wechaty-puppet-service', puppetToken: 'puppet_t' }),
    ).toEqual({
      name: 'p',
      puppet: 'wechaty-puppet-service',
      puppetOptions: { token: 'puppet_t' },
    });
    expect(wechatyOptions({ name: 'p', puppet: 'wechaty-puppet-wechat4u' })).toEqual({
      name: 'p',
      puppet: 'wechaty-puppet-wechat4u',
    });
    expect(wechatyOptions({ name: 'p' })).toEqual({ name: 'p' });
  });

  it('refuses a puppet name wechaty cannot load', () => {
    expect(isOfficialPuppet('wechaty-puppet-mock')).toBe(true);
    expect(() => wechatyOptions({ name: 'p', puppet: 'wechaty-puppet-nope' })).toThrow(
      /WECHATY_PUPPET "wechaty-puppet-nope"/,
    );
  });
});

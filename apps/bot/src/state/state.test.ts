/**
 * One contract, two implementations: in memory always, Redis when REDIS_URL is set (each run
 * under its own key prefix, removed afterwards).
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createBotState } from './index';
import { createMemoryState } from './memory';
import { createRedisState } from './redis';
import type { BotState, HandoffRecord } from './types';
import { gapKey } from './types';

interface Subject {
  name: string;
  make(): BotState;
  /** Lets `ms` pass on the state's clock. */
  advance(ms: number): Promise<void>;
  cleanUp(): Promise<void>;
}

function memorySubject(): Subject {
  let clock = Date.parse('2025-11-20T02:00:00Z');
  return {
    name: 'memory',
    make: () => createMemoryState({ now: () => clock, sweepAbove: 5 }),
    advance: async (ms) => {
      clock += ms;
    },
    cleanUp: async () => {},
  };
}

function redisSubject(url: string): Subject {
  const prefix = `passerelle:test:${randomBytes(6).toString('hex')}:`;
  const states: BotState[] = [];
  return {
    name: 'redis',
    make: () => {
      const state = createRedisState({ url, prefix });
      states.push(state);
      return state;
    },
    // Redis keeps its own time: wait it out.
    advance: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    cleanUp: async () => {
      for (const state of states) await state.close();
      const redis = new Redis(url);
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    },
  };
}

const redisUrl = process.env.REDIS_URL;
const subjects: Subject[] = [
  memorySubject(),
  ...(redisUrl === undefined || redisUrl === '' ? [] : [redisSubject(redisUrl)]),
];

const handoff = (overrides: Partial<HandoffRecord> = {}): HandoffRecord => ({
  id: `hnd_${randomBytes(4).toString('hex')}`,
  channel: 'wechat',
  channelUserId: 'wx-1',
  conversationId: 'wx-1',
  language: 'zh',
  reason: 'requested',
  question: '我想找老师',
  createdAt: '2025-11-20T02:00:00.000Z',
  ...overrides,
});

describe.each(subjects)('BotState ($name)', (subject) => {
  let state: BotState;

  beforeEach(() => {
    state = subject.make();
  });

  afterAll(async () => {
    await subject.cleanUp();
  });

  it('marks an event as seen once, and forgets it after its TTL', async () => {
    expect(await state.seen('slack:Ev1', 1)).toBe(false);
    expect(await state.seen('slack:Ev1', 1)).toBe(true);
    expect(await state.seen('slack:Ev2', 1)).toBe(false);
    await subject.advance(1100);
    expect(await state.seen('slack:Ev1', 1)).toBe(false);
  });

  it('answers concurrent deliveries of one event exactly once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => state.seen('wechat:msg-42', 60)),
    );
    expect(answers.filter((seen) => !seen)).toHaveLength(1);
  });

  it('allows hits up to the limit in a window, then refuses until the window ends', async () => {
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await state.hit('rate:wx-1', 3, 1));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    expect(results[3]?.resetSeconds).toBeGreaterThan(0);
    expect(results[3]?.resetSeconds).toBeLessThanOrEqual(1);
    expect((await state.hit('rate:wx-2', 3, 1)).allowed).toBe(true);
    await subject.advance(1100);
    const fresh = await state.hit('rate:wx-1', 3, 1);
    expect(fresh).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('counts concurrent hits atomically', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, () => state.hit('rate:burst', 10, 60)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });

  it('keeps a conversation context until its TTL, as a copy', async () => {
    expect(await state.getContext('wechat:wx-1')).toBeUndefined();
    const context = {
      lastIntent: 'events_upcoming',
      language: 'fr' as const,
      lastEvents: [
        { id: 'evt_1', title: 'Salon' },
        { id: 'evt_2', title: 'Basket' },
      ],
      pending: { action: 'event_cancel', data: { eventId: 'evt_1' }, expiresAt: 'x' },
    };
    await state.setContext('wechat:wx-1', context, 1);
    context.lastEvents.push({ id: 'evt_3', title: 'changed after saving' });
    const read = await state.getContext('wechat:wx-1');
    expect(read?.lastEvents?.map((e) => e.id)).toEqual(['evt_1', 'evt_2']);
    expect(read?.language).toBe('fr');
    expect(read?.pending?.data.eventId).toBe('evt_1');
    await subject.advance(1100);
    expect(await state.getContext('wechat:wx-1')).toBeUndefined();
  });

  it('finds a hand-off by its person, and by its staff thread once posted', async () => {
    const record = handoff();
    await state.saveHandoff(record);
    expect(await state.findHandoffByUser('wechat', 'wx-1')).toEqual(record);
    expect(await state.findHandoffByThread('1700000000.000100')).toBeUndefined();
    const posted = { ...record, staffThreadId: '1700000000.000100' };
    await state.saveHandoff(posted);
    expect(await state.findHandoffByThread('1700000000.000100')).toEqual(posted);
    expect(await state.findHandoffByUser('wechat', 'wx-1')).toEqual(posted);
    expect(await state.findHandoffByUser('wechat', 'wx-2')).toBeUndefined();
    expect(await state.findHandoffByUser('slack', 'wx-1')).toBeUndefined();
  });

  it("keeps a person's latest hand-off, and lets hand-offs expire", async () => {
    await state.saveHandoff(handoff({ id: 'hnd_old', channelUserId: 'wx-9' }), 1);
    await state.saveHandoff(
      handoff({ id: 'hnd_new', channelUserId: 'wx-9', staffThreadId: 't-9' }),
      1,
    );
    expect((await state.findHandoffByUser('wechat', 'wx-9'))?.id).toBe('hnd_new');
    await subject.advance(1100);
    expect(await state.findHandoffByUser('wechat', 'wx-9')).toBeUndefined();
    expect(await state.findHandoffByThread('t-9')).toBeUndefined();
  });

  it('counts unanswered questions, the same question once, most asked first', async () => {
    const at = new Date('2025-11-20T02:00:00Z');
    await state.recordGap({ question: 'Where can I park my bike?', language: 'en', at });
    await state.recordGap({
      question: '  where can I   park my BIKE ',
      language: 'en',
      at: new Date('2025-11-21T02:00:00Z'),
    });
    await state.recordGap({ question: '哪里可以停自行车？', language: 'zh', at });
    await state.recordGap({ question: '   ', language: 'en', at });
    const gaps = await state.listGaps();
    expect(gaps).toHaveLength(2);
    expect(gaps[0]).toEqual({
      question: 'Where can I park my bike?',
      language: 'en',
      count: 2,
      firstAskedAt: '2025-11-20T02:00:00.000Z',
      lastAskedAt: '2025-11-21T02:00:00.000Z',
    });
    expect(gaps[1]).toMatchObject({ question: '哪里可以停自行车？', language: 'zh', count: 1 });
    expect(await state.listGaps(1)).toHaveLength(1);
  });

  it('counts concurrent reports of one gap atomically', async () => {
    const at = new Date('2025-11-22T02:00:00Z');
    await Promise.all(
      Array.from({ length: 8 }, () =>
        state.recordGap({ question: 'Is there a swimming pool?', language: 'en', at }),
      ),
    );
    const gap = (await state.listGaps(50)).find((g) => g.question === 'Is there a swimming pool?');
    expect(gap?.count).toBe(8);
  });
});

describe('the in-memory state', () => {
  it('sweeps expired entries as it grows, and keeps the live ones', async () => {
    let clock = 0;
    const state = createMemoryState({ now: () => clock, sweepAbove: 3 });
    for (let i = 0; i < 5; i++) await state.seen(`old-${i}`, 1);
    clock += 2000;
    for (let i = 0; i < 5; i++) expect(await state.seen(`new-${i}`, 60)).toBe(false);
    expect(await state.seen('old-1', 1)).toBe(false);
    expect(await state.seen('new-4', 60)).toBe(true);
  });
});

describe.skipIf(redisUrl === undefined || redisUrl === '')('the Redis state', () => {
  it('ignores what it cannot read rather than failing', async () => {
    const prefix = `passerelle:test:${randomBytes(6).toString('hex')}:`;
    const redis = new Redis(redisUrl ?? '');
    const state = createRedisState({ client: redis, prefix });
    await redis.set(`${prefix}ctx:broken`, '{not json');
    expect(await state.getContext('broken')).toBeUndefined();
    await redis.hset(`${prefix}{gaps}:bad`, { question: 'q', language: 'xx', count: '1' });
    await redis.zadd(`${prefix}{gaps}:ranking`, 5, 'bad');
    await state.recordGap({ question: 'Is there a pool?', language: 'en', at: new Date(0) });
    expect((await state.listGaps()).map((gap) => gap.question)).toEqual(['Is there a pool?']);
    expect(await redis.zscore(`${prefix}{gaps}:ranking`, 'bad')).toBeNull();
    // A connection it was given is the caller's to close.
    await state.close();
    expect(await redis.ping()).toBe('PONG');
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });
});

describe('gapKey', () => {
  it('ignores case, spacing and final punctuation', () => {
    expect(gapKey('  Where is  the GYM?? ')).toBe('where is the gym');
    expect(gapKey('健身房在哪？')).toBe('健身房在哪');
  });
});

describe('createBotState', () => {
  it('keeps state in memory without REDIS_URL', async () => {
    const state = createBotState({ REDIS_URL: undefined, REDIS_PREFIX: 'x:' });
    expect(await state.seen('a', 10)).toBe(false);
    expect(await state.seen('a', 10)).toBe(true);
    await state.close();
  });

  it.skipIf(redisUrl === undefined || redisUrl === '')(
    'shares state through Redis with REDIS_URL',
    async () => {
      const prefix = `passerelle:test:${randomBytes(6).toString('hex')}:`;
      const config = { REDIS_URL: redisUrl, REDIS_PREFIX: prefix };
      const one = createBotState(config);
      const two = createBotState(config);
      expect(await one.seen('shared', 10)).toBe(false);
      expect(await two.seen('shared', 10)).toBe(true);
      await one.close();
      await two.close();
      const redis = new Redis(redisUrl ?? '');
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    },
  );
});

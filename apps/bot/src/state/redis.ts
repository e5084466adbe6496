/**
 * Bot state in Redis, shared by every bot instance (`REDIS_URL`). Each operation is atomic:
 * de-duplication is one `SET NX EX`, a rate-limit hit and a gap count are Lua scripts, a
 * hand-off and its indexes are written in one MULTI.
 */
import { createHash } from 'node:crypto';
import { Language } from '@passerelle/core';
import { Redis } from 'ioredis';
import {
  type BotState,
  type ConversationContext,
  GAP_TTL_SECONDS,
  type Gap,
  gapKey,
  HANDOFF_TTL_SECONDS,
  type HandoffRecord,
  MAX_GAP_CHARS,
} from './types';

export interface RedisStateOptions {
  /** `redis://…`; ignored when `client` is given. */
  url?: string;
  /** An existing connection; the state does not close it. */
  client?: Redis;
  /** Prefix of every key (default `passerelle:bot:`), so tests and deployments do not clash. */
  prefix?: string;
}

/** INCR, with the window's expiry set on the first hit (and repaired if it was ever lost). */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('TTL', KEYS[1])
if count == 1 or ttl < 0 then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { count, ttl }
`;

/** Counts a gap: its hash and its rank in the sorted set change together. */
const GAP_SCRIPT = `
local count = redis.call('HINCRBY', KEYS[1], 'count', 1)
if count == 1 then
  redis.call('HSET', KEYS[1], 'question', ARGV[2], 'language', ARGV[3], 'firstAskedAt', ARGV[4])
end
redis.call('HSET', KEYS[1], 'lastAskedAt', ARGV[4])
redis.call('EXPIRE', KEYS[1], ARGV[5])
redis.call('ZADD', KEYS[2], count, ARGV[1])
redis.call('EXPIRE', KEYS[2], ARGV[5])
return count
`;

export function createRedisState(options: RedisStateOptions): BotState {
  const prefix = options.prefix ?? 'passerelle:bot:';
  const owned = options.client === undefined;
  const redis =
    options.client ??
    new Redis(options.url ?? 'redis://127.0.0.1:6379', {
      maxRetriesPerRequest: 2,
      enableOfflineQueue: true,
    });

  const k = (...parts: string[]) => `${prefix}${parts.join(':')}`;
  // One hash tag for the gap keys, so the script's keys share a slot on a Redis Cluster.
  const gapSet = k('{gaps}', 'ranking');
  const gapHash = (member: string) => k('{gaps}', member);

  async function readJson<T>(key: string): Promise<T | undefined> {
    const text = await redis.get(key);
    if (text === null) return undefined;
    try {
      return JSON.parse(text) as T;
    } catch {
      return undefined;
    }
  }

  async function handoffById(id: string | null): Promise<HandoffRecord | undefined> {
    return id === null ? undefined : readJson<HandoffRecord>(k('handoff', id));
  }

  return {
    async seen(key, ttlSeconds) {
      const set = await redis.set(k('seen', key), '1', 'EX', ttlSeconds, 'NX');
      return set === null;
    },

    async hit(key, limit, windowSeconds) {
      const answer = await redis.eval(HIT_SCRIPT, 1, k('rate', key), String(windowSeconds));
      const [count, ttl] = Array.isArray(answer) ? answer.map(Number) : [];
      const hits = count ?? 1;
      return {
        allowed: hits <= limit,
        remaining: Math.max(0, limit - hits),
        resetSeconds: ttl !== undefined && ttl > 0 ? ttl : windowSeconds,
      };
    },

    async getContext(conversationKey) {
      return readJson<ConversationContext>(k('ctx', conversationKey));
    },

    async setContext(conversationKey, value, ttlSeconds) {
      await redis.set(k('ctx', conversationKey), JSON.stringify(value), 'EX', ttlSeconds);
    },

    async saveHandoff(record, ttlSeconds = HANDOFF_TTL_SECONDS) {
      const multi = redis
        .multi()
        .set(k('handoff', record.id), JSON.stringify(record), 'EX', ttlSeconds)
        .set(
          k('handoff', 'user', record.channel, record.channelUserId),
          record.id,
          'EX',
          ttlSeconds,
        );
      if (record.staffThreadId !== undefined) {
        multi.set(k('handoff', 'thread', record.staffThreadId), record.id, 'EX', ttlSeconds);
      }
      await multi.exec();
    },

    async findHandoffByThread(staffThreadId) {
      return handoffById(await redis.get(k('handoff', 'thread', staffThreadId)));
    },

    async findHandoffByUser(channel, channelUserId) {
      return handoffById(await redis.get(k('handoff', 'user', channel, channelUserId)));
    },

    async recordGap({ question, language, at }) {
      const key = gapKey(question);
      if (key === '') return;
      const member = createHash('sha256').update(key).digest('hex').slice(0, 32);
      await redis.eval(
        GAP_SCRIPT,
        2,
        gapHash(member),
        gapSet,
        member,
        question.trim().slice(0, MAX_GAP_CHARS),
        language,
        at.toISOString(),
        String(GAP_TTL_SECONDS),
      );
    },

    async listGaps(limit = 20) {
      // Read more than asked, as ties on the count are ordered by the last time asked.
      const members = await redis.zrevrange(gapSet, 0, limit * 2 + 20);
      const gaps: Gap[] = [];
      const expired: string[] = [];
      for (const member of members) {
        const fields = await redis.hgetall(gapHash(member));
        const gap = toGap(fields);
        if (gap === undefined) expired.push(member);
        else gaps.push(gap);
      }
      if (expired.length > 0) await redis.zrem(gapSet, ...expired);
      return gaps
        .sort((a, b) => b.count - a.count || b.lastAskedAt.localeCompare(a.lastAskedAt))
        .slice(0, limit);
    },

    async close() {
      if (owned) await redis.quit();
    },
  };
}

function toGap(fields: Record<string, string>): Gap | undefined {
  const { question, language, firstAskedAt, lastAskedAt } = fields;
  const count = Number(fields.count);
  const parsedLanguage = Language.safeParse(language);
  if (
    question === undefined ||
    !parsedLanguage.success ||
    firstAskedAt === undefined ||
    lastAskedAt === undefined ||
    !Number.isInteger(count)
  ) {
    return undefined;
  }
  return { question, language: parsedLanguage.data, count, firstAskedAt, lastAskedAt };
}

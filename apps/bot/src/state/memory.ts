/** Bot state in this process's memory, with TTL expiry: for one bot instance and for tests. */
import {
  type BotState,
  type ConversationContext,
  GAP_TTL_SECONDS,
  type Gap,
  gapKey,
  HANDOFF_TTL_SECONDS,
  type HandoffRecord,
  MAX_GAP_CHARS,
  type RateLimitResult,
} from './types';

interface Entry<T> {
  value: T;
  /** Milliseconds since the epoch on this state's clock. */
  expiresAt: number;
}

export interface MemoryStateOptions {
  /** The clock TTLs are read on (milliseconds); `Date.now` by default. */
  now?: () => number;
  /** Expired entries are swept when a map grows past this size. */
  sweepAbove?: number;
}

/** A map whose entries expire; expired entries are never returned and are swept as it grows. */
class ExpiringMap<T> {
  readonly #entries = new Map<string, Entry<T>>();

  constructor(
    private readonly now: () => number,
    private readonly sweepAbove: number,
  ) {}

  get(key: string): T | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Seconds until `key` expires, or undefined when it is absent. */
  ttlSeconds(key: string): number | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    const left = entry.expiresAt - this.now();
    return left > 0 ? Math.ceil(left / 1000) : undefined;
  }

  set(key: string, value: T, ttlSeconds: number): void {
    this.#entries.set(key, { value, expiresAt: this.now() + ttlSeconds * 1000 });
    if (this.#entries.size > this.sweepAbove) this.sweep();
  }

  /** Changes the value and keeps the expiry. */
  replace(key: string, value: T): void {
    const entry = this.#entries.get(key);
    if (entry !== undefined) entry.value = value;
  }

  values(): T[] {
    const now = this.now();
    const live: T[] = [];
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt <= now) this.#entries.delete(key);
      else live.push(entry.value);
    }
    return live;
  }

  sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt <= now) this.#entries.delete(key);
    }
  }
}

/** Values are copied in and out, as a shared store would, so callers never share objects. */
const copy = <T>(value: T): T => structuredClone(value);

export function createMemoryState(options: MemoryStateOptions = {}): BotState {
  const now = options.now ?? Date.now;
  const sweepAbove = options.sweepAbove ?? 10_000;
  const seenKeys = new ExpiringMap<true>(now, sweepAbove);
  const counters = new ExpiringMap<number>(now, sweepAbove);
  const contexts = new ExpiringMap<ConversationContext>(now, sweepAbove);
  const handoffs = new ExpiringMap<HandoffRecord>(now, sweepAbove);
  const handoffByThread = new ExpiringMap<string>(now, sweepAbove);
  const handoffByUser = new ExpiringMap<string>(now, sweepAbove);
  const gaps = new ExpiringMap<Gap>(now, sweepAbove);

  return {
    async seen(key, ttlSeconds) {
      if (seenKeys.get(key) !== undefined) return true;
      seenKeys.set(key, true, ttlSeconds);
      return false;
    },

    async hit(key, limit, windowSeconds): Promise<RateLimitResult> {
      const count = (counters.get(key) ?? 0) + 1;
      if (count === 1) counters.set(key, count, windowSeconds);
      else counters.replace(key, count);
      return {
        allowed: count <= limit,
        remaining: Math.max(0, limit - count),
        resetSeconds: counters.ttlSeconds(key) ?? windowSeconds,
      };
    },

    async getContext(conversationKey) {
      const value = contexts.get(conversationKey);
      return value === undefined ? undefined : copy(value);
    },

    async setContext(conversationKey, value, ttlSeconds) {
      contexts.set(conversationKey, copy(value), ttlSeconds);
    },

    async saveHandoff(record, ttlSeconds = HANDOFF_TTL_SECONDS) {
      handoffs.set(record.id, copy(record), ttlSeconds);
      handoffByUser.set(userKey(record.channel, record.channelUserId), record.id, ttlSeconds);
      if (record.staffThreadId !== undefined) {
        handoffByThread.set(record.staffThreadId, record.id, ttlSeconds);
      }
    },

    async findHandoffByThread(staffThreadId) {
      const id = handoffByThread.get(staffThreadId);
      const record = id === undefined ? undefined : handoffs.get(id);
      return record === undefined ? undefined : copy(record);
    },

    async findHandoffByUser(channel, channelUserId) {
      const id = handoffByUser.get(userKey(channel, channelUserId));
      const record = id === undefined ? undefined : handoffs.get(id);
      return record === undefined ? undefined : copy(record);
    },

    async recordGap({ question, language, at }) {
      const key = gapKey(question);
      if (key === '') return;
      const iso = at.toISOString();
      const previous = gaps.get(key);
      gaps.set(
        key,
        {
          question: previous?.question ?? question.trim().slice(0, MAX_GAP_CHARS),
          language: previous?.language ?? language,
          count: (previous?.count ?? 0) + 1,
          firstAskedAt: previous?.firstAskedAt ?? iso,
          lastAskedAt: iso,
        },
        GAP_TTL_SECONDS,
      );
    },

    async listGaps(limit = 20) {
      return gaps
        .values()
        .sort((a, b) => b.count - a.count || b.lastAskedAt.localeCompare(a.lastAskedAt))
        .slice(0, limit)
        .map(copy);
    },

    async close() {},
  };
}

export function userKey(channel: string, channelUserId: string): string {
  return `${channel}:${channelUserId}`;
}

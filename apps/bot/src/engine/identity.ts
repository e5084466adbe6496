/**
 * Who writes to the bot. A WeChat or Slack user is whoever the API's binding says (students
 * and staff), or a guest when unbound; the bot then acts for them through its service token
 * (`Passerelle-Act-As: channel:<channel>:<user id>`), so the API applies their rights, never
 * more. The console channel names its person on the command line instead.
 */
import type { StaffId, StudentId } from '@passerelle/core';
import { NotFoundError, type Passerelle } from '@passerelle/sdk';
import type { Role } from '../nlu';
import type { Channel, IncomingMessage } from './types';

/** The person behind a message, and a client that acts for them. */
export interface Asker {
  role: Role;
  /** Calls the API with the asker's rights (the service client on its own for a guest). */
  client: Passerelle;
  studentId?: StudentId;
  staffId?: StaffId;
  /** True when the identity came from a channel binding (it can be bound only once). */
  bound: boolean;
}

export interface IdentityResolver {
  /** The asker of a message; `op` records the API operations it needed. */
  resolve(message: IncomingMessage, op: (name: string) => void): Promise<Asker>;
  /** Forgets what is cached about a channel user (after they bind). */
  forget(channel: Channel, channelUserId: string): void;
}

export interface BindingIdentityOptions {
  /** The bot's service client. */
  client: Passerelle;
  /** How long a binding is trusted from memory (default 60 s; guests 15 s). */
  cacheSeconds?: number;
  now?: () => number;
}

interface CacheEntry {
  asker: Asker;
  until: number;
}

const MAX_CACHE_ENTRIES = 10_000;

/** Resolves WeChat and Slack users through the API's bindings; console users are guests. */
export function bindingIdentity(options: BindingIdentityOptions): IdentityResolver {
  const { client } = options;
  const now = options.now ?? Date.now;
  const cacheMs = (options.cacheSeconds ?? 60) * 1000;
  const guestCacheMs = Math.min(cacheMs, 15_000);
  const cache = new Map<string, CacheEntry>();
  const guest: Asker = { role: 'guest', client, bound: false };

  return {
    async resolve(message, op) {
      const { channel, channelUserId } = message;
      if (channel === 'console') return guest;
      const key = `${channel}:${channelUserId}`;
      const cached = cache.get(key);
      if (cached !== undefined && cached.until > now()) return cached.asker;

      op('bindings.resolve');
      let asker: Asker;
      try {
        const binding = await client.bindings.resolve(channel, channelUserId, { maxRetries: 1 });
        const acting = client.withOptions({ actAs: `channel:${channel}:${channelUserId}` });
        asker =
          binding.subject.kind === 'student'
            ? { role: 'student', client: acting, studentId: binding.subject.id, bound: true }
            : { role: 'staff', client: acting, staffId: binding.subject.id, bound: true };
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        asker = guest;
      }
      if (cache.size >= MAX_CACHE_ENTRIES) cache.clear();
      cache.set(key, {
        asker,
        until: now() + (asker.role === 'guest' ? guestCacheMs : cacheMs),
      });
      return asker;
    },

    forget(channel, channelUserId) {
      cache.delete(`${channel}:${channelUserId}`);
    },
  };
}

/** Always the same asker: the console, where the person is named on the command line. */
export function fixedIdentity(asker: Asker): IdentityResolver {
  return {
    async resolve() {
      return asker;
    },
    forget() {},
  };
}

/**
 * For tests: the real API (apps/api/test/helpers.ts) started in this process on a random port,
 * on PGlite in a temp directory, loaded with the demo data set at a fixed "now", and chat
 * identities bound the way people bind them (a code from staff, sent to the bot).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StaffId, StudentId } from '@passerelle/core';
import { type DemoData, demoData } from '@passerelle/core/demo';
import type { Passerelle } from '@passerelle/sdk';
import { apiClient } from '../http';

/** What the bot's tests use of the API's test helper. */
interface TestApi {
  url: string;
  tokens: {
    admin: string;
    staff: string;
    service: string;
    student: { token: string; studentId: string };
  };
  /** Every log line the API wrote. */
  logs: string[];
  close(): Promise<void>;
}

interface TestClock {
  now(): Date;
  set(date: Date | string): void;
  advance(ms: number): void;
}

type StartTestApi = (options: {
  store?: 'pglite';
  data?: DemoData;
  clock?: TestClock;
  config?: Record<string, number | string | boolean>;
}) => Promise<TestApi>;

const helpers = new URL('../../../api/test/helpers.ts', import.meta.url);

/** False when the API's sources are not beside the bot (a published package): skip. */
export const apiAvailable = existsSync(fileURLToPath(helpers));

/** Thursday 20 November 2025, 10:00 in Shanghai: the demo world's "today" in the tests. */
export const TEST_NOW = new Date('2025-11-20T02:00:00.000Z');

export interface BotTestWorld {
  url: string;
  now: Date;
  data: DemoData;
  tokens: TestApi['tokens'];
  /** Every log line the API wrote so far. */
  apiLogs: readonly string[];
  /** The bot's service client. */
  service: Passerelle;
  /** A member of staff's own client (to make binding codes and check what the bot did). */
  staff: Passerelle;
  /** Binds a chat identity to a person with a fresh code, as the office and the person would. */
  bind(
    channel: 'wechat' | 'slack',
    userId: string,
    subject: { studentId: StudentId } | { staffId: StaffId },
  ): Promise<void>;
  /** A fresh one-time binding code for a person. */
  code(subject: { studentId: StudentId } | { staffId: StaffId }): Promise<string>;
  close(): Promise<void>;
}

export async function startBotTestApi(
  options: {
    config?: Record<string, number | string | boolean>;
    /** The demo world's "now" (default `TEST_NOW`); the API's clock starts there. */
    now?: Date;
  } = {},
): Promise<BotTestWorld> {
  const { startTestApi } = (await import(helpers.href)) as { startTestApi: StartTestApi };
  const now = options.now ?? TEST_NOW;
  let current = new Date(now);
  const clock: TestClock = {
    now: () => new Date(current),
    set: (date) => {
      current = new Date(date);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
  const data = demoData(now);
  const api = await startTestApi({
    store: 'pglite',
    data,
    clock,
    ...(options.config === undefined ? {} : { config: options.config }),
  });
  const service = apiClient({ baseUrl: api.url, token: api.tokens.service, maxRetries: 0 });
  const staff = apiClient({ baseUrl: api.url, token: api.tokens.staff, maxRetries: 0 });
  const code = async (subject: { studentId: StudentId } | { staffId: StaffId }) =>
    (await staff.bindings.createCode(subject)).code;
  return {
    url: api.url,
    now,
    data,
    tokens: api.tokens,
    apiLogs: api.logs,
    service,
    staff,
    code,
    async bind(channel, userId, subject) {
      await service.bindings.bind({ channel, userId, code: await code(subject) });
    },
    close: () => api.close(),
  };
}

/**
 * The embedded engine under measure, in a process of its own with the API beside it: the
 * whole API (`createApp`) on PGlite (or a PostgreSQL database, for comparison) with the demo
 * data, served on loopback, and the engine
 * (`createEmbeddedEngine`) calling it through the SDK with the bot's service token, acting for
 * the demo student and the demo member of staff (their bound chat identities), or as a guest.
 *
 * An answer's time is `engine.answer(message)`: understanding, the intent's SDK calls over
 * HTTP, the API's work for them (auth, validation, queries, the knowledge base's search,
 * logging) and the reply. The SDK calls' share is measured apart (time inside `fetch`).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { type Article, StaffId, StudentId } from '@passerelle/core';
import { demoData } from '@passerelle/core/demo';
import { type Fetch, Passerelle } from '@passerelle/sdk';
import { createApp } from '../../../apps/api/src/app';
import { defaultConfig } from '../../../apps/api/src/config';
import { openStore, type Store } from '../../../apps/api/src/db/store';
import { DEMO_CHANNEL_USERS, setUpDemo } from '../../../apps/api/src/demo';
import { createLogger } from '../../../apps/api/src/logger';
import { articleRepository } from '../../../apps/api/src/repositories/articles';
import { createEmbeddedEngine } from '../../../apps/bot/src/engine/embedded';
import { fixedIdentity } from '../../../apps/bot/src/engine/identity';
import type { Engine } from '../../../apps/bot/src/engine/types';
import { createHttpFetch } from '../../../apps/bot/src/http';
import { createMemoryState } from '../../../apps/bot/src/state';
import { benchArticle } from '../data/generate';
import { bulkInsert, type Execute } from '../data/seed';
import { serveRpc } from '../rpc';
import type { AskerRole, Question } from './questions';
import { emptyTimings, type Timings } from './timings';

interface Opened {
  store: Store;
  server: ServerType;
  dataDir: string;
  engines: Record<AskerRole, Engine>;
  meter: { ms: number; calls: number };
  clock: () => Date;
}

let opened: Opened | undefined;

function current(): Opened {
  if (opened === undefined) throw new Error('call open first');
  return opened;
}

async function ask(question: Question, conversation: string, messageId: string) {
  const { engines, meter, clock } = current();
  const before = { ms: meter.ms, calls: meter.calls };
  const started = performance.now();
  const reply = await engines[question.role].answer({
    text: question.text,
    channel: 'console',
    channelUserId: `bench:${question.role}`,
    conversationId: conversation,
    messageId,
    receivedAt: clock(),
  });
  return {
    ms: performance.now() - started,
    fetchMs: meter.ms - before.ms,
    calls: meter.calls - before.calls,
    intent: reply.intent ?? 'none',
    empty: reply.text.trim() === '',
  };
}

const handlers = {
  /** `now`: the demo world's "now" (the evaluation set's); the clock of the API and the engine. */
  async open(params: { now?: string; databaseUrl?: string }): Promise<{ articles: number }> {
    const at = params.now === undefined ? undefined : new Date(params.now);
    const clock = at === undefined ? () => new Date() : () => new Date(at);
    const dataDir = await mkdtemp(join(tmpdir(), 'passerelle-bench-bot-'));
    const store = await openStore({ dataDir, databaseUrl: params.databaseUrl });
    await store.migrate();
    const config = defaultConfig({ LOG_LEVEL: 'info' });
    const logger = createLogger(config);
    const tokens = await setUpDemo(store.db, { now: clock(), withData: true, logger });
    const app = createApp({ store, config, logger, now: clock });
    const server = await new Promise<ServerType>((resolve) => {
      const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
        resolve(started),
      );
    });
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const meter = { ms: 0, calls: 0 };
    // The bot's own transport (apps/bot/src/http.ts), as its channels use it.
    const httpFetch = createHttpFetch();
    const timedFetch: Fetch = async (url, init) => {
      const started = performance.now();
      try {
        return await httpFetch(url, init);
      } finally {
        meter.ms += performance.now() - started;
        meter.calls++;
      }
    };
    const service = new Passerelle({
      baseUrl,
      token: tokens.service,
      maxRetries: 0,
      fetch: timedFetch,
    });
    const state = createMemoryState();
    const engine = (asker: Parameters<typeof fixedIdentity>[0]) =>
      createEmbeddedEngine({
        client: service,
        state,
        identity: fixedIdentity(asker),
        rateLimitPerMinute: 1_000_000,
        ...(at === undefined ? {} : { now: clock }),
      });
    const student = DEMO_CHANNEL_USERS.student;
    const staff = DEMO_CHANNEL_USERS.staff;
    const staffId = (await service.bindings.resolve(staff.channel, staff.userId)).subject.id;
    const engines: Record<AskerRole, Engine> = {
      student: engine({
        role: 'student',
        client: service.withOptions({ actAs: `channel:${student.channel}:${student.userId}` }),
        studentId: StudentId.parse(tokens.student.studentId),
        bound: true,
      }),
      staff: engine({
        role: 'staff',
        client: service.withOptions({ actAs: `channel:${staff.channel}:${staff.userId}` }),
        staffId: StaffId.parse(staffId),
        bound: true,
      }),
      guest: engine({ role: 'guest', client: service, bound: false }),
    };
    opened = { store, server, dataDir, engines, meter, clock };
    return { articles: demoData(clock()).articles.length };
  },

  /**
   * Asks every question `passes` times, each in a new conversation. With `profile` (a file
   * path), a CPU profile of these answers only (not the start-up) is written there.
   */
  async run(params: {
    questions: Question[];
    passes: number;
    label: string;
    profile?: string;
  }): Promise<Timings> {
    const timings = emptyTimings();
    const session = params.profile === undefined ? undefined : new Session();
    if (session !== undefined) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    const cpuBefore = process.cpuUsage();
    for (let pass = 0; pass < params.passes; pass++) {
      for (const [index, question] of params.questions.entries()) {
        const answer = await ask(
          question,
          `bench:${params.label}:${pass}:${question.conversation ?? index}`,
          `bench:${params.label}:${pass}:${index}`,
        );
        timings.answerMs.push(answer.ms);
        timings.fetchMs.push(answer.fetchMs);
        timings.calls.push(answer.calls);
        timings.intentOf.push(answer.intent);
        if (answer.empty) timings.failures++;
      }
    }
    const cpu = process.cpuUsage(cpuBefore);
    timings.cpuMs = (cpu.user + cpu.system) / 1000;
    if (session !== undefined && params.profile !== undefined) {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      await mkdir(dirname(params.profile), { recursive: true });
      await writeFile(params.profile, JSON.stringify(profile));
    }
    return timings;
  },

  /** One question, in a new conversation. */
  async ask(params: { question: Question }): Promise<{ ms: number; intent: string }> {
    const id = `bench:ask:${performance.now()}`;
    const answer = await ask(params.question, id, id);
    return { ms: answer.ms, intent: answer.intent };
  },

  /** Adds `count` generated articles to the store (the API's index sees them on its next search). */
  async addArticles(params: { count: number }): Promise<{ insertMs: number; total: number }> {
    const { store, clock } = current();
    const sources: Article[] = demoData(clock()).articles;
    const client: unknown = Reflect.get(store.db, '$client');
    const execute: Execute = async (text, values) => {
      const query: unknown =
        typeof client === 'object' && client !== null ? Reflect.get(client, 'query') : undefined;
      if (typeof query !== 'function') throw new Error('no driver client');
      await Reflect.apply(query, client, [text, values]);
    };
    const started = performance.now();
    await bulkInsert(execute, articleRepository, {
      from: 0,
      to: params.count,
      make: (n) => benchArticle(n, sources, '2025-01-01T00:00:00.000Z'),
      batch: 1000,
    });
    return { insertMs: performance.now() - started, total: sources.length + params.count };
  },

  async memory(): Promise<NodeJS.MemoryUsage> {
    return process.memoryUsage();
  },

  async close(): Promise<void> {
    const state = opened;
    if (state === undefined) return;
    opened = undefined;
    if ('closeAllConnections' in state.server) state.server.closeAllConnections();
    await new Promise<void>((resolve) => state.server.close(() => resolve()));
    await state.store.close();
    await rm(state.dataDir, { recursive: true, force: true });
  },
};

export type EmbeddedHandlers = typeof handlers;
export type { Timings };

serveRpc(handlers);

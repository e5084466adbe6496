/**
 * The console channel: the same engine as WeChat and Slack, for a person named on the command
 * line. The bot acts with its service token (PASSERELLE_TOKEN, else the demo `service` token):
 *
 * - `--as student` acts for WeChat user `demo-student` and `--as staff` for Slack user
 *   `demo-staff`, the two chat identities `npm start` binds to the demo people;
 * - `--as student:<id>` / `staff:<id>` act for that person (`Passerelle-Act-As: student:<id>`),
 *   which the API allows only for people with a bound chat identity;
 * - `--as guest` acts for nobody: public questions only.
 *
 * When PASSERELLE_TOKEN is a person's own token rather than a service token (the API refuses it
 * bindings), the console uses it directly: the API then applies that token's rights, and
 * `--as` only says which kind of person the answers are written for.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { StaffId, StudentId } from '@passerelle/core';
import { type Fetch, NotFoundError, type Passerelle, PermissionDeniedError } from '@passerelle/sdk';
import { z } from 'zod';
import type { BotConfig } from '../config';
import { createEmbeddedEngine } from '../engine/embedded';
import { type Asker, fixedIdentity } from '../engine/identity';
import type { Engine } from '../engine/types';
import { apiClient } from '../http';
import { type BotState, createBotState } from '../state';
import type { ConsoleAs } from './args';

/** The chat identities `npm start` binds to the demo student and the demo member of staff. */
export const DEMO_CHANNEL_USERS = {
  student: { channel: 'wechat', userId: 'demo-student' },
  staff: { channel: 'slack', userId: 'demo-staff' },
} as const;

/** `DATA_DIR/demo-tokens.json`, as `npm start` writes it. */
export const DemoTokens = z.object({
  admin: z.string().min(1),
  staff: z.string().min(1),
  service: z.string().min(1),
  student: z.object({ token: z.string().min(1), studentId: z.string().min(1) }),
});
export type DemoTokens = z.infer<typeof DemoTokens>;

export class ConsoleSetupError extends Error {
  override readonly name = 'ConsoleSetupError';
}

export async function readDemoTokens(dataDir: string): Promise<DemoTokens | undefined> {
  let text: string;
  try {
    text = await readFile(join(dataDir, 'demo-tokens.json'), 'utf8');
  } catch {
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = DemoTokens.safeParse(json);
  if (!parsed.success) {
    throw new ConsoleSetupError(`${join(dataDir, 'demo-tokens.json')} is not a demo-tokens file`);
  }
  return parsed.data;
}

export interface ConsoleBot {
  engine: Engine;
  asker: Asker;
  state: BotState;
  close(): Promise<void>;
}

/** Whether the token may use bindings (a service token) or is a person's own token. */
async function isServiceToken(client: Passerelle): Promise<boolean> {
  try {
    await client.bindings.resolve('wechat', DEMO_CHANNEL_USERS.student.userId, { maxRetries: 0 });
    return true;
  } catch (error) {
    if (error instanceof NotFoundError) return true;
    if (error instanceof PermissionDeniedError) return false;
    throw error;
  }
}

async function demoAsker(client: Passerelle, kind: 'student' | 'staff'): Promise<Asker> {
  const { channel, userId } = DEMO_CHANNEL_USERS[kind];
  let binding: Awaited<ReturnType<Passerelle['bindings']['resolve']>>;
  try {
    binding = await client.bindings.resolve(channel, userId, { maxRetries: 0 });
  } catch (error) {
    if (error instanceof NotFoundError) {
      throw new ConsoleSetupError(
        `The demo ${kind} (${channel} user ${userId}) is not bound: start the API with its demo data (npm start), or use --as ${kind}:<id>.`,
      );
    }
    throw error;
  }
  const acting = client.withOptions({ actAs: `channel:${channel}:${userId}` });
  return binding.subject.kind === 'student'
    ? { role: 'student', client: acting, studentId: binding.subject.id, bound: true }
    : { role: 'staff', client: acting, staffId: binding.subject.id, bound: true };
}

/** The asker for `--as`, acting through a service token. */
export async function serviceAsker(client: Passerelle, as: ConsoleAs): Promise<Asker> {
  if (as.kind === 'guest') return { role: 'guest', client, bound: false };
  if (as.id === undefined) return demoAsker(client, as.kind);
  const asker: Asker =
    as.kind === 'student'
      ? {
          role: 'student',
          client: client.withOptions({ actAs: `student:${StudentId.parse(as.id)}` }),
          studentId: StudentId.parse(as.id),
          bound: true,
        }
      : {
          role: 'staff',
          client: client.withOptions({ actAs: `staff:${StaffId.parse(as.id)}` }),
          staffId: StaffId.parse(as.id),
          bound: true,
        };
  // The API acts only for people with a bound chat identity: say so now, not on every answer.
  try {
    await asker.client.staff.list({ limit: 1 }, { maxRetries: 0 });
  } catch (error) {
    if (error instanceof PermissionDeniedError) {
      throw new ConsoleSetupError(
        `The API acts only for people with a bound chat identity, and ${as.kind} ${as.id} has none (or does not exist): bind one with a binding code first, or use --as ${as.kind}.`,
      );
    }
    throw error;
  }
  return asker;
}

/** The asker when the token is a person's own: its rights, whatever `--as` says. */
async function directAsker(client: Passerelle, as: ConsoleAs): Promise<Asker> {
  if (as.kind === 'guest') return { role: 'guest', client, bound: false };
  if (as.kind === 'staff') return { role: 'staff', client, bound: true };
  const parsed = StudentId.safeParse(as.id);
  if (parsed.success) return { role: 'student', client, studentId: parsed.data, bound: true };
  // A student's token lists only their own record.
  const [own] = await client.students.list({ limit: 1 }).toArray(1);
  return own === undefined
    ? { role: 'student', client, bound: true }
    : { role: 'student', client, studentId: own.id, bound: true };
}

export interface ConsoleBotOptions {
  config: BotConfig;
  as: ConsoleAs;
  /** Where relative paths (DATA_DIR) are read from; the process's directory by default. */
  cwd?: string;
  state?: BotState;
  /** The fetch the API client uses (tests). */
  fetch?: Fetch;
}

export async function createConsoleBot(options: ConsoleBotOptions): Promise<ConsoleBot> {
  const { config } = options;
  const dataDir = resolve(options.cwd ?? process.cwd(), config.DATA_DIR);
  const token = config.PASSERELLE_TOKEN ?? (await readDemoTokens(dataDir))?.service;
  if (token === undefined) {
    throw new ConsoleSetupError(
      `No token: set PASSERELLE_TOKEN, or start the API once (npm start) so that ${join(dataDir, 'demo-tokens.json')} exists.`,
    );
  }
  const client = apiClient({
    baseUrl: config.PASSERELLE_URL,
    token,
    timeout: 20_000,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const asker = (await isServiceToken(client))
    ? await serviceAsker(client, options.as)
    : await directAsker(client, options.as);
  const state = options.state ?? createBotState(config);
  const engine = createEmbeddedEngine({
    client,
    state,
    timeZone: config.BOT_TIME_ZONE,
    identity: fixedIdentity(asker),
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    ...(config.KNOWLEDGE_BASE_URL === undefined
      ? {}
      : { knowledgeBaseUrl: config.KNOWLEDGE_BASE_URL }),
  });
  return {
    engine,
    asker,
    state,
    close: () => state.close(),
  };
}

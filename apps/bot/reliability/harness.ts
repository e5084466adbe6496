/**
 * What the bot's reliability tests share: one sink every log line of the bot goes to (Bolt's
 * logger, the WeChat channel's log, the engines' error callbacks, the console), the secrets of
 * the test world read from its data and its API, the scan of replies and log lines for them,
 * and the figures file bench/reliability.md (written by the API suite's harness).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Student } from '@passerelle/core';
import { type Logger, LogLevel } from '@slack/bolt';
import type { BotTestWorld } from '../src/engine/test-api';
import type { WechatLog } from '../src/wechat/conversation';

export const long = process.env.RELIABILITY_LONG === '1';

// ---- Logs ----

/** Every line the bot logged during a test file. */
export class LogSink {
  readonly lines: string[] = [];

  push(level: string, parts: readonly unknown[]): void {
    this.lines.push(`${level} ${parts.map(printed).join(' ')}`);
  }

  /** A Bolt logger keeping every level, debug included (the Web API client's request bodies). */
  bolt(): Logger {
    let level = LogLevel.DEBUG;
    const log =
      (name: string) =>
      (...msg: unknown[]) =>
        this.push(`slack.${name}`, msg);
    return {
      debug: log('debug'),
      info: log('info'),
      warn: log('warn'),
      error: log('error'),
      setLevel: (next) => {
        level = next;
      },
      getLevel: () => level,
      setName: () => {},
    };
  }

  /** The WeChat channel's structured log. */
  readonly wechat: WechatLog = (event, detail) => this.push('wechat', [event, detail]);

  /** An engine's `onError` / `onFallback`. */
  readonly engine = (error: unknown, message: { channel: string; channelUserId: string }) =>
    this.push('engine', [error, `${message.channel}:${message.channelUserId}`]);

  /** Keeps what the process writes on the console too, while still showing it. */
  captureConsole(): () => void {
    const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
    const originals = methods.map((name) => [name, console[name]] as const);
    for (const [name, original] of originals) {
      console[name] = (...args: unknown[]) => {
        this.push(`console.${name}`, args);
        original.apply(console, args);
      };
    }
    return () => {
      for (const [name, original] of originals) console[name] = original;
    };
  }
}

/** A log argument as it would be printed, errors with their cause and fields. */
function printed(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) {
    const fields = JSON.stringify({ ...value });
    const cause = value.cause === undefined ? '' : ` cause: ${printed(value.cause)}`;
    return `${value.name}: ${value.message} ${fields}${cause}\n${value.stack ?? ''}`;
  }
  try {
    return JSON.stringify(value, (_key, item: unknown) =>
      item instanceof Error ? printed(item) : item,
    );
  } catch {
    return String(value);
  }
}

/** The API's log lines (it writes them in chunks). */
export const apiLines = (world: BotTestWorld | undefined): string[] =>
  (world?.apiLogs ?? []).flatMap((chunk) => chunk.split('\n')).filter((line) => line !== '');

// ---- Secrets ----

export interface Secret {
  kind:
    | 'other student name'
    | 'other student email'
    | 'other student id'
    | 'document number'
    | 'staff note'
    | 'token'
    | 'binding code';
  value: string;
}

/**
 * What must never reach a person other than the office, read from the world's data (the data
 * set the API was loaded with) and its API: other students' names, emails and ids (all but
 * `self` and its homonyms), every document number, every check-in note, the API tokens and the binding codes
 * issued in the run.
 */
export function worldSecrets(
  world: BotTestWorld,
  self: string | undefined,
  codes: readonly string[] = [],
): Secret[] {
  const secrets: Secret[] = [];
  const add = (kind: Secret['kind'], value: string | undefined) => {
    if (value !== undefined && value.trim().length >= 4) secrets.push({ kind, value });
  };
  const students = world.data.students as Student[];
  // Another student who shares the asker's name (the data set has homonyms) is not a leak.
  const ownName = students.find((student) => student.id === self)?.fullName;
  for (const student of students) {
    if (student.id !== self && student.fullName !== ownName) {
      add('other student name', student.fullName);
    }
    if (student.id !== self) {
      add('other student email', student.email);
      add('other student id', student.id);
    }
    add('document number', student.documents.passportNumber);
    add('document number', student.documents.permit?.number);
    for (const checkIn of student.checkIns) add('staff note', checkIn.notes);
  }
  const { tokens } = world;
  for (const token of [tokens.admin, tokens.staff, tokens.service, tokens.student.token]) {
    add('token', token);
  }
  for (const code of codes) {
    add('binding code', code);
    add('binding code', code.replace('-', ''));
  }
  return secrets;
}

/** The secrets `text` holds that `known` (what the asker wrote themselves) does not. */
export function leaksIn(text: string, secrets: readonly Secret[], known = ''): Secret[] {
  const haystack = text.toLowerCase();
  const asked = known.toLowerCase();
  return secrets.filter((secret) => {
    const value = secret.value.toLowerCase();
    return haystack.includes(value) && !asked.includes(value);
  });
}

/** Token-shaped strings, whether the run knows them or not. */
const TOKEN_SHAPE = /(?:psl|pcal)_[A-Za-z0-9_-]{16,}/;

/**
 * Log lines holding a token, a binding code or a document number (names and emails are not
 * secrets of the log: the office's own logs may name people).
 */
export function secretsInLogs(lines: readonly string[], secrets: readonly Secret[]): string[] {
  const kinds = new Set<Secret['kind']>(['token', 'binding code', 'document number']);
  const watched = secrets.filter((secret) => kinds.has(secret.kind));
  return lines
    .filter((line) => TOKEN_SHAPE.test(line) || leaksIn(line, watched).length > 0)
    .map((line) => line.slice(0, 300));
}

// ---- Figures ----

export interface Section {
  title: string;
  order: number;
  lines: string[];
}

type WriteSection = (name: string, section: Section) => Promise<void>;

const apiHarness = new URL('../../api/reliability/harness.ts', import.meta.url);

/** Writes this file's section of bench/reliability.md through the API suite's harness. */
export async function writeSection(name: string, section: Section): Promise<void> {
  // Loaded at run time, as the API test helper is: the bot does not type-check the API.
  if (!existsSync(fileURLToPath(apiHarness))) return;
  const { writeSection: write } = (await import(apiHarness.href)) as { writeSection: WriteSection };
  await write(name, section);
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/**
 * The bot's configuration: one zod schema over the environment, read once at start-up and
 * passed down. Nothing else in the bot reads `process.env`.
 */
import { isTimeZone } from '@passerelle/core';
import { z } from 'zod';

const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const flag = z
  .enum(['true', 'false', '1', '0'], { error: 'must be "true" or "false"' })
  .transform((value) => value === 'true' || value === '1');

export const BotConfigSchema = z.object({
  /** The Passerelle API the bot talks to. */
  PASSERELLE_URL: httpUrl.default('http://127.0.0.1:8787'),
  /** The bot's service token; without it the console falls back to DATA_DIR/demo-tokens.json. */
  PASSERELLE_TOKEN: z.string().trim().min(1).optional(),
  /** Where people open the API's pages (the year-end report link); PASSERELLE_URL by default. */
  PASSERELLE_PUBLIC_URL: httpUrl.optional(),
  /** Where `npm start` wrote demo-tokens.json. */
  DATA_DIR: z.string().trim().min(1).default('./.data'),
  /** Shared bot state (de-duplication, rate limits, context, hand-offs); in memory when unset. */
  REDIS_URL: z
    .string()
    .trim()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  /** Prefix of every Redis key the bot writes. */
  REDIS_PREFIX: z.string().trim().min(1).max(100).default('passerelle:bot:'),
  /** LLM engine: on when a key or a base URL is set. */
  OPENAI_API_KEY: z.string().trim().min(1).optional(),
  OPENAI_BASE_URL: httpUrl.optional(),
  OPENAI_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
  LLM_TIMEOUT_MS: integer(100, 600_000).default(15_000),
  /** Slack (@slack/bolt): HTTP receiver with the signing secret, or Socket Mode with the app token. */
  SLACK_BOT_TOKEN: z.string().trim().min(1).optional(),
  SLACK_SIGNING_SECRET: z.string().trim().min(1).optional(),
  SLACK_APP_TOKEN: z.string().trim().min(1).optional(),
  SLACK_SOCKET_MODE: flag.default(false),
  SLACK_PORT: integer(0, 65_535).default(3000),
  /** Where Slack's Web API is (a local server in tests); with a trailing slash. */
  SLACK_API_URL: httpUrl.optional(),
  /** The staff channel where hand-offs are posted as threads. */
  HANDOFF_SLACK_CHANNEL: z.string().trim().min(1).optional(),
  /** WeChat through wechaty: the puppet and its token. */
  WECHATY_PUPPET: z.string().trim().min(1).optional(),
  WECHATY_PUPPET_SERVICE_TOKEN: z.string().trim().min(1).optional(),
  WECHATY_NAME: z.string().trim().min(1).default('passerelle'),
  /** WeChat Official Account / WeCom callback. */
  WECHAT_TOKEN: z.string().trim().min(1).optional(),
  WECHAT_ENCODING_AES_KEY: z.string().trim().min(1).optional(),
  WECHAT_APP_ID: z.string().trim().min(1).optional(),
  WECHAT_PORT: integer(0, 65_535).default(3001),
  /** `official-account` (default) or `wecom`. */
  WECHAT_KIND: z.enum(['official-account', 'wecom']).optional(),
  /** AppSecret (or the WeCom app's Secret): answers after the 5-second window, staff replies. */
  WECHAT_APP_SECRET: z.string().trim().min(1).optional(),
  /** The WeCom app's AgentId. */
  WECOM_AGENT_ID: integer(0, 2_147_483_647).optional(),
  /** The WeChat message API's address (a local server in tests). */
  WECHAT_API_BASE: httpUrl.optional(),
  /** The campus clock: "today", "this week" and event times are read there. */
  BOT_TIME_ZONE: z
    .string()
    .trim()
    .refine(isTimeZone, 'must be an IANA time zone such as "Asia/Shanghai"')
    .default('Asia/Shanghai'),
  /** Messages one person may send per minute. */
  RATE_LIMIT_PER_MINUTE: integer(1, 10_000).default(20),
  /** How often the bot claims reminders to deliver, in seconds; 0 turns delivery off. */
  REMINDER_INTERVAL_SECONDS: integer(0, 86_400).default(60),
  /** Public address of knowledge-base articles (`<url>/<article id>`); the API's by default. */
  KNOWLEDGE_BASE_URL: httpUrl.optional(),
});

export type BotConfig = z.output<typeof BotConfigSchema>;

/** Variables whose value is a secret: never echoed in an error message. */
const secretVariables = new Set([
  'PASSERELLE_TOKEN',
  'REDIS_URL',
  'OPENAI_API_KEY',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'WECHATY_PUPPET_SERVICE_TOKEN',
  'WECHAT_TOKEN',
  'WECHAT_ENCODING_AES_KEY',
  'WECHAT_APP_SECRET',
]);

export class BotConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'BotConfigError';
  }
}

/**
 * Reads the configuration from an environment (`process.env` at start-up). Empty values count
 * as unset. Throws a `BotConfigError` naming every bad variable and why, secrets not echoed.
 */
export function loadBotConfig(env: Record<string, string | undefined>): BotConfig {
  const input: Record<string, string> = {};
  for (const key of Object.keys(BotConfigSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') input[key] = value;
  }
  const parsed = BotConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new BotConfigError(
    parsed.error.issues.map((issue) => {
      const name = issue.path.length > 0 ? String(issue.path[0]) : 'environment';
      const value = secretVariables.has(name) ? undefined : input[name];
      return `${name}${value === undefined ? '' : `=${JSON.stringify(value)}`}: ${issue.message}`;
    }),
  );
}

/** True when the LLM engine should be used (a key or an OpenAI-compatible server is set). */
export function llmEnabled(config: BotConfig): boolean {
  return config.OPENAI_API_KEY !== undefined || config.OPENAI_BASE_URL !== undefined;
}

/**
 * The API's configuration: one zod schema over the environment, read once at start-up and
 * passed down. Nothing else in the API reads `process.env`.
 */
import { HeiId, isTimeZone } from '@passerelle/core';
import { z } from 'zod';

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const origins = z
  .string()
  .trim()
  .transform((value) =>
    value === ''
      ? []
      : value
          .split(',')
          .map((origin) => origin.trim())
          .filter((origin) => origin !== ''),
  )
  .pipe(
    z.array(
      z.union([
        z.literal('*'),
        z.url({
          protocol: /^https?$/,
          error: 'must be "*" or a comma-separated list of http(s) origins',
        }),
      ]),
    ),
  );

export const ConfigSchema = z.object({
  PORT: integer(0, 65_535).default(8787),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  /** PostgreSQL connection string; when absent, the embedded PGlite store in DATA_DIR is used. */
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// connection string')
    .optional(),
  DATA_DIR: z.string().trim().min(1).default('./.data'),
  LOG_LEVEL: LogLevel.default('info'),
  /** Origins allowed by CORS, comma-separated; empty allows none, `*` allows any. */
  CORS_ORIGINS: origins.default([]),
  /** How long a token lookup is trusted from memory before the database is asked again. */
  TOKEN_CACHE_SECONDS: integer(0, 3600).default(30),
  /** Lifetime of a binding code. */
  BINDING_CODE_MINUTES: integer(1, 7 * 24 * 60).default(15),
  /** Failed binding attempts allowed per channel user (and per code) within the window. */
  BINDING_MAX_ATTEMPTS: integer(1, 1000).default(5),
  BINDING_WINDOW_MINUTES: integer(1, 24 * 60).default(15),
  /** How long an Idempotency-Key is remembered. */
  IDEMPOTENCY_TTL_HOURS: integer(1, 24 * 30).default(24),
  /** Largest request body accepted, in bytes. */
  BODY_LIMIT_BYTES: integer(1024, 100 * 1024 * 1024).default(1024 * 1024),
  /** Largest spreadsheet a `POST /v1/imports/…` accepts, in bytes. */
  IMPORT_BODY_LIMIT_BYTES: integer(1024, 1024 * 1024 * 1024).default(10 * 1024 * 1024),
  /** The office's time zone: "today" for alerts and agreement statuses is the date there. */
  OFFICE_TIME_ZONE: z
    .string()
    .trim()
    .refine(isTimeZone, 'must be an IANA time zone such as "Asia/Shanghai"')
    .default('Asia/Shanghai'),
  /** Set to "false" to start with an empty store instead of the demo data. */
  DEMO_DATA: z
    .enum(['true', 'false'], { error: 'must be "true" or "false"' })
    .transform((value) => value === 'true')
    .default(true),
  /** Our university's id in the Erasmus Without Paper network: the first partner of every IIA we export. */
  EWP_HEI_ID: HeiId.default('passerelle-demo.edu'),
  /**
   * The languages we recommend incoming students master, as EWP `recommended-language-skill`s:
   * `language[:CEFR level]`, comma-separated (`en:B2,zh`).
   */
  EWP_LANGUAGES: z
    .string()
    .trim()
    .transform((value) => value.split(',').map((item) => item.trim()))
    .pipe(
      z
        .array(
          z
            .string()
            .regex(
              /^[a-z]{2,3}(?::[ABC][12])?$/,
              'must be language[:CEFR level] items, comma-separated, such as "en:B2,zh"',
            )
            .transform((item) => {
              const [language = '', cefrLevel] = item.split(':');
              return cefrLevel === undefined ? { language } : { language, cefrLevel };
            }),
        )
        .min(1),
    )
    .default([{ language: 'en' }]),
  /** Largest backup file `POST /v1/admin/restore` accepts, in bytes. */
  RESTORE_MAX_BYTES: integer(1024, 16 * 1024 * 1024 * 1024).default(1024 * 1024 * 1024),
  /** `off` stops the daily reminder run in this process (POST /v1/reminders/run still works). */
  REMINDERS: z.enum(['on', 'off'], { error: 'must be "on" or "off"' }).default('on'),
  /** When the daily reminder run starts, `HH:MM` in OFFICE_TIME_ZONE. */
  REMINDERS_AT: z
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time written HH:MM, such as "08:00"')
    .default('08:00'),
  /** How long a claimed reminder is held for its bot before another may take it again. */
  REMINDER_LEASE_SECONDS: integer(10, 24 * 3600).default(300),
  /** Deliveries tried before a reminder is given up as `failed`. */
  REMINDER_MAX_ATTEMPTS: integer(1, 100).default(5),
  /**
   * The key that signs year-end report links (HMAC-SHA-256), at least 32 characters. When unset,
   * a random key made once per store and kept in its `settings` table, so every API instance
   * on one database agrees. Changing it invalidates every link given out.
   */
  REPORT_LINK_SECRET: z
    .string()
    .trim()
    .min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 32`)')
    .optional(),
  /** How long a year-end report link works, in minutes: the default and the longest a request may ask. */
  REPORT_LINK_MINUTES: integer(1, 7 * 24 * 60).default(24 * 60),
});

export type Config = z.output<typeof ConfigSchema>;

/** Variables whose value may hold a password: never echoed in an error message. */
const secretVariables = new Set(['DATABASE_URL', 'REPORT_LINK_SECRET']);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads the configuration from an environment (`process.env` at start-up). Empty strings
 * count as unset. Throws a `ConfigError` naming every bad variable and why.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const input: Record<string, string> = {};
  for (const key of Object.keys(ConfigSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') input[key] = value;
  }
  const parsed = ConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    parsed.error.issues.map((issue) => {
      const name = issue.path.length > 0 ? String(issue.path[0]) : 'environment';
      const value = secretVariables.has(name) ? undefined : input[name];
      return `${name}${value === undefined ? '' : `=${JSON.stringify(value)}`}: ${issue.message}`;
    }),
  );
}

/** A configuration with every default, for tests and tools. */
export function defaultConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), ...overrides };
}

import { type DestinationStream, type Logger, pino } from 'pino';
import type { Config } from './config';

export type { Logger } from 'pino';

/**
 * Paths pino removes from every log line: credentials and identity-document numbers, in
 * case any code ever logs an object that holds them.
 */
export const redactedPaths = [
  'authorization',
  'token',
  'headers.authorization',
  'req.headers.authorization',
  '*.token',
  '*.authorization',
  '*.password',
  '*.passportNumber',
  '*.documents.passportNumber',
  '*.documents.permit.number',
  'documents.passportNumber',
  'documents.permit.number',
  'permit.number',
  'passportNumber',
  'code',
  '*.code',
];

/**
 * Log lines are written to stdout in batches of about this many bytes, and at least every
 * `LOG_FLUSH_MS`: one write per request line was the largest single cost of a GET that the
 * API adds over a bare route (a system call per request; bench/, CPU profile). Lines still in
 * the buffer are written when the process exits, on a crash too (pino flushes on `exit`); only
 * a SIGKILL can lose the last quarter of a second.
 */
export const LOG_BUFFER_BYTES = 4096;
export const LOG_FLUSH_MS = 250;

/** The API's structured logger (JSON lines on stdout unless another destination is given). */
export function createLogger(
  config: Pick<Config, 'LOG_LEVEL'>,
  destination?: DestinationStream,
): Logger {
  const options = {
    level: config.LOG_LEVEL,
    base: { service: 'passerelle-api' },
    redact: { paths: redactedPaths, censor: '[redacted]' },
  };
  return pino(
    options,
    destination ??
      pino.destination({
        dest: 1,
        sync: false,
        minLength: LOG_BUFFER_BYTES,
        periodicFlush: LOG_FLUSH_MS,
      }),
  );
}

/**
 * An error as it may be logged or printed: its type, message, PostgreSQL code and stack, with
 * the bound parameters of a failed query removed (drizzle puts them in the message, and they
 * can hold a document number).
 */
export function safeError(error: unknown): {
  type: string;
  message: string;
  code?: string;
  stack?: string;
} {
  if (!(error instanceof Error)) return { type: typeof error, message: 'non-error thrown' };
  const strip = (text: string) => text.split('\nparams:')[0] ?? text;
  const cause = error.cause;
  const causeMessage = cause instanceof Error ? `; cause: ${strip(cause.message)}` : '';
  const code =
    cause !== null && typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string'
      ? cause.code
      : undefined;
  const stack = error.stack
    ?.split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n');
  return {
    type: error.name,
    message: `${strip(error.message)}${causeMessage}`,
    ...(code === undefined ? {} : { code }),
    ...(stack === undefined ? {} : { stack }),
  };
}

/**
 * A request path as it may be logged: a calendar feed token in the path (the credential of a
 * feed URL, `/v1/calendars/feeds/pcal_…/events.ics`) is cut out.
 */
export function loggablePath(path: string): string {
  return path.replace(/pcal_[A-Za-z0-9_-]+/g, 'pcal_[redacted]');
}

/**
 * When to try a request again, and how long to wait first. Pure functions: the transport
 * passes the clock and the random source.
 */
import { problemTypes } from './errors';

/** The first retry waits up to this long; each next one up to twice as long … */
export const RETRY_BASE_MS = 500;
/** … but never more than this. */
export const RETRY_CAP_MS = 8_000;
/** A Retry-After longer than this is not waited for: the error is thrown with `retryAfter`. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** 409 answers worth retrying: a request with the same key still in flight, a write conflict. */
export const retryableConflictTypes: ReadonlySet<string> = new Set([
  problemTypes.idempotencyInProgress,
  problemTypes.conflict,
]);

/**
 * Exponential backoff with full jitter: a uniformly random wait between 0 and
 * min(cap, base × 2^retry), so clients that failed together do not retry together.
 * `retry` counts from 0 for the first retry.
 */
export function backoffDelay(retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, retry));
  return Math.floor(random() * ceiling);
}

/**
 * How long the server asks us to wait, in milliseconds: `retry-after-ms`, else `Retry-After`
 * in seconds or as an HTTP date. Undefined when absent or unreadable.
 */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '') {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const header = headers.get('retry-after');
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Whether an error answer may succeed when sent again: 408, 429, 5xx, and 409 when its
 * problem type is a transient conflict. Never other 4xx: the same request fails the same way.
 */
export function isRetryableStatus(status: number, problemType: string | undefined): boolean {
  if (status === 408 || status === 429 || status >= 500) return true;
  if (status === 409) return problemType !== undefined && retryableConflictTypes.has(problemType);
  return false;
}

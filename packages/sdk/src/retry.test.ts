import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  isRetryableStatus,
  MAX_RETRY_AFTER_MS,
  RETRY_BASE_MS,
  RETRY_CAP_MS,
  retryAfterMs,
} from './retry';

describe('backoffDelay', () => {
  it('draws up to 0.5 s, 1 s, 2 s, 4 s, then at most 8 s', () => {
    const almostOne = () => 0.999_999;
    expect([0, 1, 2, 3, 4, 5, 10].map((retry) => backoffDelay(retry, almostOne))).toEqual([
      499, 999, 1_999, 3_999, 7_999, 7_999, 7_999,
    ]);
    expect(RETRY_BASE_MS).toBe(500);
    expect(RETRY_CAP_MS).toBe(8_000);
  });

  it('is full jitter: anywhere from 0', () => {
    expect(backoffDelay(3, () => 0)).toBe(0);
    expect(backoffDelay(3, () => 0.5)).toBe(2_000);
  });

  it('stays within its bounds with the real random source', () => {
    for (let retry = 0; retry < 8; retry++) {
      const delay = backoffDelay(retry);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** retry));
    }
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2025-12-08T09:00:00Z');
  const headers = (entries: Record<string, string>) => new Headers(entries);

  it('reads seconds', () => {
    expect(retryAfterMs(headers({ 'retry-after': '3' }), now)).toBe(3_000);
    expect(retryAfterMs(headers({ 'retry-after': '0' }), now)).toBe(0);
    expect(retryAfterMs(headers({ 'retry-after': '1.5' }), now)).toBe(1_500);
  });

  it('reads an HTTP date, and a past one as now', () => {
    expect(retryAfterMs(headers({ 'retry-after': 'Mon, 08 Dec 2025 09:00:05 GMT' }), now)).toBe(
      5_000,
    );
    expect(retryAfterMs(headers({ 'retry-after': 'Mon, 08 Dec 2025 08:00:00 GMT' }), now)).toBe(0);
  });

  it('prefers retry-after-ms', () => {
    expect(retryAfterMs(headers({ 'retry-after-ms': '120', 'retry-after': '9' }), now)).toBe(120);
  });

  it('ignores what it cannot read', () => {
    expect(retryAfterMs(headers({}), now)).toBeUndefined();
    expect(retryAfterMs(headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterMs(headers({ 'retry-after': '-3' }), now)).toBeUndefined();
    expect(retryAfterMs(headers({ 'retry-after': ' ' }), now)).toBeUndefined();
    expect(retryAfterMs(headers({ 'retry-after-ms': 'x', 'retry-after': '2' }), now)).toBe(2_000);
    expect(retryAfterMs(headers({ 'retry-after-ms': '-1' }), now)).toBeUndefined();
  });

  it('uses the clock by default', () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    const wait = retryAfterMs(headers({ 'retry-after': inTenSeconds }));
    expect(wait).toBeGreaterThan(8_000);
    expect(wait).toBeLessThanOrEqual(10_000);
    expect(MAX_RETRY_AFTER_MS).toBe(60_000);
  });
});

describe('isRetryableStatus', () => {
  it('retries 408, 429 and every 5xx', () => {
    for (const status of [408, 429, 500, 502, 503, 504, 599]) {
      expect(isRetryableStatus(status, undefined)).toBe(true);
    }
  });

  it('never retries other 4xx', () => {
    for (const status of [400, 401, 403, 404, 405, 410, 412, 413, 415, 422]) {
      expect(isRetryableStatus(status, undefined)).toBe(false);
    }
  });

  it('retries a 409 only for a lock or a conflict', () => {
    expect(isRetryableStatus(409, 'urn:passerelle:problem:idempotency-in-progress')).toBe(true);
    expect(isRetryableStatus(409, 'urn:passerelle:problem:conflict')).toBe(true);
    expect(isRetryableStatus(409, 'urn:passerelle:problem:illegal-transition')).toBe(false);
    expect(isRetryableStatus(409, undefined)).toBe(false);
  });
});

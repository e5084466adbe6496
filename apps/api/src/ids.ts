import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Prefixes of the API's own records (tokens, binding codes, audit entries, …). */
export type LocalPrefix = 'tok' | 'bdc' | 'bat' | 'aud' | 'cal' | 'imp' | 'rem';

let lastTime = -1;
let lastRandom: number[] = [];

/** The next random part within one millisecond: the last one plus one, so ids keep their order. */
function increment(digits: number[]): number[] {
  const next = [...digits];
  for (let index = next.length - 1; index >= 0; index--) {
    const digit = next[index] ?? 0;
    if (digit < 31) {
      next[index] = digit + 1;
      return next;
    }
    next[index] = 0;
  }
  return next;
}

/**
 * An id for one of the API's own records: the prefix and a monotonic ULID, so ids made later by
 * this process sort later, even within one millisecond (the audit log pages by it). Domain ids
 * come from `newId` in `@passerelle/core`.
 */
export function newLocalId(prefix: LocalPrefix, now: number = Date.now()): string {
  let time = Math.max(0, Math.floor(now));
  if (time <= lastTime) {
    time = lastTime;
    lastRandom = increment(lastRandom);
  } else {
    lastTime = time;
    lastRandom = [...randomBytes(16)].map((byte) => byte % 32);
  }
  let encodedTime = '';
  for (let i = 0, t = time; i < 10; i++) {
    encodedTime = CROCKFORD.charAt(t % 32) + encodedTime;
    t = Math.floor(t / 32);
  }
  return `${prefix}_${encodedTime}${lastRandom.map((digit) => CROCKFORD.charAt(digit)).join('')}`;
}

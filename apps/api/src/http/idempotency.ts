/**
 * `Idempotency-Key` on POST: the first response to a key is stored and replayed to every
 * retry of the same request by the same token; the same key with another request (another
 * body, path or Passerelle-Act-As) is refused with 422. While the first request is still
 * running, a retry gets 409 with Retry-After. Responses a client is meant to retry (408, 409,
 * 429 and 5xx, as the SDK does) are not stored, so the retry runs again. Keys are remembered for IDEMPOTENCY_TTL_HOURS.
 */
import { and, eq, lt } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { sha256 } from '../auth/tokens';
import type { Config } from '../config';
import { idempotencyKeys } from '../db/schema';
import type { Db } from '../db/store';
import type { AppEnv } from './context';
import { ApiError } from './problem';

/** A request still `in_progress` after this long is taken to have died, and may be retried. */
const STALE_IN_PROGRESS_MS = 60_000;

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** Headers of the first response that a replay repeats. */
const replayedHeaders = ['content-type', 'etag', 'location'];

export function idempotency(
  db: Db,
  config: Pick<Config, 'IDEMPOTENCY_TTL_HOURS'>,
  now: () => Date,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (c.req.method !== 'POST' || key === undefined) return next();
    if (!KEY_PATTERN.test(key)) {
      throw new ApiError('validation', {
        detail: 'Idempotency-Key must be 1 to 255 visible ASCII characters.',
        errors: [
          { path: 'header.idempotency-key', message: 'must be 1 to 255 visible ASCII characters' },
        ],
      });
    }
    const auth = c.get('auth');
    const url = new URL(c.req.url);
    const requestHash = sha256(
      JSON.stringify([
        c.req.method,
        url.pathname,
        url.search,
        c.req.header('passerelle-act-as') ?? '',
        c.get('rawBody') ?? '',
      ]),
    );
    const scope = and(eq(idempotencyKeys.tokenId, auth.tokenId), eq(idempotencyKeys.key, key));
    const at = now();
    const expiredBefore = new Date(at.getTime() - config.IDEMPOTENCY_TTL_HOURS * 3_600_000);

    // Claim the key; when it is taken, look at what holds it.
    for (let attempt = 0; attempt < 2; attempt++) {
      const claimed = await db
        .insert(idempotencyKeys)
        .values({
          tokenId: auth.tokenId,
          key,
          requestHash,
          state: 'in_progress',
          createdAt: at.toISOString(),
        })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (claimed.length > 0) break;

      const [held] = await db.select().from(idempotencyKeys).where(scope).limit(1);
      if (held === undefined) continue;
      const age = at.getTime() - Date.parse(held.createdAt);
      const expired = Date.parse(held.createdAt) < expiredBefore.getTime();
      const abandoned = held.state === 'in_progress' && age > STALE_IN_PROGRESS_MS;
      if (expired || abandoned) {
        await db
          .delete(idempotencyKeys)
          .where(and(scope, eq(idempotencyKeys.createdAt, held.createdAt)));
        continue;
      }
      if (held.requestHash !== requestHash) {
        throw new ApiError('idempotency_mismatch', {
          detail: 'This Idempotency-Key was first used with a different request; use a new key.',
        });
      }
      if (held.state !== 'completed' || held.status === null) {
        throw new ApiError('idempotency_in_progress', {
          detail: 'The first request with this Idempotency-Key has not finished yet.',
          headers: { 'Retry-After': '1' },
        });
      }
      const headers = new Headers(isStringRecord(held.headers) ? held.headers : {});
      headers.set('Idempotent-Replayed', 'true');
      headers.set('X-Request-Id', c.get('requestId'));
      return new Response(held.body, { status: held.status, headers });
    }

    try {
      await next();
    } catch (error) {
      await db.delete(idempotencyKeys).where(scope);
      throw error;
    }
    const response = c.res;
    if (retryable(response.status)) {
      await db.delete(idempotencyKeys).where(scope);
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of replayedHeaders) {
      const value = response.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    await db
      .update(idempotencyKeys)
      .set({
        state: 'completed',
        status: response.status,
        headers,
        body: await response.clone().text(),
      })
      .where(scope);
  };
}

/** Forgets keys older than the time-to-live (run at start-up). */
export async function purgeIdempotencyKeys(
  db: Db,
  config: Pick<Config, 'IDEMPOTENCY_TTL_HOURS'>,
  now: Date,
): Promise<void> {
  const before = new Date(now.getTime() - config.IDEMPOTENCY_TTL_HOURS * 3_600_000);
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, before.toISOString()));
}

function retryable(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((item) => typeof item === 'string')
  );
}

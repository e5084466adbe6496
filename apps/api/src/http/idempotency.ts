/**
 * `Idempotency-Key` on POST: the first response to a key is stored and replayed to every
 * retry of the same request by the same token; the same key with another request (another
 * body, path or Passerelle-Act-As) is refused with 422. The request runs in one transaction
 * with its key and stored response, so a crash never leaves a write without its response (nor a
 * key without its write), and a retry while the first request runs waits for its response.
 * Responses a client is meant to retry (408, 409, 429 and 5xx, as the SDK does) are not stored
 * and what the request wrote is rolled back, so the retry runs again. Keys are remembered for
 * IDEMPOTENCY_TTL_HOURS.
 */
import { and, eq, lt, type SQL, sql } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { sha256 } from '../auth/tokens';
import type { Config } from '../config';
import { idempotencyKeys } from '../db/schema';
import { reusable, setOf } from '../db/statements';
import { type Db, type Tx, withinTransaction } from '../db/store';
import type { AppEnv } from './context';
import { ApiError } from './problem';

/**
 * A key `in_progress` after this long is taken to have died, and may be retried (only an
 * earlier version of the API, which committed the key apart from the write, left such rows).
 */
const STALE_IN_PROGRESS_MS = 60_000;

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** Statuses whose response has no body. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

const utf8 = new TextDecoder();

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
    const ttlMs = config.IDEMPOTENCY_TTL_HOURS * 3_600_000;

    // The claim, the route's writes and the stored response are one transaction: a crash
    // before its commit leaves neither the write nor the key (a retry runs the request afresh),
    // a crash after it leaves both (a retry gets the stored response). A concurrent request with
    // the same key waits on the claim's row (PostgreSQL) or on the one connection (PGlite), then
    // finds the completed response.
    let replay: Response | undefined;
    try {
      await withinTransaction(db, async (tx) => {
        replay = await claim(tx, { scope, tokenId: auth.tokenId, key, requestHash, at, ttlMs });
        if (replay !== undefined) {
          replay.headers.set('X-Request-Id', c.get('requestId'));
          return;
        }
        await next();
        const response = c.res;
        // Not stored, and nothing the request wrote is kept: the client's retry runs again.
        if (retryable(response.status)) throw new RolledBack();
        const headers: Record<string, string> = {};
        for (const name of replayedHeaders) {
          const value = response.headers.get(name);
          if (value !== null) headers[name] = value;
        }
        // The body is read once and the response made again from its bytes: a clone tees the
        // body into two streams, and @hono/node-server then writes the response from a stream
        // instead of the bytes it holds (about 0.1 ms of CPU per request in a loop on loopback).
        const bytes = new Uint8Array(await response.arrayBuffer());
        await complete(tx, {
          tokenId: auth.tokenId,
          key,
          status: response.status,
          headers,
          body: utf8.decode(bytes),
        });
        // Unset first: Hono's setter would otherwise copy the consumed response into the new one.
        c.res = undefined;
        c.res = new Response(NULL_BODY_STATUSES.has(response.status) ? null : bytes, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        });
      });
    } catch (error) {
      if (!(error instanceof RolledBack)) throw error;
    }
    if (replay !== undefined) return replay;
  };
}

/** The key's claim: its row, unless another request holds it (statements built once). */
const claimKey = reusable('passerelle_idempotency_claim', (db) =>
  db
    .insert(idempotencyKeys)
    .values({
      tokenId: sql.placeholder('tokenId'),
      key: sql.placeholder('key'),
      requestHash: sql.placeholder('requestHash'),
      state: 'in_progress',
      createdAt: sql.placeholder('createdAt'),
    })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key }),
);

/** The key's response, stored when the request completes. */
const complete = reusable('passerelle_idempotency_complete', (db) =>
  db
    .update(idempotencyKeys)
    .set(
      setOf(idempotencyKeys, {
        state: 'completed',
        status: sql.placeholder('status'),
        headers: sql.placeholder('headers'),
        body: sql.placeholder('body'),
      }),
    )
    .where(
      and(
        eq(idempotencyKeys.tokenId, sql.placeholder('tokenId')),
        eq(idempotencyKeys.key, sql.placeholder('key')),
      ),
    ),
);

/** Thrown to roll the request's transaction back; its response is sent all the same. */
class RolledBack extends Error {}

/**
 * Claims the key in the open transaction; when a completed request holds it, the response to
 * replay. Refuses a key used with another request (422), or held by a request still running
 * (409: only a row left `in_progress` by an earlier version of the API can be seen so).
 */
async function claim(
  tx: Tx,
  input: {
    scope: SQL | undefined;
    tokenId: string;
    key: string;
    requestHash: string;
    at: Date;
    ttlMs: number;
  },
): Promise<Response | undefined> {
  const { scope, at } = input;
  for (let attempt = 0; attempt < 2; attempt++) {
    const claimed = await claimKey(tx, {
      tokenId: input.tokenId,
      key: input.key,
      requestHash: input.requestHash,
      createdAt: at.toISOString(),
    });
    if (claimed.length > 0) return undefined;

    const [held] = await tx.select().from(idempotencyKeys).where(scope).limit(1);
    if (held === undefined) continue;
    const age = at.getTime() - Date.parse(held.createdAt);
    const expired = age > input.ttlMs;
    const abandoned = held.state === 'in_progress' && age > STALE_IN_PROGRESS_MS;
    if (expired || abandoned) {
      await tx
        .delete(idempotencyKeys)
        .where(and(scope, eq(idempotencyKeys.createdAt, held.createdAt)));
      continue;
    }
    if (held.requestHash !== input.requestHash) {
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
    return new Response(held.body, { status: held.status, headers });
  }
  throw new ApiError('idempotency_in_progress', {
    detail: 'The first request with this Idempotency-Key has not finished yet.',
    headers: { 'Retry-After': '1' },
  });
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

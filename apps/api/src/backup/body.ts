/**
 * The request body of `POST /v1/admin/restore`: a backup file, gzip-compressed
 * (`application/gzip`) or plain JSON Lines (`application/jsonl`, `application/x-ndjson`), up to
 * `RESTORE_MAX_BYTES` instead of the API's JSON limit. The app wires it for `RESTORE_PATH` and
 * skips the JSON body check there.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/context';
import { ApiError } from '../http/problem';

export const RESTORE_PATH = '/v1/admin/restore';

const accepted = new Set([
  'application/gzip',
  'application/x-gzip',
  'application/jsonl',
  'application/x-ndjson',
  'application/octet-stream',
]);

export function isRestorePath(path: string): boolean {
  return path === RESTORE_PATH;
}

/** Refuses (415) another media type; keeps a hash of the file for Idempotency-Key. */
export function restoreBody(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const mediaType =
      (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!accepted.has(mediaType)) {
      throw new ApiError('unsupported_media_type', {
        detail: `Send the backup file as application/gzip or application/jsonl (got ${mediaType === '' ? 'no content type' : mediaType}).`,
      });
    }
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    c.set('rawBody', `sha256:${createHash('sha256').update(bytes).digest('hex')}`);
    return next();
  };
}

/**
 * The request body of an EWP import: an XML document (`application/xml` or `text/xml`), up to
 * the imports' body limit (`IMPORT_BODY_LIMIT_BYTES`) instead of the API's JSON one. The app
 * wires it for `EWP_IMPORT_PATH` and skips the JSON body check there.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../http/context';
import { ApiError } from '../../http/problem';

export const EWP_IMPORT_PATH = '/v1/ewp/iias/import';

const accepted = new Set(['application/xml', 'text/xml']);

export function isEwpImportPath(path: string): boolean {
  return path === EWP_IMPORT_PATH;
}

/**
 * Refuses (415) a body that is not XML, and keeps a hash of it as the raw body, so an
 * Idempotency-Key replay is refused for another document.
 */
export function ewpBody(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const mediaType =
      (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!accepted.has(mediaType)) {
      throw new ApiError('unsupported_media_type', {
        detail: `Send the IIAs document as application/xml (got ${mediaType === '' ? 'no content type' : mediaType}).`,
      });
    }
    const text = await c.req.text();
    c.set('rawBody', `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`);
    return next();
  };
}

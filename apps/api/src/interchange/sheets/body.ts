/**
 * The request body of a spreadsheet import: CSV (`text/csv`), XLSX
 * (`application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`) or a multipart form
 * with the file in the field `file`. Imports have their own body limit
 * (`IMPORT_BODY_LIMIT_BYTES`, 10 MiB by default) instead of the API's 1 MiB, and skip the
 * JSON body check; the app wires both for the paths `isImportPath` names.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../http/context';
import { ApiError } from '../../http/problem';

export const CSV_TYPE = 'text/csv';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MULTIPART_TYPE = 'multipart/form-data';

/** Media types an import accepts (text/plain and octet-stream are sniffed as CSV or XLSX). */
const accepted = new Set([
  CSV_TYPE,
  XLSX_TYPE,
  MULTIPART_TYPE,
  'application/csv',
  'text/plain',
  'application/octet-stream',
]);

/** Paths whose bodies are spreadsheets. */
export function isImportPath(path: string): boolean {
  return path.startsWith('/v1/imports/');
}

export function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * Refuses (415) a body that is not a spreadsheet, and keeps a hash of the bytes as the raw
 * body, so an Idempotency-Key replay is refused for another file.
 */
export function importBody(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const mediaType = mediaTypeOf(c.req.header('content-type'));
    if (!accepted.has(mediaType)) {
      throw new ApiError('unsupported_media_type', {
        detail: `Send the sheet as ${CSV_TYPE}, ${XLSX_TYPE} or ${MULTIPART_TYPE} with the file in the field "file" (got ${mediaType === '' ? 'no content type' : mediaType}).`,
      });
    }
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    c.set('rawBody', `sha256:${createHash('sha256').update(bytes).digest('hex')}`);
    return next();
  };
}

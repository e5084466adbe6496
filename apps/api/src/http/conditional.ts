/**
 * Optimistic concurrency over HTTP. Every record carries a version; responses send it as a
 * strong ETag (`"3"`). PATCH, PUT and DELETE take an optional `If-Match`: when given, the
 * stored version must be one of the listed ones (or `*`), else 412 and nothing changes. When
 * absent, the write still runs on the version it read, in a transaction holding the row.
 */
import { z } from 'zod';
import { ApiError } from './problem';

export const etagOf = (version: number): string => `"${version}"`;

/** The header schema for routes that accept If-Match (header names are lower case). */
export const ifMatchHeaders = z.object({
  'if-match': z
    .string()
    .regex(
      /^\s*(\*|(W\/)?"?\d+"?(\s*,\s*(W\/)?"?\d+"?)*)\s*$/,
      'must be "*" or a list of ETags such as "3"',
    )
    .optional()
    .meta({
      description:
        'The ETag (version) you last read. When given and the record has changed since, the answer is 412.',
      example: '"3"',
    }),
});

/** The versions an If-Match header accepts; undefined when absent (or `*`). */
export function parseIfMatch(header: string | undefined): number[] | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  if (text === '*') return undefined;
  return text.split(',').map((tag) => Number(tag.trim().replace(/^W\//, '').replaceAll('"', '')));
}

/** Refuses the write with 412 when If-Match names other versions than the stored one. */
export function checkIfMatch(header: string | undefined, current: number): void {
  const versions = parseIfMatch(header);
  if (versions === undefined || versions.includes(current)) return;
  throw new ApiError('precondition_failed', {
    detail: `The record is at version ${current}; your If-Match was ${header}. Read it again and retry.`,
    data: { currentVersion: current },
    headers: { ETag: etagOf(current) },
  });
}

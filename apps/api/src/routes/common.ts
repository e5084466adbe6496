/**
 * What route files share: the error responses to declare, the Actor for audit, patch
 * schemas, id-list query parameters, and the validation of a merged record against a core
 * input schema.
 */
import { z } from 'zod';
import type { Actor } from '../audit';
import { type AppContext, type AppDeps, authOf } from '../http/context';
import { ApiError, fieldErrors, type ProblemStatus, problemResponseSpec } from '../http/problem';

/** Routes under /v1 require a bearer token. */
export const bearer = [{ bearer: [] }];

const errorDescriptions: Record<number, string> = {
  400: 'Invalid request (problem+json with the failing fields)',
  401: 'Missing, invalid, revoked or expired token',
  403: 'The role may not do this',
  404: 'Not found (also what a student gets for anything not theirs)',
  409: 'Conflict with the current state',
  412: 'If-Match names a version that is no longer current',
  413: 'Body larger than the limit',
  415: 'Body not application/json',
  422: 'A business rule refuses the request (problem+json names the rule)',
  429: 'Too many attempts',
};

/** The problem+json responses a route declares in the OpenAPI document. */
export function errors(...statuses: ProblemStatus[]) {
  const all = new Set<number>([400, 401, ...statuses]);
  return Object.fromEntries(
    [...all]
      .sort()
      .map((status) => [status, problemResponseSpec(errorDescriptions[status] ?? 'Error')]),
  );
}

/** Who is writing, for `writeAudit` and the mutation helpers. */
export function actorOf(c: AppContext, deps: AppDeps): Actor {
  return { auth: authOf(c), requestId: c.get('requestId'), now: deps.now() };
}

type WithoutDefault<T> = T extends z.ZodDefault<infer Inner> ? Inner : T;

/**
 * A PATCH body over some fields of a core schema: every field optional, defaults removed (an
 * absent field stays as it is), unknown fields refused.
 */
export function patchSchema<Shape extends z.ZodRawShape>(shape: Shape) {
  const fields: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(shape)) {
    const inner = field instanceof z.ZodDefault ? field.unwrap() : field;
    fields[key] = z.optional(inner as z.ZodType);
  }
  return z.strictObject(fields) as unknown as z.ZodObject<
    { [K in keyof Shape]: z.ZodOptional<WithoutDefault<Shape[K]>> },
    z.core.$strict
  >;
}

/** Only the fields the client actually sent (zod output may hold undefined for absent ones). */
export function sentFields<T extends object>(patch: T): Sent<T> {
  return Object.fromEntries(
    Object.entries(patch).filter(([, value]) => value !== undefined),
  ) as Sent<T>;
}

export type Sent<T> = { [K in keyof T]?: Exclude<T[K], undefined> };

/**
 * Validates a whole record (after a patch) against a core input schema, so cross-field rules
 * (end after start, …) hold; failures are 400 with the fields under `body`.
 */
export function validateMerged<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors = fieldErrors(parsed.error, 'body');
  throw new ApiError('validation', {
    detail: errors.map((error) => `${error.path}: ${error.message}`).join('; '),
    errors,
  });
}

/** A header for responses that carry a record's version. */
export const etagHeader = {
  ETag: { schema: { type: 'string' as const }, description: 'The record version, for If-Match' },
};

/**
 * A query parameter holding comma-separated ids of one kind (`ids=stu_…,stu_…`): each checked
 * with `id`, repeats dropped, at most `max`; absent or empty means no filter.
 */
export function idListParam<T>(id: z.ZodType<T>, noun: string, max: number) {
  return z
    .string()
    .trim()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value === '') return undefined;
      const list: T[] = [];
      for (const text of new Set(value.split(',').map((item) => item.trim()))) {
        const parsed = id.safeParse(text);
        if (!parsed.success) {
          context.addIssue({ code: 'custom', message: `"${text}" is not ${noun}` });
          return z.NEVER;
        }
        list.push(parsed.data);
      }
      if (list.length > max) {
        context.addIssue({ code: 'custom', message: `at most ${max} ids` });
        return z.NEVER;
      }
      return list;
    });
}

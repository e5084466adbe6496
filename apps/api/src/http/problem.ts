/**
 * One error shape for every failure: `application/problem+json` (RFC 9457). Each kind of
 * error has one status and one stable `type`; the map below is exhaustive, so adding a kind
 * without its status does not compile. Handlers throw `ApiError`; the app's error handler
 * turns it into the response.
 */
import type { Violation } from '@passerelle/core';
import { z } from 'zod';

export const problemKinds = {
  validation: { status: 400, title: 'The request is not valid' },
  malformed_json: { status: 400, title: 'The request body is not valid JSON' },
  unauthenticated: { status: 401, title: 'Authentication is required' },
  forbidden: { status: 403, title: 'This action is not allowed' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'The request conflicts with the current state' },
  illegal_transition: { status: 409, title: 'This state change is not allowed' },
  idempotency_in_progress: {
    status: 409,
    title: 'A request with this Idempotency-Key is still being processed',
  },
  request_timeout: { status: 408, title: 'The request was not received in time' },
  precondition_failed: { status: 412, title: 'The record has changed since you read it' },
  payload_too_large: { status: 413, title: 'The request body is too large' },
  unsupported_media_type: { status: 415, title: 'The request body must be application/json' },
  rule_violation: { status: 422, title: 'A business rule refuses this request' },
  import_rejected: { status: 422, title: 'The sheet has rows that cannot be imported' },
  idempotency_mismatch: {
    status: 422,
    title: 'This Idempotency-Key was used with a different request',
  },
  rate_limited: { status: 429, title: 'Too many attempts' },
  request_too_large: { status: 431, title: 'The request line or headers are too large' },
  internal: { status: 500, title: 'Something went wrong on our side' },
  unavailable: { status: 503, title: 'The service is not ready' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemKind = keyof typeof problemKinds;
export type ProblemStatus = (typeof problemKinds)[ProblemKind]['status'];

/** The stable `type` of a kind: `urn:passerelle:problem:validation`, `…:not-found`, … */
export function problemType(kind: ProblemKind): string {
  return `urn:passerelle:problem:${kind.replaceAll('_', '-')}`;
}

export interface FieldError {
  /** Where the bad value is: `body.programmeEnd`, `query.limit`, `header.if-match`. */
  path: string;
  message: string;
}

export interface ApiErrorOptions {
  detail?: string;
  errors?: FieldError[];
  /** For business-rule refusals: the rule's stable code and the data that explains it. */
  rule?: string;
  data?: Record<string, unknown>;
  /** Extra response headers (Retry-After, Allow, …). */
  headers?: Record<string, string>;
  cause?: unknown;
}

export class ApiError extends Error {
  readonly status: ProblemStatus;
  constructor(
    readonly kind: ProblemKind,
    readonly options: ApiErrorOptions = {},
  ) {
    super(options.detail ?? problemKinds[kind].title, { cause: options.cause });
    this.name = 'ApiError';
    this.status = problemKinds[kind].status;
  }

  /** A refusal by a `@passerelle/core` rule, carried to the client with its code and data. */
  static fromViolation(
    violation: Violation,
    kind: 'rule_violation' | 'illegal_transition' | 'conflict' = 'rule_violation',
  ): ApiError {
    return new ApiError(kind, {
      detail: violation.message.en,
      rule: violation.rule,
      data: { ...violation.data, messages: violation.message },
    });
  }

  static notFound(what: string): ApiError {
    return new ApiError('not_found', { detail: `${what} was not found.` });
  }
}

/** The body of every error response. */
export const Problem = z
  .object({
    type: z.string().meta({ example: 'urn:passerelle:problem:validation' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    rule: z.string().optional(),
    data: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'Problem', description: 'An RFC 9457 problem detail.' });
export type Problem = z.infer<typeof Problem>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemBody(
  error: ApiError,
  context: { instance?: string; requestId?: string },
): Problem {
  const { kind, options } = error;
  return {
    type: problemType(kind),
    title: problemKinds[kind].title,
    status: error.status,
    ...(options.detail === undefined ? {} : { detail: options.detail }),
    ...(context.instance === undefined ? {} : { instance: context.instance }),
    ...(context.requestId === undefined ? {} : { requestId: context.requestId }),
    ...(options.errors === undefined ? {} : { errors: options.errors }),
    ...(options.rule === undefined ? {} : { rule: options.rule }),
    ...(options.data === undefined ? {} : { data: options.data }),
  };
}

/** Field errors from a zod error, located in the part of the request they came from. */
export function fieldErrors(error: z.ZodError, location: string): FieldError[] {
  return error.issues.map((issue) => ({
    path: [location, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

/** The response to describe in OpenAPI for an error status. */
export const problemResponseSpec = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: Problem } },
});

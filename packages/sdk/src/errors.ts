/**
 * Every failure the client reports is a `PasserelleError`. Answers from the API become the
 * subclass of their problem `type` (RFC 9457 problem+json), or of their status when the body
 * is not a problem; failures to get an answer are connection, timeout or abort errors.
 */
import type { Messages } from '@passerelle/core';
import type { EwpImportReport, SheetImportReport } from './types';

/** One failing field of a request: `body.programmeEnd`, `query.limit`, `header.if-match`. */
export interface FieldError {
  path: string;
  message: string;
}

/** The body of every error answer of the API (`application/problem+json`). */
export interface Problem {
  /** Stable per kind of error: `urn:passerelle:problem:not-found`, … (see `problemTypes`). */
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** The path of the request that failed. */
  instance?: string;
  requestId?: string;
  /** For validation errors: each failing field. */
  errors?: FieldError[];
  /** For business-rule refusals: the rule's stable code (`agreement.quota_exceeded`). */
  rule?: string;
  /** The data that explains the refusal (and `messages`: the refusal in en, zh and fr). */
  data?: Record<string, unknown>;
}

const problem = (kind: string) => `urn:passerelle:problem:${kind}` as const;

/** The problem types the API answers with. */
export const problemTypes = {
  validation: problem('validation'),
  malformedJson: problem('malformed-json'),
  unauthenticated: problem('unauthenticated'),
  forbidden: problem('forbidden'),
  notFound: problem('not-found'),
  methodNotAllowed: problem('method-not-allowed'),
  conflict: problem('conflict'),
  illegalTransition: problem('illegal-transition'),
  idempotencyInProgress: problem('idempotency-in-progress'),
  preconditionFailed: problem('precondition-failed'),
  payloadTooLarge: problem('payload-too-large'),
  unsupportedMediaType: problem('unsupported-media-type'),
  ruleViolation: problem('rule-violation'),
  importRejected: problem('import-rejected'),
  idempotencyMismatch: problem('idempotency-mismatch'),
  rateLimited: problem('rate-limited'),
  internal: problem('internal'),
  unavailable: problem('unavailable'),
} as const;

export interface ErrorDetails {
  status?: number | undefined;
  problem?: Problem | undefined;
  requestId?: string | undefined;
  headers?: Headers | undefined;
  cause?: unknown;
}

/** The base of every error the client throws. */
export class PasserelleError extends Error {
  override readonly name: string = 'PasserelleError';
  /** The HTTP status, when the API answered. */
  readonly status: number | undefined;
  /** The problem+json body, when the API sent one. */
  readonly problem: Problem | undefined;
  /** The `X-Request-Id` of the failed request: quote it when you report a problem. */
  readonly requestId: string | undefined;
  readonly headers: Headers | undefined;

  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.problem = details.problem;
    this.requestId = details.requestId ?? details.problem?.requestId;
    this.headers = details.headers;
  }
}

/** 400: the request is not valid; `fields` lists each failing field. */
export class ValidationError extends PasserelleError {
  override readonly name: string = 'ValidationError';
  readonly fields: FieldError[];
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details);
    this.fields = details.problem?.errors ?? [];
  }
}

/** 401: the token is missing, unknown, revoked or expired. */
export class AuthenticationError extends PasserelleError {
  override readonly name: string = 'AuthenticationError';
}

/** 403: the token's role (or the person acted for) may not do this. */
export class PermissionDeniedError extends PasserelleError {
  override readonly name: string = 'PermissionDeniedError';
}

/** 404: no such record, or one the caller may not see. */
export class NotFoundError extends PasserelleError {
  override readonly name: string = 'NotFoundError';
}

/** 409: the request conflicts with the current state (a unique value, a request in flight). */
export class ConflictError extends PasserelleError {
  override readonly name: string = 'ConflictError';
}

/** 412: the record changed since the version given in If-Match; read it again. */
export class PreconditionFailedError extends PasserelleError {
  override readonly name: string = 'PreconditionFailedError';
  /** The version the record is at now, when the API says. */
  readonly currentVersion: number | undefined;
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details);
    const current = details.problem?.data?.currentVersion;
    this.currentVersion = typeof current === 'number' ? current : undefined;
  }
}

/**
 * A business rule refuses the request (422), or a state change is not allowed (409,
 * `illegal-transition`). `rule` is the stable code, `data` explains it, and `messages` says it
 * in English, Chinese and French for the person who asked.
 */
export class RuleViolationError extends PasserelleError {
  override readonly name: string = 'RuleViolationError';
  readonly rule: string | undefined;
  readonly data: Record<string, unknown>;
  readonly messages: Messages | undefined;
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details);
    this.rule = details.problem?.rule;
    this.data = details.problem?.data ?? {};
    this.messages = asMessages(this.data.messages);
  }
}

/**
 * 422 `import-rejected`: a spreadsheet with rows that cannot be imported; nothing was written.
 * `report` lists every problem by row and column.
 */
export class SheetImportRejectedError extends RuleViolationError {
  override readonly name: string = 'SheetImportRejectedError';
  readonly report: SheetImportReport;
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details);
    const body = (details.problem ?? {}) as Partial<SheetImportReport>;
    this.report = {
      ok: false,
      dryRun: body.dryRun ?? false,
      resource: body.resource ?? 'students',
      format: body.format ?? 'csv',
      rows: body.rows ?? 0,
      created: body.created ?? 0,
      updated: body.updated ?? 0,
      unchanged: body.unchanged ?? 0,
      errors: (body.errors ?? []).map(({ row, column, message }) => ({ row, column, message })),
      errorsTruncated: body.errorsTruncated ?? false,
      ignoredColumns: body.ignoredColumns ?? [],
      importId: body.importId ?? null,
    };
  }
}

/** 422 rule `ewp.import_rejected`: IIAs that cannot be imported; nothing was written. */
export class EwpImportRejectedError extends RuleViolationError {
  override readonly name: string = 'EwpImportRejectedError';
  /** The whole report: each IIA's outcome and problems. */
  readonly report: EwpImportReport | undefined;
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details);
    this.report = this.data.report as EwpImportReport | undefined;
  }
}

/** 422: this Idempotency-Key was first used for another request; use a new key. */
export class IdempotencyError extends PasserelleError {
  override readonly name: string = 'IdempotencyError';
}

/** 429: too many requests; `retryAfter` is how long to wait, in seconds, when the API says. */
export class RateLimitError extends PasserelleError {
  override readonly name: string = 'RateLimitError';
  readonly retryAfter: number | undefined;
  constructor(message: string, details: ErrorDetails & { retryAfterMs?: number | undefined } = {}) {
    super(message, details);
    this.retryAfter = details.retryAfterMs === undefined ? undefined : details.retryAfterMs / 1000;
  }
}

/** 5xx: the API failed (the client has already retried). */
export class InternalServerError extends PasserelleError {
  override readonly name: string = 'InternalServerError';
}

/** No answer: the network failed, the connection was reset, or the host is unreachable. */
export class APIConnectionError extends PasserelleError {
  override readonly name: string = 'APIConnectionError';
  constructor(message = 'Could not reach the Passerelle API.', details: ErrorDetails = {}) {
    super(message, details);
  }
}

/** No answer within `timeout` (on the last attempt). */
export class APITimeoutError extends APIConnectionError {
  override readonly name: string = 'APITimeoutError';
  constructor(message = 'The request timed out.', details: ErrorDetails = {}) {
    super(message, details);
  }
}

/** The caller's AbortSignal aborted the request; it is never retried. */
export class APIUserAbortError extends PasserelleError {
  override readonly name: string = 'APIUserAbortError';
  constructor(message = 'The request was aborted.', details: ErrorDetails = {}) {
    super(message, details);
  }
}

/** A success answer that does not have the expected shape (with `validateResponses`). */
export class ResponseValidationError extends PasserelleError {
  override readonly name: string = 'ResponseValidationError';
  readonly issues: FieldError[];
  constructor(message: string, details: ErrorDetails & { issues: FieldError[] }) {
    super(message, details);
    this.issues = details.issues;
  }
}

type ErrorClass = new (message: string, details: ErrorDetails) => PasserelleError;

const byType: Readonly<Record<string, ErrorClass>> = {
  [problemTypes.validation]: ValidationError,
  [problemTypes.malformedJson]: ValidationError,
  [problemTypes.payloadTooLarge]: ValidationError,
  [problemTypes.unsupportedMediaType]: ValidationError,
  [problemTypes.unauthenticated]: AuthenticationError,
  [problemTypes.forbidden]: PermissionDeniedError,
  [problemTypes.notFound]: NotFoundError,
  [problemTypes.conflict]: ConflictError,
  [problemTypes.idempotencyInProgress]: ConflictError,
  [problemTypes.illegalTransition]: RuleViolationError,
  [problemTypes.preconditionFailed]: PreconditionFailedError,
  [problemTypes.ruleViolation]: RuleViolationError,
  [problemTypes.importRejected]: SheetImportRejectedError,
  [problemTypes.idempotencyMismatch]: IdempotencyError,
  [problemTypes.rateLimited]: RateLimitError,
  [problemTypes.internal]: InternalServerError,
  [problemTypes.unavailable]: InternalServerError,
};

const byStatus: Readonly<Record<number, ErrorClass>> = {
  400: ValidationError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  412: PreconditionFailedError,
  422: RuleViolationError,
  429: RateLimitError,
};

function errorClass(status: number, problem: Problem | undefined): ErrorClass {
  if (problem?.rule === 'ewp.import_rejected') return EwpImportRejectedError;
  const known = problem === undefined ? undefined : byType[problem.type];
  if (known !== undefined) return known;
  return byStatus[status] ?? (status >= 500 ? InternalServerError : PasserelleError);
}

/** The error for an answer with an error status: by problem type, else by status. */
export function errorFromResponse(input: {
  status: number;
  statusText?: string;
  problem: Problem | undefined;
  headers: Headers;
  requestId: string | undefined;
  retryAfterMs?: number | undefined;
}): PasserelleError {
  const { status, problem } = input;
  const title = problem?.title ?? (input.statusText || 'Request failed');
  const detail = problem?.detail;
  const message =
    detail === undefined || detail === title
      ? `${status} ${title}`
      : `${status} ${title}: ${detail}`;
  const details = {
    status,
    problem,
    headers: input.headers,
    requestId: input.requestId,
  };
  const Class = errorClass(status, problem);
  if (Class === RateLimitError) {
    return new RateLimitError(message, { ...details, retryAfterMs: input.retryAfterMs });
  }
  return new Class(message, details);
}

/** The body as a problem, when it has the shape of one. */
export function asProblem(body: unknown): Problem | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  if (!('type' in body) || typeof body.type !== 'string') return undefined;
  if (!('status' in body) || typeof body.status !== 'number') return undefined;
  if (!('title' in body) || typeof body.title !== 'string') return undefined;
  return body as Problem;
}

function asMessages(value: unknown): Messages | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { en, zh, fr } = value as Record<string, unknown>;
  if (typeof en !== 'string' || typeof zh !== 'string' || typeof fr !== 'string') return undefined;
  return { en, zh, fr };
}

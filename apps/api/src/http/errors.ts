/**
 * The app's one error handler, its not-found handler and the validation hook of every route:
 * each failure leaves as problem+json; unexpected errors are logged and answered with a bare
 * 500 that says nothing about the cause.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { isStoreUnavailable } from '../db/store';
import { type Logger, loggablePath, safeError } from '../logger';
import type { AppEnv } from './context';
import {
  ApiError,
  type FieldError,
  fieldErrors,
  PROBLEM_CONTENT_TYPE,
  type ProblemKind,
  problemBody,
} from './problem';

/** The response for an `ApiError`. */
export function problemResponse(c: Context<AppEnv>, error: ApiError): Response {
  const body = problemBody(error, { instance: c.req.path, requestId: c.get('requestId') });
  // Headers set for a success response (an ETag, a Location) do not belong to an error.
  c.res.headers.delete('ETag');
  c.res.headers.delete('Location');
  return c.body(JSON.stringify(body), error.status, {
    'Content-Type': PROBLEM_CONTENT_TYPE,
    'Cache-Control': 'no-store',
    ...error.options.headers,
  });
}

/** Statuses hono itself may raise, and the kind each one is. */
const httpExceptionKinds: Partial<Record<number, ProblemKind>> = {
  400: 'validation',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

export function errorHandler(logger: Logger) {
  return (error: Error, c: Context<AppEnv>): Response => {
    if (error instanceof ApiError) {
      if (error.status >= 500) logApiError(logger, c, error);
      return problemResponse(c, error);
    }
    if (error instanceof HTTPException) {
      const kind = httpExceptionKinds[error.status];
      if (kind !== undefined) return problemResponse(c, new ApiError(kind));
    }
    if (isStoreUnavailable(error)) {
      // The database is away (stopped, restarting, unreachable): retry soon, not a defect.
      const unavailable = new ApiError('unavailable', {
        detail: 'The store does not answer; try again shortly.',
        headers: { 'Retry-After': '1' },
        cause: error,
      });
      logApiError(logger, c, unavailable);
      return problemResponse(c, unavailable);
    }
    logger.error(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: loggablePath(c.req.path),
        err: safeError(error),
      },
      'unexpected error',
    );
    return problemResponse(c, new ApiError('internal'));
  };
}

function logApiError(logger: Logger, c: Context<AppEnv>, error: ApiError): void {
  logger.error(
    {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: loggablePath(c.req.path),
      kind: error.kind,
      err: safeError(error.options.cause ?? error),
    },
    'request failed',
  );
}

export function notFoundHandler(c: Context<AppEnv>): Response {
  return problemResponse(
    c,
    new ApiError('not_found', { detail: `There is no ${c.req.method} ${c.req.path}.` }),
  );
}

const locations: Record<string, string> = {
  json: 'body',
  query: 'query',
  param: 'path',
  header: 'header',
  cookie: 'cookie',
  form: 'body',
};

/**
 * The validation hook of every route (`defaultHook`): a failed validation becomes a 400
 * problem+json listing each bad field with where it was.
 */
export function validationHook(
  result: { target: string } & ({ success: true } | { success: false; error: ZodError }),
): void {
  if (result.success) return;
  const location = locations[result.target] ?? result.target;
  const errors: FieldError[] = fieldErrors(result.error, location);
  throw new ApiError('validation', {
    detail: errors.map((error) => `${error.path}: ${error.message}`).join('; '),
    errors,
  });
}

import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Authenticator } from '../auth/tokens';
import { type Logger, loggablePath } from '../logger';
import type { AppEnv } from './context';
import { ApiError } from './problem';

const REQUEST_ID_HEADER = 'X-Request-Id';
/** What Hono's request-id middleware accepts from the caller; anything else gets a new id. */
const acceptableRequestId = /^[\w\-=]{1,255}$/;

export interface RequestFrameOptions {
  /** CORS for requests that carry an Origin (a page on another origin). */
  cors: MiddlewareHandler<AppEnv>;
  /** Whether responses vary with Origin (CORS_ORIGINS is a list, not `*`). */
  varyOrigin: boolean;
}

/**
 * What wraps every request, in one middleware rather than three (each layer of Hono's chain
 * is a promise and a router entry on every request, a measurable share of a small GET's CPU,
 * bench/): its request id (the caller's X-Request-Id when it is a plain token of at most 255
 * characters, as Hono's request-id middleware takes it, a new UUID otherwise, and sent back);
 * CORS, only for requests with an Origin (Hono's CORS middleware rebuilds every response twice,
 * so other requests skip it and get `Vary: Origin` set before the response exists); and one
 * structured log line: method, path (never the query string, which may hold a search for a
 * name or a number), status, duration, request id and the caller's role. Never a header, a
 * token or a body.
 */
export function requestFrame(
  logger: Logger,
  options: RequestFrameOptions,
): MiddlewareHandler<AppEnv> {
  // The line below holds only the fields named here, none of them a redacted path: logged
  // without the redaction pass, which costs three times the rest of the line (bench/).
  const lines = logger.child({}, { redact: [] });
  return async (c, next) => {
    const started = performance.now();
    const given = c.req.header(REQUEST_ID_HEADER);
    const requestId = given !== undefined && acceptableRequestId.test(given) ? given : randomUUID();
    c.set('requestId', requestId);
    c.header(REQUEST_ID_HEADER, requestId);
    if (c.req.header('origin') !== undefined) await options.cors(c, next);
    else {
      if (options.varyOrigin) c.header('Vary', 'Origin');
      await next();
    }
    const auth = c.get('auth');
    const status = c.res.status;
    const line = {
      requestId,
      method: c.req.method,
      path: loggablePath(c.req.path),
      status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      ...(auth === undefined
        ? {}
        : {
            tokenId: auth.tokenId,
            role: auth.identity.role,
            ...(auth.actingFor === undefined ? {} : { actingFor: auth.actingFor }),
          }),
    };
    if (status >= 500) lines.error(line, 'request');
    else lines.info(line, 'request');
  };
}

/**
 * Runs `middleware` in order, unless `skip(c)`. Hono's `except` does the same, but allocates an
 * Error (and its stack trace) on every request it does not skip, which shows in the CPU profile
 * of every request (bench/).
 */
export function unless(
  skip: (c: Context<AppEnv>) => boolean,
  ...middleware: readonly MiddlewareHandler<AppEnv>[]
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (skip(c)) return next();
    const dispatch = async (index: number): Promise<void> => {
      const handler = middleware[index];
      if (handler === undefined) return next();
      const response = await handler(c, () => dispatch(index + 1));
      // A middleware may answer by returning a Response, as in Hono's own chain.
      if (response instanceof Response && !c.finalized) c.res = response;
    };
    await dispatch(0);
  };
}

/** Methods whose requests carry no body. */
const bodilessMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `middleware` for requests that may carry a body (not GET, HEAD or OPTIONS). */
export function forBodies(middleware: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> {
  return (c, next) => (bodilessMethods.has(c.req.method) ? next() : middleware(c, next));
}

export function limitBody(maxSize: number): MiddlewareHandler<AppEnv> {
  const tooLarge = () => {
    throw new ApiError('payload_too_large', {
      detail: `The body must not be larger than ${maxSize} bytes.`,
    });
  };
  const limit = bodyLimit({ maxSize, onError: tooLarge });
  // Hono's check starts by reading `c.req.raw.body`, which makes @hono/node-server build a whole
  // fetch Request (headers, AbortSignal, body stream) from the incoming message, and the body is
  // then read through that stream: a large share of the CPU of a small request (bench/, CPU
  // profile). A request without a body has nothing to limit, and one with a Content-Length (and
  // no Transfer-Encoding, as Hono checks too) is limited by that header: Node's parser reads no
  // more bytes than it declares. Only streamed bodies go through Hono's counting reader.
  return (c, next) => {
    if (bodilessMethods.has(c.req.method)) return next();
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) {
      return limit(c, next);
    }
    return Number.parseInt(length, 10) > maxSize ? tooLarge() : next();
  };
}

const jsonMediaType = /^application\/([\w.-]+\+)?json$/i;
const bodyMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Requests that carry a body must send JSON (415 otherwise), and it must parse (400
 * `malformed-json` otherwise). The text is kept for the idempotency hash; the route's
 * validator reads the same cached body.
 */
export function jsonBody(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Not `c.req.raw.body === null`: asking for the stream builds a whole fetch Request (see
    // limitBody); an empty body reads as '' below, which is the same answer.
    if (!bodyMethods.has(c.req.method)) return next();
    const contentType = c.req.header('content-type');
    const text = await c.req.text();
    if (text.length === 0 && contentType === undefined) return next();
    const mediaType = (contentType ?? '').split(';')[0]?.trim() ?? '';
    if (!jsonMediaType.test(mediaType)) {
      throw new ApiError('unsupported_media_type', {
        detail: `Send the body as application/json (got ${mediaType === '' ? 'no content type' : mediaType}).`,
      });
    }
    try {
      JSON.parse(text);
    } catch (error) {
      throw new ApiError('malformed_json', {
        detail: error instanceof SyntaxError ? error.message : 'The body is not valid JSON.',
      });
    }
    c.set('rawBody', text);
    return next();
  };
}

/** Every /v1 request is authenticated; the result is `c.get('auth')`. */
export function authenticate(authenticator: Authenticator): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const auth = await authenticator.authenticate(
      c.req.header('authorization'),
      c.req.header('passerelle-act-as'),
    );
    c.set('auth', auth);
    return next();
  };
}

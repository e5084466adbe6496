import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Authenticator } from '../auth/tokens';
import type { Logger } from '../logger';
import type { AppEnv } from './context';
import { ApiError } from './problem';

/**
 * One structured log line per request: method, path (never the query string, which may hold
 * a search for a name or a number), status, duration, request id and the caller's role.
 * Never a header, a token or a body.
 */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const auth = c.get('auth');
    const status = c.res.status;
    const line = {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
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
    if (status >= 500) logger.error(line, 'request');
    else logger.info(line, 'request');
  };
}

export function limitBody(maxSize: number): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError('payload_too_large', {
        detail: `The body must not be larger than ${maxSize} bytes.`,
      });
    },
  });
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
    if (!bodyMethods.has(c.req.method) || c.req.raw.body === null) return next();
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

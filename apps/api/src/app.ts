/**
 * The app factory: request ids, the request log, CORS, authentication, body checks,
 * idempotency and the one error handler, in one place; then every route group.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { Authenticator } from './auth/tokens';
import type { Config } from './config';
import type { Store } from './db/store';
import type { App, AppDeps, AppEnv } from './http/context';
import { errorHandler, notFoundHandler, validationHook } from './http/errors';
import { idempotency } from './http/idempotency';
import { authenticate, jsonBody, limitBody, requestLog } from './http/middleware';
import type { Logger } from './logger';
import { routeGroups } from './routes';

export interface CreateAppOptions {
  store: Store;
  config: Config;
  logger: Logger;
  /** The clock (default: the system's). */
  now?: () => Date;
}

export function createApp(options: CreateAppOptions): App {
  const now = options.now ?? (() => new Date());
  const { store, config, logger } = options;
  const authenticator = new Authenticator(store.db, config, now);
  const deps: AppDeps = { store, config, logger, now, authenticator };

  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.onError(errorHandler(logger));
  app.notFound(notFoundHandler);

  app.use('*', requestId());
  app.use('*', requestLog(logger));
  app.use(
    '*',
    cors({
      origin: config.CORS_ORIGINS.includes('*') ? '*' : [...config.CORS_ORIGINS],
      allowHeaders: [
        'Authorization',
        'Content-Type',
        'If-Match',
        'Idempotency-Key',
        'Passerelle-Act-As',
        'X-Request-Id',
      ],
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      exposeHeaders: ['ETag', 'Location', 'X-Request-Id', 'Retry-After', 'Idempotent-Replayed'],
      maxAge: 600,
    }),
  );
  app.use('/v1/*', authenticate(authenticator));
  app.use('*', limitBody(config.BODY_LIMIT_BYTES));
  app.use('*', jsonBody());
  app.use('/v1/*', idempotency(store.db, config, now));

  for (const register of routeGroups) register(app, deps);
  return app;
}

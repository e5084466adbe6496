/**
 * The app factory: request ids, the request log and CORS (one middleware), authentication, body checks,
 * idempotency and the one error handler, in one place; then every route group.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { cors } from 'hono/cors';
import { Authenticator } from './auth/tokens';
import { isRestorePath, RESTORE_PATH, restoreBody } from './backup/body';
import type { Config } from './config';
import type { Store } from './db/store';
import type { App, AppDeps, AppEnv } from './http/context';
import { errorHandler, notFoundHandler, validationHook } from './http/errors';
import { idempotency } from './http/idempotency';
import {
  authenticate,
  forBodies,
  jsonBody,
  limitBody,
  requestFrame,
  unless,
} from './http/middleware';
import { EWP_IMPORT_PATH, ewpBody, isEwpImportPath } from './interchange/ewp/body';
import { importBody, isImportPath } from './interchange/sheets/body';
import type { Logger } from './logger';
import { isSignedReportRequest } from './reports/links';
import { routeGroups } from './routes';
import { isFeedRequest } from './routes/calendars';

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

  const anyOrigin = config.CORS_ORIGINS.includes('*');
  const corsHeaders = cors({
    origin: anyOrigin ? '*' : [...config.CORS_ORIGINS],
    allowHeaders: [
      'Authorization',
      'Content-Type',
      'If-Match',
      'Idempotency-Key',
      'Passerelle-Act-As',
      'X-Request-Id',
    ],
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    exposeHeaders: [
      'ETag',
      'Location',
      'X-Request-Id',
      'Retry-After',
      'Idempotent-Replayed',
      'Passerelle-Violations',
    ],
    maxAge: 600,
  });
  app.use('*', requestFrame(logger, { cors: corsHeaders, varyOrigin: !anyOrigin }));
  // Calendar apps cannot send a bearer header: a feed URL carries its own feed token. Nor can a
  // browser opening a year-end report link: the link carries its own signature.
  const carriesItsCredential = (c: Context) =>
    isFeedRequest(c.req.method, c.req.path) || isSignedReportRequest(c.req.method, c.req.path);
  app.use('/v1/*', unless(carriesItsCredential, authenticate(authenticator)));
  // Spreadsheet imports take CSV or XLSX bodies, up to their own limit.
  // So do EWP imports (XML) and restores (a backup file, up to RESTORE_MAX_BYTES).
  const importing = (c: Context) =>
    isImportPath(c.req.path) || isEwpImportPath(c.req.path) || isRestorePath(c.req.path);
  app.use('*', forBodies(unless(importing, limitBody(config.BODY_LIMIT_BYTES), jsonBody())));
  app.use('/v1/imports/*', limitBody(config.IMPORT_BODY_LIMIT_BYTES), importBody());
  app.use(EWP_IMPORT_PATH, limitBody(config.IMPORT_BODY_LIMIT_BYTES), ewpBody());
  app.use(RESTORE_PATH, limitBody(config.RESTORE_MAX_BYTES), restoreBody());
  app.use('/v1/*', forBodies(idempotency(store.db, config, now)));

  for (const register of routeGroups) register(app, deps);
  return app;
}

import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Auth } from '../auth/identity';
import type { Authenticator } from '../auth/tokens';
import type { Config } from '../config';
import type { Store } from '../db/store';
import type { Logger } from '../logger';
import { ApiError } from './problem';

export interface AppVariables {
  requestId: string;
  /** Set by the auth middleware on every /v1 request. */
  auth: Auth;
  /** The raw JSON body, kept for the Idempotency-Key request hash. */
  rawBody: string;
}

export interface AppEnv {
  Variables: AppVariables;
}

export type App = OpenAPIHono<AppEnv>;
export type AppContext = Context<AppEnv>;

/** What every route group receives from `createApp`. */
export interface AppDeps {
  store: Store;
  config: Config;
  logger: Logger;
  /** The clock; tests pass a fixed one. */
  now: () => Date;
  authenticator: Authenticator;
}

/** The signature of every route group's `register…` function. */
export type RegisterRoutes = (app: App, deps: AppDeps) => void;

/** The authenticated caller (set by the auth middleware for every /v1 route). */
export function authOf(c: Context<AppEnv>): Auth {
  const auth = c.get('auth');
  if (auth === undefined) throw new ApiError('unauthenticated');
  return auth;
}

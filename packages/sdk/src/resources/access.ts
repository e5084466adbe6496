/** Who may call the API: tokens, and chat identities bound to people. */
import type { APIPromise } from '../api-promise';
import type { RequestOptions } from '../options';
import type { PagePromise } from '../pagination';
import { path } from '../transport';
import type {
  Binding,
  BindingCode,
  BindingCodeParams,
  BindParams,
  Channel,
  CreatedToken,
  ListParams,
  Token,
  TokenCreateParams,
} from '../types';
import { Resource } from './resource';

/** /v1/tokens (admins) */
export class Tokens extends Resource {
  /** Tokens, newest first, revoked ones included. */
  list(params?: ListParams, options?: RequestOptions): PagePromise<Token> {
    return this.transport.list({ method: 'GET', path: '/v1/tokens', query: params, options });
  }

  /** A new token; its text (`token`) is shown only in this answer. */
  create(body: TokenCreateParams, options?: RequestOptions): APIPromise<CreatedToken> {
    return this.transport.call({ method: 'POST', path: '/v1/tokens', body, options });
  }

  revoke(id: string, options?: RequestOptions): APIPromise<void> {
    return this.transport.call({ method: 'DELETE', path: path`/v1/tokens/${id}`, options });
  }
}

/**
 * /v1/bindings: staff create a one-time code for a person; the person sends it to the bot,
 * which binds their chat identity; then the bot resolves that identity on each message and
 * acts for the person (`actAs: 'channel:wechat:<id>'`).
 */
export class Bindings extends Resource {
  /** A one-time code for a student or a member of staff (staff). */
  createCode(body: BindingCodeParams, options?: RequestOptions): APIPromise<BindingCode> {
    return this.transport.call({ method: 'POST', path: '/v1/bindings/codes', body, options });
  }

  /**
   * Binds a chat identity with a code. Refusals are `RuleViolationError`s
   * (`binding.code_invalid`, `binding.code_expired`, `binding.code_used`,
   * `binding.code_locked`); too many failures are a `RateLimitError`.
   */
  bind(body: BindParams, options?: RequestOptions): APIPromise<Binding> {
    return this.transport.call({ method: 'POST', path: '/v1/bindings', body, options });
  }

  /** Who a chat identity is bound to; `NotFoundError` when nobody is. */
  resolve(channel: Channel, userId: string, options?: RequestOptions): APIPromise<Binding> {
    return this.transport.call({
      method: 'GET',
      path: '/v1/bindings/resolve',
      query: { channel, userId },
      options,
    });
  }
}

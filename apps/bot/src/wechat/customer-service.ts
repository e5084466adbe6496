/**
 * Messages sent to a person outside the 5-second passive-reply window: the Official Account
 * customer-service API (`/cgi-bin/message/custom/send`, up to 5 messages within 48 hours of
 * the person's message) or the WeCom app message API (`/cgi-bin/message/send`).
 */

/** Sends one text message to a person (an Official Account openid, a WeCom user id). */
export interface CustomerServiceSender {
  sendText(toUser: string, text: string): Promise<void>;
}

export type WechatAppKind = 'official-account' | 'wecom';

export interface CustomerServiceClientOptions {
  kind: WechatAppKind;
  /** AppID of the Official Account, or CorpID of the WeCom organisation. */
  appId: string;
  /** AppSecret, or the WeCom app's Secret. */
  secret: string;
  /** The WeCom app's AgentId; required for `wecom`. */
  agentId?: number;
  /** Default `https://api.weixin.qq.com` (Official Account) or `https://qyapi.weixin.qq.com`. */
  apiBase?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  now?: () => Date;
}

/** WeChat answered with a non-zero `errcode`. */
export class WechatApiError extends Error {
  override readonly name = 'WechatApiError';
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeChat API error ${errcode}: ${errmsg}`);
  }
}

/** errcodes that mean the access token is wrong or expired: fetch a new one and retry once. */
const staleTokenCodes = new Set([40001, 40014, 42001]);

export function createCustomerServiceClient(
  options: CustomerServiceClientOptions,
): CustomerServiceSender {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 10_000;
  const wecom = options.kind === 'wecom';
  if (wecom && options.agentId === undefined) {
    throw new Error('A WeCom app needs its AgentId to send messages');
  }
  const base = (
    options.apiBase ?? (wecom ? 'https://qyapi.weixin.qq.com' : 'https://api.weixin.qq.com')
  ).replace(/\/+$/, '');
  let cached: { token: string; expiresAt: number } | undefined;

  async function call(url: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
    const response = await doFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new Error(`WeChat API answered HTTP ${response.status}`);
    const body: unknown = await response.json();
    if (typeof body !== 'object' || body === null) throw new Error('WeChat API answered no JSON');
    const record = body as Record<string, unknown>;
    const errcode = typeof record.errcode === 'number' ? record.errcode : 0;
    if (errcode !== 0) throw new WechatApiError(errcode, String(record.errmsg ?? ''));
    return record;
  }

  async function accessToken(): Promise<string> {
    if (cached !== undefined && cached.expiresAt > now().getTime()) return cached.token;
    const query = wecom
      ? new URLSearchParams({ corpid: options.appId, corpsecret: options.secret })
      : new URLSearchParams({
          grant_type: 'client_credential',
          appid: options.appId,
          secret: options.secret,
        });
    const body = await call(`${base}/cgi-bin/${wecom ? 'gettoken' : 'token'}?${query}`);
    const token = body.access_token;
    const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 7200;
    if (typeof token !== 'string' || token === '') throw new Error('WeChat API sent no token');
    // Renew five minutes early, so a token never expires between check and use.
    cached = { token, expiresAt: now().getTime() + Math.max(0, expiresIn - 300) * 1000 };
    return token;
  }

  async function send(toUser: string, text: string): Promise<void> {
    const token = await accessToken();
    const path = wecom ? 'message/send' : 'message/custom/send';
    const payload = wecom
      ? { touser: toUser, msgtype: 'text', agentid: options.agentId, text: { content: text } }
      : { touser: toUser, msgtype: 'text', text: { content: text } };
    await call(`${base}/cgi-bin/${path}?access_token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(payload),
    });
  }

  return {
    async sendText(toUser, text) {
      try {
        await send(toUser, text);
      } catch (error) {
        if (!(error instanceof WechatApiError) || !staleTokenCodes.has(error.errcode)) throw error;
        cached = undefined;
        await send(toUser, text);
      }
    },
  };
}

/**
 * The WeChat routes' settings, taken from the bot's configuration (`loadBotConfig`, read once
 * from the environment). Either route, both, or neither may be on:
 * - personal account (wechaty) when WECHATY_PUPPET is set;
 * - Official Account / WeCom callback when WECHAT_TOKEN is set.
 */
import type { BotConfig } from '../config';
import type { CustomerServiceClientOptions } from './customer-service';
import type { OfficialAccountOptions } from './official';
import type { WechatyBotOptions } from './wechaty';

/**
 * What the WeChat routes read. The optional extras (kind, secret, agent id, API base) are
 * needed only for WeCom and for answers sent after the 5-second window.
 */
export type WechatConfig = Pick<
  BotConfig,
  | 'WECHATY_PUPPET'
  | 'WECHATY_PUPPET_SERVICE_TOKEN'
  | 'WECHATY_NAME'
  | 'WECHAT_TOKEN'
  | 'WECHAT_ENCODING_AES_KEY'
  | 'WECHAT_APP_ID'
  | 'WECHAT_KIND'
  | 'WECHAT_APP_SECRET'
  | 'WECOM_AGENT_ID'
  | 'WECHAT_API_BASE'
>;

/** The wechaty bot's puppet settings, or undefined when WECHATY_PUPPET is not set. */
export function wechatySettings(
  config: WechatConfig,
): Pick<WechatyBotOptions, 'name' | 'puppet' | 'puppetToken'> | undefined {
  const puppet = config.WECHATY_PUPPET;
  if (puppet === undefined) return undefined;
  const token = config.WECHATY_PUPPET_SERVICE_TOKEN;
  return {
    name: config.WECHATY_NAME,
    puppet,
    ...(token === undefined ? {} : { puppetToken: token }),
  };
}

export interface OfficialSettings {
  receiver: Pick<OfficialAccountOptions, 'kind' | 'token' | 'encodingAESKey' | 'appId'>;
  /** The message API client's settings, when the app secret is known. */
  customerService?: CustomerServiceClientOptions;
}

/** The callback receiver's settings, or undefined when WECHAT_TOKEN is not set. */
export function officialSettings(config: WechatConfig): OfficialSettings | undefined {
  const token = config.WECHAT_TOKEN;
  if (token === undefined) return undefined;
  const kind = config.WECHAT_KIND ?? 'official-account';
  const { WECHAT_ENCODING_AES_KEY: encodingAESKey, WECHAT_APP_ID: appId } = config;
  const receiver: OfficialSettings['receiver'] = {
    kind,
    token,
    ...(encodingAESKey === undefined ? {} : { encodingAESKey }),
    ...(appId === undefined ? {} : { appId }),
  };
  const secret = config.WECHAT_APP_SECRET;
  if (secret === undefined || appId === undefined) return { receiver };
  return {
    receiver,
    customerService: {
      kind,
      appId,
      secret,
      ...(config.WECOM_AGENT_ID === undefined ? {} : { agentId: config.WECOM_AGENT_ID }),
      ...(config.WECHAT_API_BASE === undefined ? {} : { apiBase: config.WECHAT_API_BASE }),
    },
  };
}

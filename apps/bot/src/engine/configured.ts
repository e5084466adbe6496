/** The embedded engine as a deployed channel (Slack, WeChat) starts it: from the configuration. */
import type { Passerelle } from '@passerelle/sdk';
import type { BotConfig } from '../config';
import { apiClient } from '../http';
import type { BotState } from '../state';
import { createEmbeddedEngine, type EmbeddedEngineOptions } from './embedded';
import type { Engine } from './types';

export class MissingTokenError extends Error {
  override readonly name = 'MissingTokenError';
  constructor() {
    super('PASSERELLE_TOKEN is not set: the bot needs its service token to act for people.');
  }
}

/** The bot's service client: PASSERELLE_URL with PASSERELLE_TOKEN (a service token). */
export function serviceClient(config: BotConfig): Passerelle {
  if (config.PASSERELLE_TOKEN === undefined) throw new MissingTokenError();
  return apiClient({ baseUrl: config.PASSERELLE_URL, token: config.PASSERELLE_TOKEN });
}

/** The embedded engine with the configured API, clock zone, rate limit and article links. */
export function engineFromConfig(
  config: BotConfig,
  options: { state: BotState } & Partial<Omit<EmbeddedEngineOptions, 'state'>>,
): Engine {
  return createEmbeddedEngine({
    client: serviceClient(config),
    timeZone: config.BOT_TIME_ZONE,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    ...(config.KNOWLEDGE_BASE_URL === undefined
      ? {}
      : { knowledgeBaseUrl: config.KNOWLEDGE_BASE_URL }),
    ...options,
  });
}

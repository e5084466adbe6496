/** The bot's engine from its configuration: the LLM engine when one is configured, else the embedded one. */
import { type BotConfig, llmEnabled } from '../config';
import { createCatalog } from '../engine/catalog';
import { engineFromConfig, serviceClient } from '../engine/configured';
import { bindingIdentity } from '../engine/identity';
import type { Engine, IncomingMessage } from '../engine/types';
import type { BotState } from '../state';
import { createLlmEngine } from './engine';

export function llmEngineFromConfig(
  config: BotConfig,
  options: {
    state: BotState;
    onError?: (error: unknown, message: IncomingMessage) => void;
  },
): { engine: Engine; kind: 'llm' | 'embedded' } {
  const client = serviceClient(config);
  const identity = bindingIdentity({ client });
  const catalog = createCatalog();
  const embedded = engineFromConfig(config, {
    state: options.state,
    identity,
    catalog,
    ...(options.onError === undefined ? {} : { onError: options.onError }),
  });
  if (!llmEnabled(config)) return { engine: embedded, kind: 'embedded' };
  const engine = createLlmEngine({
    openai: {
      apiKey: config.OPENAI_API_KEY,
      baseURL: config.OPENAI_BASE_URL,
      model: config.OPENAI_MODEL,
    },
    client,
    state: options.state,
    fallback: embedded,
    timeoutMs: config.LLM_TIMEOUT_MS,
    timeZone: config.BOT_TIME_ZONE,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    identity,
    catalog,
    ...(config.KNOWLEDGE_BASE_URL === undefined
      ? {}
      : { knowledgeBaseUrl: config.KNOWLEDGE_BASE_URL }),
    ...(options.onError === undefined ? {} : { onFallback: options.onError }),
  });
  return { engine, kind: 'llm' };
}

import type { BotConfig } from '../config';
import { createMemoryState } from './memory';
import { createRedisState } from './redis';
import type { BotState } from './types';

export { createMemoryState, type MemoryStateOptions } from './memory';
export { createRedisState, type RedisStateOptions } from './redis';
export * from './types';

/** Redis when `REDIS_URL` is set (state shared by every instance), else this process's memory. */
export function createBotState(config: Pick<BotConfig, 'REDIS_URL' | 'REDIS_PREFIX'>): BotState {
  return config.REDIS_URL === undefined
    ? createMemoryState()
    : createRedisState({ url: config.REDIS_URL, prefix: config.REDIS_PREFIX });
}

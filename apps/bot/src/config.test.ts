import { describe, expect, it } from 'vitest';
import { BotConfigError, llmEnabled, loadBotConfig } from './config';

describe('loadBotConfig', () => {
  it('has a default for everything a newcomer needs', () => {
    const config = loadBotConfig({});
    expect(config).toMatchObject({
      PASSERELLE_URL: 'http://127.0.0.1:8787',
      DATA_DIR: './.data',
      BOT_TIME_ZONE: 'Asia/Shanghai',
      RATE_LIMIT_PER_MINUTE: 20,
      LLM_TIMEOUT_MS: 15_000,
      SLACK_SOCKET_MODE: false,
      REDIS_PREFIX: 'passerelle:bot:',
    });
    expect(config.PASSERELLE_TOKEN).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(llmEnabled(config)).toBe(false);
  });

  it('reads the environment, empty values counting as unset', () => {
    const config = loadBotConfig({
      PASSERELLE_URL: 'https://api.example.edu',
      PASSERELLE_TOKEN: 'psl_abc',
      REDIS_URL: 'redis://127.0.0.1:6379',
      RATE_LIMIT_PER_MINUTE: '5',
      BOT_TIME_ZONE: 'Europe/Paris',
      SLACK_SOCKET_MODE: 'true',
      OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
      HANDOFF_SLACK_CHANNEL: 'C0123',
      WECHATY_PUPPET: '',
      NOT_MINE: 'ignored',
    });
    expect(config).toMatchObject({
      PASSERELLE_URL: 'https://api.example.edu',
      PASSERELLE_TOKEN: 'psl_abc',
      REDIS_URL: 'redis://127.0.0.1:6379',
      RATE_LIMIT_PER_MINUTE: 5,
      BOT_TIME_ZONE: 'Europe/Paris',
      SLACK_SOCKET_MODE: true,
      HANDOFF_SLACK_CHANNEL: 'C0123',
    });
    expect(config.WECHATY_PUPPET).toBeUndefined();
    expect(llmEnabled(config)).toBe(true);
    expect(llmEnabled(loadBotConfig({ OPENAI_API_KEY: 'sk-x' }))).toBe(true);
  });

  it('names every bad variable, and never echoes a secret', () => {
    let error: unknown;
    try {
      loadBotConfig({
        PASSERELLE_URL: 'ftp://nope',
        RATE_LIMIT_PER_MINUTE: 'lots',
        BOT_TIME_ZONE: 'Mars/Olympus',
        REDIS_URL: 'http://secret-password@host',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BotConfigError);
    const problems = (error as BotConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toContain('PASSERELLE_URL="ftp://nope"');
    expect(problems.join('\n')).toContain('RATE_LIMIT_PER_MINUTE="lots"');
    expect(problems.join('\n')).toContain(
      'BOT_TIME_ZONE="Mars/Olympus": must be an IANA time zone',
    );
    expect(problems.join('\n')).toContain('REDIS_URL: must be a redis://');
    expect((error as Error).message).not.toContain('secret-password');
  });
});

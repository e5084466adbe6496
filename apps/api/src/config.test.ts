import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({})).toMatchObject({
      PORT: 8787,
      HOST: '127.0.0.1',
      DATA_DIR: './.data',
      LOG_LEVEL: 'info',
      CORS_ORIGINS: [],
      TOKEN_CACHE_SECONDS: 30,
      BINDING_CODE_MINUTES: 15,
      BODY_LIMIT_BYTES: 1_048_576,
      DEMO_DATA: true,
    });
    expect(loadConfig({}).DATABASE_URL).toBeUndefined();
  });

  it('reads values, treats empty ones as unset and splits CORS origins', () => {
    const config = loadConfig({
      PORT: '9000',
      DATABASE_URL: 'postgres://u:p@db:5432/passerelle',
      LOG_LEVEL: '',
      CORS_ORIGINS: 'https://a.example.edu, https://b.example.edu',
      DEMO_DATA: 'false',
    });
    expect(config).toMatchObject({
      PORT: 9000,
      LOG_LEVEL: 'info',
      CORS_ORIGINS: ['https://a.example.edu', 'https://b.example.edu'],
      DEMO_DATA: false,
    });
  });

  it('names every bad variable, and never echoes a connection string', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        CORS_ORIGINS: 'ftp://x',
        DATABASE_URL: 'mysql://root:hunter2@db/x',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.find((problem) => problem.startsWith('PORT="eighty"'))).toContain(
      'whole number',
    );
    expect(problems.find((problem) => problem.startsWith('LOG_LEVEL="loud"'))).toBeDefined();
    expect(problems.find((problem) => problem.startsWith('CORS_ORIGINS'))).toContain('origins');
    expect((error as ConfigError).message).not.toContain('hunter2');
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT="70000"/);
  });
});

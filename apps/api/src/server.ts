/**
 * The API process: `node dist/server.js [--reset]`. Reads the configuration, opens and
 * migrates the store, sets up the demo on first start, serves HTTP, and shuts down cleanly on
 * SIGINT or SIGTERM.
 */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { type Config, ConfigError, loadConfig } from './config';
import { openStore } from './db/store';
import { type DemoTokens, isFirstStart, setUpDemo, writeDemoTokens } from './demo';
import { answerClientErrors } from './http/client-errors';
import { purgeIdempotencyKeys } from './http/idempotency';
import { createLogger, safeError } from './logger';
import { scheduleReminders } from './reminders/schedule';

async function main(argv: readonly string[]): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config);
  const dataDir = resolve(config.DATA_DIR);

  if (argv.includes('--reset')) {
    if (config.DATABASE_URL !== undefined) {
      console.warn('--reset wipes only the embedded store; the database at DATABASE_URL is kept.');
    }
    await rm(dataDir, { recursive: true, force: true });
    console.log(`Reset: removed ${dataDir}`);
  }

  const store = await openStore({ databaseUrl: config.DATABASE_URL, dataDir });
  await store.migrate();
  const now = new Date();
  await purgeIdempotencyKeys(store.db, config, now);

  let tokens: DemoTokens | undefined;
  const tokensPath = join(dataDir, 'demo-tokens.json');
  if (await isFirstStart(store.db)) {
    tokens = await setUpDemo(store.db, { now, withData: config.DEMO_DATA, logger });
    await writeDemoTokens(dataDir, tokens);
  } else if (existsSync(tokensPath)) {
    tokens = JSON.parse(await readFile(tokensPath, 'utf8')) as DemoTokens;
  }

  const app = createApp({ store, config, logger });
  // The daily reminder run (REMINDERS_AT in the office time zone; REMINDERS=off to disable).
  const reminderSchedule = scheduleReminders({ db: store.db, config, logger });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    const base = `http://${config.HOST}:${info.port}`;
    const lines = [
      '',
      `Passerelle API on ${base}  (store: ${store.kind}${store.kind === 'pglite' ? ` in ${dataDir}` : ''})`,
      `  API reference   ${base}/docs`,
      `  OpenAPI         ${base}/openapi.json`,
      `  health          ${base}/healthz  ${base}/readyz`,
    ];
    if (tokens !== undefined) {
      lines.push(
        '',
        `Demo tokens (also in ${tokensPath}):`,
        `  admin    ${tokens.admin}`,
        `  staff    ${tokens.staff}`,
        `  service  ${tokens.service}`,
        `  student  ${tokens.student.token}  (${tokens.student.studentId})`,
        '',
        `  curl -H "Authorization: Bearer ${tokens.staff}" ${base}/v1/students`,
      );
    }
    console.log(`${lines.join('\n')}\n`);
  });
  answerClientErrors(server);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    reminderSchedule?.stop();
    server.close(() => {
      store
        .close()
        .then(() => process.exit(0))
        .catch((error: unknown) => {
          logger.error({ err: safeError(error) }, 'closing the store failed');
          process.exit(1);
        });
    });
    // Connections kept alive by clients must not hold the process forever.
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const { type, message, stack } = safeError(error);
  console.error(`${type}: ${message}\n${stack ?? ''}`);
  process.exit(1);
});

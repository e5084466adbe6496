/**
 * `npm run bot` / `npm start -w @passerelle/bot`: the bot as a process, stopped cleanly on
 * SIGINT and SIGTERM.
 */
/* v8 ignore start */
import { BotConfigError, loadBotConfig } from './config';
import { startBot } from './main';

try {
  const bot = await startBot(loadBotConfig(process.env));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`passerelle bot: ${signal}, stopping…`);
    await bot.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  console.error(error instanceof BotConfigError ? error.message : error);
  process.exit(1);
}
/* v8 ignore stop */

/** `npm run ask -- [--as …] [--json] "question"`: one question to the bot, one answer. */
import { loadBotConfig } from '../config';
import type { IncomingMessage } from '../engine/types';
import { parseConsoleArgs, USAGE, UsageError } from './args';
import { replyJson, replyText } from './render';
import { ConsoleSetupError, createConsoleBot } from './setup';

/** The console's message: one person, one conversation. */
export function consoleMessage(text: string, as: string, receivedAt = new Date()): IncomingMessage {
  return {
    text,
    channel: 'console',
    channelUserId: `console:${as}`,
    conversationId: `console:${as}`,
    receivedAt,
  };
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Runs one question; returns the exit code. */
export async function ask(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  io: Io = processIo,
): Promise<number> {
  let args: ReturnType<typeof parseConsoleArgs>;
  try {
    args = parseConsoleArgs(argv);
  } catch (error) {
    io.err(error instanceof UsageError ? `${error.message}\n\n${USAGE}` : String(error));
    return 2;
  }
  if (args.help || args.question === '') {
    io.err(USAGE);
    return args.help ? 0 : 2;
  }
  try {
    const bot = await createConsoleBot({ config: loadBotConfig(env), as: args.as });
    try {
      const reply = await bot.engine.answer(consoleMessage(args.question, bot.asker.role));
      io.out(args.json ? replyJson(reply) : replyText(reply));
    } finally {
      await bot.close();
    }
    return 0;
  } catch (error) {
    io.err(setupMessage(error));
    return 1;
  }
}

/** A start-up failure in one line (a bad variable, no token, no demo binding). */
export function setupMessage(error: unknown): string {
  if (error instanceof ConsoleSetupError || error instanceof Error) return error.message;
  return String(error);
}

/** `npm run chat -- [--as …] [--json]`: an interactive conversation with the bot. */
import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import { loadBotConfig } from '../config';
import type { Reply } from '../engine/types';
import { parseConsoleArgs, USAGE, UsageError } from './args';
import { consoleMessage, type Io, setupMessage } from './ask';
import { replyJson, replyText } from './render';
import { createConsoleBot } from './setup';

export interface ChatStreams {
  input: Readable;
  output: Writable;
  err: Io['err'];
}

const GREETING =
  'Passerelle console. Ask a question; /1, /2… picks a suggestion; /quit or Ctrl-D leaves.';

/** Runs a conversation until the input ends or /quit; returns the exit code. */
export async function chat(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  streams: ChatStreams,
): Promise<number> {
  let args: ReturnType<typeof parseConsoleArgs>;
  try {
    args = parseConsoleArgs(argv);
  } catch (error) {
    streams.err(error instanceof UsageError ? `${error.message}\n\n${USAGE}` : String(error));
    return 2;
  }
  if (args.help) {
    streams.err(USAGE);
    return 0;
  }
  let bot: Awaited<ReturnType<typeof createConsoleBot>>;
  try {
    bot = await createConsoleBot({ config: loadBotConfig(env), as: args.as });
  } catch (error) {
    streams.err(setupMessage(error));
    return 1;
  }
  const rl = createInterface({ input: streams.input, output: streams.output, terminal: false });
  const write = (text: string) => streams.output.write(`${text}\n`);
  write(`${GREETING} (as ${bot.asker.role})`);
  let last: Reply | undefined;
  try {
    for await (const line of rl) {
      const input = line.trim();
      if (input === '') continue;
      if (input === '/quit' || input === '/exit') break;
      const pick = /^\/(\d+)$/.exec(input);
      const chosen = pick === null ? undefined : last?.followUps[Number(pick[1]) - 1]?.text;
      const text = chosen ?? input;
      if (chosen !== undefined) write(`> ${text}`);
      last = await bot.engine.answer(consoleMessage(text, bot.asker.role));
      write(args.json ? replyJson(last) : `${replyText(last)}\n`);
    }
  } finally {
    rl.close();
    await bot.close();
  }
  return 0;
}

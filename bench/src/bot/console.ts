/**
 * The bot end to end through its console channel, in a process of its own: what `npm run ask`
 * builds (`createConsoleBot`: configuration, the demo tokens from DATA_DIR, the service token
 * acting for `--as student`, `--as staff` or a guest), against the API in another process
 * (as `npm start` runs it) over loopback HTTP. An answer's time is the engine's answer and its
 * rendering as the console prints it (`replyText`).
 */
import { loadBotConfig } from '../../../apps/bot/src/config';
import { consoleMessage } from '../../../apps/bot/src/console/ask';
import { replyText } from '../../../apps/bot/src/console/render';
import { type ConsoleBot, createConsoleBot } from '../../../apps/bot/src/console/setup';
import { serveRpc } from '../rpc';
import type { AskerRole, Question } from './questions';

let bots: Record<AskerRole, ConsoleBot> | undefined;

const handlers = {
  async open(params: { url: string; dataDir: string }): Promise<{ rss: number }> {
    const config = loadBotConfig({
      PASSERELLE_URL: params.url,
      DATA_DIR: params.dataDir,
      RATE_LIMIT_PER_MINUTE: '10000',
    });
    bots = {
      student: await createConsoleBot({ config, as: { kind: 'student' } }),
      staff: await createConsoleBot({ config, as: { kind: 'staff' } }),
      guest: await createConsoleBot({ config, as: { kind: 'guest' } }),
    };
    return { rss: process.memoryUsage().rss };
  },

  /** Every question `passes` times after a pass of warm-up, each as a one-question session. */
  async run(params: { questions: Question[]; passes: number }): Promise<{
    answerMs: number[];
    failures: number;
  }> {
    if (bots === undefined) throw new Error('call open first');
    const answerMs: number[] = [];
    let failures = 0;
    for (let pass = -1; pass < params.passes; pass++) {
      for (const [index, question] of params.questions.entries()) {
        const bot = bots[question.role];
        const message = {
          ...consoleMessage(question.text, question.role),
          conversationId: `console:bench:${pass}:${question.conversation ?? index}`,
          messageId: `console:bench:${pass}:${index}`,
        };
        const started = performance.now();
        const text = replyText(await bot.engine.answer(message));
        const elapsed = performance.now() - started;
        if (pass < 0) continue;
        answerMs.push(elapsed);
        if (text.trim() === '') failures++;
      }
    }
    return { answerMs, failures };
  },

  async memory(): Promise<NodeJS.MemoryUsage> {
    return process.memoryUsage();
  },

  async close(): Promise<void> {
    if (bots === undefined) return;
    for (const bot of Object.values(bots)) await bot.close();
    bots = undefined;
  },
};

export type ConsoleHandlers = typeof handlers;

serveRpc(handlers);

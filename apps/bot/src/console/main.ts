/**
 * The console's entry point: `main.ts ask …` (npm run ask) or `main.ts chat …` (npm run chat).
 * It runs only as a process: console.test.ts spawns it through npm.
 */
/* v8 ignore start */
import { ask, processIo } from './ask';
import { chat } from './chat';

const [command, ...rest] = process.argv.slice(2);
const code =
  command === 'chat'
    ? await chat(rest, process.env, {
        input: process.stdin,
        output: process.stdout,
        err: processIo.err,
      })
    : await ask(rest, process.env);
// Open keep-alive connections to the API would hold the process for seconds.
process.exit(code);
/* v8 ignore stop */

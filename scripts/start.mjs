#!/usr/bin/env node
// `npm start`: builds what it needs, starts the API with the embedded store, the demo data and
// the demo tokens, then, in a terminal, the console chat with the bot against it.
//
//   npm start                 the API, then the console chat (when stdin and stdout are a terminal)
//   npm start -- --no-chat    the API alone, its log lines on stdout
//   npm start -- --chat       the chat even when stdin is not a terminal (a pipe, a test)
//   npm start -- --no-build   skips the build (it is up to date)
//   npm start -- --reset      starts over (the server's own flag; other arguments go to it too)
//
// With the chat, the API's JSON log lines go to DATA_DIR/api.log, so that they do not run
// through the conversation; its banner (URLs and demo tokens) and its errors stay on the
// terminal. Leaving the chat (/quit, Ctrl-D) leaves the API running; Ctrl-C stops both.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };
const own = new Set(['--chat', '--no-chat', '--no-build']);
const args = process.argv.slice(2);
const serverArgs = args.filter((arg) => !own.has(arg));
const withChat = args.includes('--chat')
  ? true
  : args.includes('--no-chat')
    ? false
    : process.stdin.isTTY === true && process.stdout.isTTY === true;

if (!args.includes('--no-build')) {
  const build = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/turbo/bin/turbo'),
      'run',
      'build',
      '--filter=@passerelle/api...',
      '--output-logs=errors-only',
    ],
    { cwd: root, env, stdio: 'inherit' },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = join(root, 'apps/api/dist/server.js');
const api = spawn(process.execPath, [server, ...serverArgs], {
  cwd: root,
  env,
  stdio: ['ignore', withChat ? 'pipe' : 'inherit', 'inherit'],
});
let chat;
let stopping = false;

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    // In a terminal, Ctrl-C reaches the whole process group; a signal sent to this process
    // alone (a service manager, a test) is passed on, and the server stops as it would alone.
    stopping = true;
    if (chat !== undefined && chat.exitCode === null) chat.kill(signal);
    if (api.exitCode === null) api.kill(signal);
  });
}

const apiExited = new Promise((done) => api.on('exit', (code, signal) => done({ code, signal })));
/** The server's exit code; 0 when a signal stopped it (Ctrl-C). */
const exitCode = ({ code, signal }) => code ?? (signal === null ? 1 : 0);

if (!withChat) process.exit(exitCode(await apiExited));

const logPath = resolve(root, env.DATA_DIR ?? '.data', 'api.log');
/** Opened at the first log line: `--reset` removes the data folder before the server logs. */
let log;

/** The server's base URL, from its banner (`Passerelle API on http://…`), once it listens. */
const listening = new Promise((done) => {
  let base;
  createInterface({ input: api.stdout, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) => {
    if (line.startsWith('{')) {
      if (log === undefined) {
        mkdirSync(dirname(logPath), { recursive: true });
        log = createWriteStream(logPath, { flags: 'a' });
      }
      log.write(`${line}\n`);
      return;
    }
    process.stdout.write(`${line}\n`);
    base ??= /^Passerelle API on (\S+)/.exec(line)?.[1];
    // An empty line closes the banner's URLs: the server listens by then (its tokens, when it
    // has some, follow in the same write).
    if (base !== undefined && line === '') done(base);
  });
  apiExited.then(() => done(undefined));
});

const base = await listening;
if (base === undefined || stopping) process.exit(exitCode(await apiExited));

process.stdout.write(`API log lines: ${logPath}\n\n`);
chat = spawn(
  process.execPath,
  [
    join(root, 'node_modules/tsx/dist/cli.mjs'),
    '--conditions=@passerelle/source',
    join(root, 'apps/bot/src/console/main.ts'),
    'chat',
  ],
  { cwd: root, env: { ...env, PASSERELLE_URL: base }, stdio: 'inherit' },
);
chat.on('exit', () => {
  if (!stopping && api.exitCode === null) {
    process.stdout.write(`\nChat closed. The API keeps running on ${base}; Ctrl-C stops it.\n`);
  }
});

const stopped = await apiExited;
log?.end();
if (chat.exitCode === null) chat.kill('SIGTERM');
process.exit(exitCode(stopped));

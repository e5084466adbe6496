/**
 * The API's log lines go to stdout in batches (see `createLogger`): none may be lost when the
 * process exits or crashes, and a quiet server's lines still come out without more traffic.
 * Each case runs the logger in a child process of its own, as `npm start` does.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const loggerModule = fileURLToPath(new URL('./logger.ts', import.meta.url));
let dir = '';
/** Every child started, stopped at the end whatever happened (a failed case leaves one up). */
const children: ChildProcess[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'passerelle-logger-'));
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill();
  await rm(dir, { recursive: true, force: true });
});

/** Starts `body` (after `logger` is created) in a child process; collects its stdout. */
async function run(name: string, body: string) {
  const script = join(dir, `${name}.mts`);
  await writeFile(
    script,
    `import { createLogger } from ${JSON.stringify(loggerModule)};\nconst logger = createLogger({ LOG_LEVEL: 'info' });\n${body}\n`,
  );
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  const lines: { msg?: string; n?: number }[] = [];
  const waiters: (() => void)[] = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    const complete = stdout.split('\n');
    stdout = complete.pop() ?? '';
    for (const line of complete) if (line.startsWith('{')) lines.push(JSON.parse(line));
    for (const wake of waiters.splice(0)) wake();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return {
    child,
    lines,
    exited,
    /** Resolves once `count` lines have come out (the test's time-out fails it otherwise). */
    async waitFor(count: number): Promise<void> {
      while (lines.length < count) await new Promise<void>((wake) => waiters.push(wake));
    },
  };
}

const stop = (child: ChildProcess) => child.stdin?.end();

describe('createLogger (stdout)', () => {
  it('writes every line before the process exits', async () => {
    const { lines, exited } = await run(
      'exit',
      "for (let n = 0; n < 500; n++) logger.info({ n }, 'request');\nprocess.exit(0);",
    );
    expect(await exited).toBe(0);
    expect(lines.map((line) => line.n)).toEqual(Array.from({ length: 500 }, (_, n) => n));
  });

  it('writes the lines logged before an uncaught error', async () => {
    const { lines, exited } = await run(
      'crash',
      "logger.info({ n: 1 }, 'request');\nlogger.error({ n: 2 }, 'about to fail');\nthrow new Error('boom');",
    );
    expect(await exited).not.toBe(0);
    expect(lines.map((line) => line.msg)).toEqual(['request', 'about to fail']);
  });

  it('writes a quiet server’s line without waiting for more traffic', async () => {
    const { child, lines, exited, waitFor } = await run(
      'quiet',
      "logger.info({ n: 1 }, 'request');\nprocess.stdin.resume();\nprocess.stdin.on('end', () => process.exit(0));",
    );
    // The process stays up (stdin open): the line must come out on its own.
    await waitFor(1);
    expect(lines[0]?.msg).toBe('request');
    stop(child);
    expect(await exited).toBe(0);
  });
});

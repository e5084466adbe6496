/**
 * `npm start` (scripts/start.mjs) as a newcomer runs it, with a fresh data directory: the API
 * with the demo data, then the console chat in the same terminal, the API's log lines kept out
 * of the conversation; and the API alone with `--no-chat`. The build is the test run's own
 * (`--no-build`): turbo builds the API before its tests.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { temporaryDir } from './helpers';

const root = fileURLToPath(new URL('../../..', import.meta.url));

interface Started {
  child: ChildProcess;
  /** Everything written to stdout so far. */
  output: () => string;
  /** Resolves when stdout holds `text` (rejects after `ms`). */
  waitFor: (text: string | RegExp, ms?: number) => Promise<void>;
  exited: Promise<number | null>;
}

function start(args: string[], dataDir: string): Started {
  const env: Record<string, string | undefined> = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'info',
    REMINDERS: 'off',
  };
  delete env.DATABASE_URL;
  delete env.PASSERELLE_TOKEN;
  delete env.PASSERELLE_URL;
  const child = spawn(process.execPath, [join(root, 'scripts/start.mjs'), ...args], {
    cwd: root,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    for (const check of waiters) check();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = (text: string | RegExp, ms = 60_000) =>
    new Promise<void>((resolve, reject) => {
      const found = () => (typeof text === 'string' ? out.includes(text) : text.test(out));
      const timer = setTimeout(
        () => reject(new Error(`no ${String(text)} in:\n${out}\nstderr:\n${err}`)),
        ms,
      );
      const check = () => {
        if (!found()) return;
        clearTimeout(timer);
        resolve();
      };
      waiters.push(check);
      check();
    });
  return { child, output: () => out, waitFor, exited };
}

describe('npm start', () => {
  it('starts the API with the demo data, then the console chat; the log lines go to a file', async () => {
    const dataDir = await temporaryDir('passerelle-start-');
    const run = start(['--chat', '--no-build'], dataDir);
    try {
      await run.waitFor('Passerelle console.');
      expect(run.output()).toMatch(/Passerelle API on http:\/\/127\.0\.0\.1:\d+/);
      expect(run.output()).toMatch(/student +psl_\S+ +\(stu_/);

      run.child.stdin?.write('How do I open a bank account?\n');
      await run.waitFor(/bank account/i);
      run.child.stdin?.write('/quit\n');
      await run.waitFor('Chat closed. The API keeps running on');

      // The conversation is not interleaved with the API's JSON lines: they are in the file.
      const printed = run.output().split('\n');
      expect(printed.filter((line) => line.startsWith('{'))).toEqual([]);
      const logged = (await readFile(join(dataDir, 'api.log'), 'utf8'))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(logged.map((line) => line.msg)).toContain('demo data loaded');
      expect(logged.some((line) => line.path === '/v1/knowledge/search')).toBe(true);

      // The API outlives the chat; a signal to npm start stops it cleanly.
      const base = /Passerelle API on (\S+)/.exec(run.output())?.[1];
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    } finally {
      run.child.kill('SIGKILL');
    }
  }, 120_000);

  it('starts the API alone with --no-chat, its log lines on stdout', async () => {
    const dataDir = await temporaryDir('passerelle-start-');
    const run = start(['--no-chat', '--no-build'], dataDir);
    try {
      await run.waitFor(/"msg":"demo data loaded"/);
      await run.waitFor('Passerelle API on');
      expect(run.output()).not.toContain('Passerelle console.');
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
    } finally {
      run.child.kill('SIGKILL');
    }
  }, 120_000);
});

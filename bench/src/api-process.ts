/**
 * The API in a process of its own on a free loopback port, with its data directory and demo
 * tokens: from source through tsx (apps/api/src/server.ts, as `npm run dev` runs it), or built
 * (apps/api/dist/server.js, what `npm start` runs, after `buildApi`).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../apps/api/reliability/processes';
import { type BenchContext, profileFlags } from './context';

export interface DemoTokens {
  admin: string;
  staff: string;
  service: string;
  student: { token: string; studentId: string };
}

export interface ApiProcess {
  url: string;
  pid: number;
  tokens: DemoTokens;
  /** Milliseconds from spawn to the first 200 of /readyz. */
  startMs: number;
  stop(): Promise<void>;
}

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** Builds the API as `npm start` does (turbo, tsup) into apps/api/dist; returns the time taken. */
export function buildApi(): number {
  const started = performance.now();
  const build = spawnSync(
    process.execPath,
    [
      join(repoRoot, 'node_modules/turbo/bin/turbo'),
      'run',
      'build',
      '--filter=@passerelle/api...',
      '--output-logs=errors-only',
    ],
    { cwd: repoRoot, env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' }, stdio: 'inherit' },
  );
  if (build.status !== 0) throw new Error(`building the API failed (status ${build.status})`);
  return performance.now() - started;
}

export async function startApiProcess(
  context: BenchContext,
  options: {
    label: string;
    dataDir: string;
    databaseUrl?: string;
    /** Run the built server (apps/api/dist/server.js, after `buildApi`) instead of the source. */
    built?: boolean;
  },
): Promise<ApiProcess> {
  const port = await freePort();
  const log = openSync(join(context.logDir, `${options.label}.log`), 'a');
  const started = performance.now();
  const child = spawn(
    process.execPath,
    options.built === true
      ? [...profileFlags(context, options.label), join(repoRoot, 'apps/api/dist/server.js')]
      : [
          '--import',
          'tsx',
          '--conditions=@passerelle/source',
          ...profileFlags(context, options.label),
          join(repoRoot, 'apps/api/src/server.ts'),
        ],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: options.dataDir,
        DATABASE_URL: options.databaseUrl ?? '',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', log, log],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  let exitedEarly = false;
  child.once('exit', () => {
    exitedEarly = true;
  });
  for (;;) {
    if (exitedEarly) {
      throw new Error(
        `the API exited during start-up; see ${join(context.logDir, `${options.label}.log`)}`,
      );
    }
    if (performance.now() - started > 180_000)
      throw new Error('the API did not start in 3 minutes');
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const startMs = performance.now() - started;
  const tokens = JSON.parse(
    await readFile(join(options.dataDir, 'demo-tokens.json'), 'utf8'),
  ) as DemoTokens;
  return {
    url,
    pid: child.pid ?? -1,
    tokens,
    startMs,
    async stop() {
      const done = exited(child);
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await done;
      clearTimeout(timer);
    },
  };
}

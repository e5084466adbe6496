/**
 * The API as a separate process, for the tests that kill it: src/server.ts run by node through
 * tsx (as `npm run dev` does) on a data directory (PGlite) or a PostgreSQL database, its output
 * kept line by line for the log scan.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const here = dirname(fileURLToPath(import.meta.url));
const apiRoot = join(here, '..');
export interface DemoTokens {
  admin: string;
  staff: string;
  service: string;
  student: { token: string; studentId: string };
}

/** A running API process. */
export class ApiProcess {
  readonly url: string;
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;

  private constructor(child: ChildProcess, url: string, exited: Promise<void>) {
    this.child = child;
    this.url = url;
    this.exited = exited;
  }

  /**
   * Starts the server and resolves when it listens. Every log line it writes goes to `lines`.
   * `env` adds to a minimal environment (PORT=0, LOG_LEVEL=info).
   */
  static async start(env: Record<string, string>, lines: string[]): Promise<ApiProcess> {
    const banner: string[] = [];
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=@passerelle/source', join('src', 'server.ts')],
      {
        cwd: apiRoot,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          PORT: '0',
          LOG_LEVEL: 'info',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const url = await new Promise<string>((resolve, reject) => {
      const reader = (stream: 'stdout' | 'stderr') => {
        let pending = '';
        return (chunk: Buffer) => {
          pending += chunk.toString('utf8');
          const parts = pending.split('\n');
          pending = parts.pop() ?? '';
          for (const line of parts) {
            // The start-up banner prints the demo tokens on purpose (`npm start`); it is not a
            // log line. Log lines are pino's JSON on stdout, and anything on stderr.
            if (stream === 'stderr' || line.startsWith('{')) lines.push(line);
            else banner.push(line);
            const match = /Passerelle API on (http:\/\/\S+)/.exec(line);
            if (match?.[1] !== undefined) resolve(match[1]);
          }
        };
      };
      child.stdout?.on('data', reader('stdout'));
      child.stderr?.on('data', reader('stderr'));
      child.once('exit', (code, signal) =>
        reject(
          new Error(
            `the API exited before listening (${code ?? signal}): ${[...banner, ...lines].slice(-5).join('\n')}`,
          ),
        ),
      );
    });
    return new ApiProcess(child, url, exited);
  }

  /** SIGKILL: no shutdown, no flush, as a power cut would. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM: the clean shutdown. */
  async stop(): Promise<void> {
    this.child.kill('SIGTERM');
    await this.exited;
  }
}

export async function readDemoTokens(dataDir: string): Promise<DemoTokens> {
  return JSON.parse(await readFile(join(dataDir, 'demo-tokens.json'), 'utf8')) as DemoTokens;
}

/** A new database on the TEST_DATABASE_URL server, so the shared `test` database is untouched. */
export async function freshDatabase(
  base: string,
  prefix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const run = async (query: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      await client.query(query);
    } finally {
      await client.end();
    }
  };
  await run(`create database "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists "${name}" with (force)`) };
}

/** A port nobody listens on, for a server the test starts itself. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

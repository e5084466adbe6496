/**
 * The benchmark driver: runs each suite, prints the table and writes bench/results.md.
 *
 *   npm run bench                      everything (about 12 minutes on 2 cores)
 *   npm run bench -- --quick           100,000 rows instead of 1,000,000, shorter runs
 *   npm run bench -- --only=api,bot    some suites: api, sdk, scale, yearend, bot
 *   npm run bench -- --profile         servers under test write CPU profiles to bench/profiles/
 *   npm run bench -- --rows=300000     the scale benchmark's large size
 */
import { mkdirSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from './context';
import { dropAllBenchDatabases, postgresVersion } from './data/database';
import type { LoadHandlers } from './load/worker';
import { describeMachine } from './machine';
import { markdown, Results } from './report';
import { Child } from './rpc';
import { apiOverhead } from './suites/api';
import { botBenchmarks } from './suites/bot';
import { scale } from './suites/scale';
import { sdkOverhead } from './suites/sdk';
import { yearEnd } from './suites/year-end';

const SUITES = ['api', 'sdk', 'scale', 'yearend', 'bot'] as const;
type Suite = (typeof SUITES)[number];

interface Options {
  quick: boolean;
  profile: boolean;
  only: Set<Suite>;
  rows: number | undefined;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { quick: false, profile: false, only: new Set(SUITES), rows: undefined };
  for (const arg of argv) {
    if (arg === '--quick') options.quick = true;
    else if (arg === '--profile') options.profile = true;
    else if (arg.startsWith('--only=')) {
      const names = arg.slice('--only='.length).split(',');
      const unknown = names.filter((name) => !(SUITES as readonly string[]).includes(name));
      if (unknown.length > 0)
        throw new Error(`unknown suites: ${unknown.join(', ')} (${SUITES.join(', ')})`);
      options.only = new Set(names as Suite[]);
    } else if (arg.startsWith('--rows=')) {
      const rows = Number(arg.slice('--rows='.length));
      if (!Number.isInteger(rows) || rows < 2000)
        throw new Error('--rows must be a whole number ≥ 2000');
      options.rows = rows;
    } else throw new Error(`unknown option ${arg}`);
  }
  return options;
}

const benchDir = fileURLToPath(new URL('../', import.meta.url));

async function main(argv: readonly string[]): Promise<void> {
  const options = parseOptions(argv);
  const startedAt = new Date();
  const started = performance.now();
  const databaseUrl = process.env.TEST_DATABASE_URL?.trim() || undefined;
  const machine = describeMachine(
    databaseUrl === undefined ? undefined : await postgresVersion(databaseUrl),
  );
  const logDir = await mkdtemp(join(tmpdir(), 'passerelle-bench-logs-'));
  const profileDir = join(benchDir, 'profiles');
  if (options.profile) mkdirSync(profileDir, { recursive: true });
  const results = new Results();
  const load = new Child<LoadHandlers>(new URL('./load/worker.ts', import.meta.url));
  const context: BenchContext = {
    quick: options.quick,
    scaleRows: options.rows ?? (options.quick ? 100_000 : 1_000_000),
    seconds: options.quick ? 2 : 3,
    warmSeconds: options.quick ? 1 : 2,
    rounds: options.quick ? 4 : 6,
    profile: options.profile,
    profileDir,
    logDir,
    databaseUrl,
    results,
    load,
    log: (message) => {
      const at = ((performance.now() - started) / 1000).toFixed(0).padStart(4);
      console.log(`[${at} s] ${message}`);
    },
  };
  console.log(
    `Passerelle benchmarks: ${machine.cpus} × ${machine.cpuModel}, ${machine.memory}, Node ${machine.node}; logs in ${logDir}`,
  );

  const skipped: string[] = [];
  const run = async (suite: Suite, title: string, body: () => Promise<void>) => {
    if (!options.only.has(suite)) return;
    context.log(`— ${title}`);
    try {
      await body();
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(message);
      results.note(`${title} failed: ${message.split('\n')[0]}`);
    }
  };
  const needsPostgres = (title: string) => {
    skipped.push(`${title}: needs PostgreSQL (set TEST_DATABASE_URL)`);
  };

  try {
    await run('api', 'API overhead on PGlite', () => apiOverhead(context, 'pglite'));
    if (options.only.has('api')) {
      if (databaseUrl === undefined) needsPostgres('API overhead on PostgreSQL');
      else await run('api', 'API overhead on PostgreSQL', () => apiOverhead(context, 'postgres'));
    }
    await run('sdk', 'SDK overhead', () => sdkOverhead(context));
    if (options.only.has('scale')) {
      if (databaseUrl === undefined) needsPostgres('Scale');
      else await run('scale', 'Scale', () => scale(context));
    }
    if (options.only.has('yearend')) {
      if (databaseUrl === undefined) needsPostgres('Year-end review');
      else await run('yearend', 'Year-end review', () => yearEnd(context));
    }
    await run('bot', 'Bot', () => botBenchmarks(context));
  } finally {
    await load.stop();
    await dropAllBenchDatabases();
  }

  const totalMs = performance.now() - started;
  const command = `npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`;
  const text = markdown(results, {
    machine,
    startedAt,
    totalMs,
    command,
    options: `${options.quick ? 'quick' : 'full'}; scale rows ${context.scaleRows.toLocaleString('en-US')}; load runs of ${context.seconds} s × ${context.rounds} rounds after ${context.warmSeconds} s of warm-up; suites ${[...options.only].join(', ')}`,
    skipped,
  });
  await writeFile(join(benchDir, 'results.md'), text);
  console.log(`\n${results.table()}\n`);
  console.log(`Written to bench/results.md in ${(totalMs / 60_000).toFixed(1)} min.`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: dropping the benchmark databases`);
    dropAllBenchDatabases().finally(() => process.exit(130));
  });
}

main(process.argv.slice(2)).catch(async (error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  await dropAllBenchDatabases();
  process.exit(1);
});

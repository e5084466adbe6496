/** What every suite gets from the driver. */
import { join } from 'node:path';
import type { LoadHandlers } from './load/worker';
import type { Results } from './report';
import type { Child } from './rpc';

export interface BenchContext {
  /** `--quick`: fewer rows and shorter runs. */
  quick: boolean;
  /** Rows of the scale benchmark's large tables. */
  scaleRows: number;
  /** Seconds per load run, warm-up seconds before the first, and rounds of each comparison. */
  seconds: number;
  warmSeconds: number;
  rounds: number;
  /** `--profile`: servers under test write CPU profiles (node --cpu-prof) into `profileDir`. */
  profile: boolean;
  profileDir: string;
  /** Logs of the processes under test. */
  logDir: string;
  /** The PostgreSQL server (TEST_DATABASE_URL), when there is one. */
  databaseUrl: string | undefined;
  results: Results;
  /** The load generator (autocannon) in its own process. */
  load: Child<LoadHandlers>;
  log(message: string): void;
}

/**
 * Node flags for a process under test: CPU profiles when asked, in `profileDir/<name>/` (one
 * file per thread: the largest is the main thread, the small one tsx's loader).
 */
export function profileFlags(context: BenchContext, name: string): string[] {
  return context.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(context.profileDir, name)}`] : [];
}

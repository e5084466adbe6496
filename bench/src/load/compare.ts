/**
 * Two (or more) variants under the same load, interleaved: a warm-up of each, then rounds in
 * alternating order (A B, B A, A B, …), so a drift of the machine touches both alike. The figure
 * of each variant is the median over its rounds.
 */
import type { BenchContext } from '../context';
import { median } from '../stats';
import type { LoadResult, LoadSpec } from './worker';

export interface Variant {
  name: string;
  spec: Omit<LoadSpec, 'durationSeconds'>;
  /** Called around each measured run (to read query counters). */
  before?: () => Promise<void>;
  after?: (result: LoadResult) => Promise<void>;
}

export interface Compared {
  name: string;
  runs: LoadResult[];
  rps: number;
  p50: number;
  p97_5: number;
  latencyMean: number;
  requests: number;
  failures: number;
}

export async function compare(
  context: BenchContext,
  variants: readonly Variant[],
): Promise<Map<string, Compared>> {
  for (const variant of variants) {
    await context.load.call('run', { ...variant.spec, durationSeconds: context.warmSeconds });
  }
  const runs = new Map<string, LoadResult[]>(variants.map((variant) => [variant.name, []]));
  for (let round = 0; round < context.rounds; round++) {
    const order = round % 2 === 0 ? variants : [...variants].reverse();
    for (const variant of order) {
      await variant.before?.();
      const result = await context.load.call('run', {
        ...variant.spec,
        durationSeconds: context.seconds,
      });
      await variant.after?.(result);
      runs.get(variant.name)?.push(result);
    }
  }
  const compared = new Map<string, Compared>();
  for (const [name, list] of runs) {
    compared.set(name, {
      name,
      runs: list,
      rps: median(list.map((run) => run.rps)),
      p50: median(list.map((run) => run.p50)),
      p97_5: median(list.map((run) => run.p97_5)),
      latencyMean: median(list.map((run) => run.latencyMean)),
      requests: list.reduce((sum, run) => sum + run.requests, 0),
      failures: list.reduce((sum, run) => sum + run.non2xx + run.errors, 0),
    });
  }
  return compared;
}

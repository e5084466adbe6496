/**
 * The load generator: autocannon in a process of its own, so its CPU is not the server's.
 * Started by the driver (`load/client.ts`); one `run` at a time.
 */
import autocannon from 'autocannon';
import { serveRpc } from '../rpc';

export interface LoadSpec {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  /** Responses received in the run. */
  requests: number;
  seconds: number;
  /** Responses per second over the run. */
  rps: number;
  /** Latency in milliseconds. */
  latencyMean: number;
  p50: number;
  p97_5: number;
  p99: number;
  non2xx: number;
  errors: number;
}

const handlers = {
  async run(spec: LoadSpec): Promise<LoadResult> {
    const result = await autocannon({
      url: spec.url,
      method: spec.method ?? 'GET',
      connections: spec.connections,
      duration: spec.durationSeconds,
      ...(spec.headers === undefined ? {} : { headers: spec.headers }),
      ...(spec.body === undefined ? {} : { body: spec.body }),
    });
    const requests = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
    return {
      requests,
      seconds: result.duration,
      rps: requests / result.duration,
      latencyMean: result.latency.average,
      p50: result.latency.p50,
      p97_5: result.latency.p97_5,
      p99: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
    };
  },
};

export type LoadHandlers = typeof handlers;

serveRpc(handlers);

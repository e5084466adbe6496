/**
 * A scripted fetch for fault tests: each call takes the next step (an answer, a thrown error,
 * or a function of the request) and is recorded, so a test can count the requests made and
 * read what each one sent.
 */
import type { Fetch } from '../src/options';

export interface RecordedCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal | undefined;
}

export type Step = Response | Error | ((call: RecordedCall) => Promise<Response> | Response);

export interface ScriptedFetch {
  fetch: Fetch;
  calls: RecordedCall[];
}

export function scriptedFetch(...steps: Step[]): ScriptedFetch {
  const calls: RecordedCall[] = [];
  const fetch: Fetch = async (url, init) => {
    const call: RecordedCall = {
      url,
      method: init.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: typeof init.body === 'string' ? init.body : undefined,
      signal: init.signal ?? undefined,
    };
    calls.push(call);
    const step = steps[Math.min(calls.length, steps.length) - 1];
    if (step === undefined) throw new Error('the script has no step');
    if (step instanceof Error) throw step;
    if (typeof step === 'function') return step(call);
    return step.clone();
  };
  return { fetch, calls };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'x-request-id': `req-${status}`, ...headers },
  });
}

export function problem(
  status: number,
  kind: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return new Response(
    JSON.stringify({
      type: `urn:passerelle:problem:${kind}`,
      title: `Title of ${kind}`,
      status,
      detail: `Detail of ${kind}`,
      instance: '/v1/things',
      requestId: `req-problem-${status}`,
      ...extra,
    }),
    {
      status,
      headers: {
        'content-type': 'application/problem+json',
        'x-request-id': `req-${status}`,
        ...headers,
      },
    },
  );
}

/** A step that answers only when the request's signal aborts, by rejecting as fetch does. */
export function hang(call: RecordedCall): Promise<Response> {
  return new Promise<Response>((_, reject) => {
    call.signal?.addEventListener('abort', () =>
      reject(new DOMException('This operation was aborted', 'AbortError')),
    );
  });
}

/**
 * The bot's way to the API over HTTP: a `fetch` for the SDK built on undici's `request`
 * rather than Node's global `fetch`.
 *
 * Node's `fetch` (undici's WHATWG implementation bundled with Node 20) builds a `Request`, an
 * `AbortSignal` chain, a `ReadableStream` for each body and a `Response` around them: on this
 * project's machines it costs about 230 µs of CPU per call against a local server, where
 * undici's `request` over a keep-alive pool costs about 80 µs (bench/). The bot makes one to
 * three API calls per answer, so that difference is a large share of an answer's time.
 *
 * What the SDK gets is its `FetchResponse` (status, `Headers`, the body as text or bytes), read
 * whole from undici's answer: not a WHATWG `Response`, whose body stream and the promises
 * reading it cost about 20 µs per call in a loop against 2.4 µs for this answer (in one paired
 * run of the bot's benchmark, 0.3 ms less CPU per answer: bench/results.md). Its body can be
 * read more than once. Redirects are not followed (the API sends none); a redirect
 * comes back as it is, as with `fetch(url, { redirect: 'manual' })`.
 */
import { STATUS_CODES } from 'node:http';
import { type ClientOptions, type Fetch, type FetchResponse, Passerelle } from '@passerelle/sdk';
import { Agent, type Dispatcher } from 'undici';

/** Statuses whose answer has no body. */
const nullBodyStatuses = new Set([101, 103, 204, 205, 304]);

const utf8 = new TextDecoder();

/** An answer read whole: what the SDK reads of a `Response`, without a body stream. */
class HttpAnswer implements FetchResponse {
  readonly ok: boolean;
  readonly #body: Uint8Array;

  constructor(
    readonly status: number,
    readonly headers: Headers,
    body: Uint8Array,
  ) {
    this.ok = status >= 200 && status <= 299;
    this.#body = nullBodyStatuses.has(status) ? new Uint8Array() : body;
  }

  get statusText(): string {
    return STATUS_CODES[this.status] ?? '';
  }

  async text(): Promise<string> {
    return utf8.decode(this.#body);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return this.#body.slice().buffer;
  }
}

type Method = Dispatcher.HttpMethod;

export interface HttpFetch extends Fetch {
  /** Closes the pool's connections (idle ones close on their own after a few seconds). */
  close(): Promise<void>;
}

function headerPairs(headers: Dispatcher.ResponseData['headers']): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) pairs.push([name, item]);
    else pairs.push([name, value]);
  }
  return pairs;
}

function requestHeaders(headers: RequestInit['headers']): Record<string, string> {
  if (headers === undefined) return {};
  if (headers instanceof Headers) {
    const record: Record<string, string> = {};
    headers.forEach((value, name) => {
      record[name] = value;
    });
    return record;
  }
  if (Array.isArray(headers)) return Object.fromEntries(headers);
  return headers as Record<string, string>;
}

function requestBody(body: RequestInit['body']): string | Uint8Array | null {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new TypeError('The bot sends text or bytes to the API, not streams or forms.');
}

/** A `fetch` for `new Passerelle({ fetch })`, over a keep-alive undici pool. */
export function createHttpFetch(): HttpFetch {
  const agent = new Agent({ connections: 16 });
  const send = async (url: string, init: RequestInit): Promise<HttpAnswer> => {
    const target = new URL(url);
    const answer = await agent.request({
      origin: target.origin,
      path: `${target.pathname}${target.search}`,
      method: (init.method ?? 'GET') as Method,
      headers: requestHeaders(init.headers),
      body: requestBody(init.body),
      signal: init.signal ?? null,
    });
    const bytes = new Uint8Array(await answer.body.arrayBuffer());
    return new HttpAnswer(answer.statusCode, new Headers(headerPairs(answer.headers)), bytes);
  };
  return Object.assign(send, { close: () => agent.close() });
}

/**
 * The SDK client as the bot makes it: over `createHttpFetch` unless `options.fetch` names
 * another (tests that script the API's answers).
 */
export function apiClient(options: ClientOptions): Passerelle {
  return new Passerelle({ fetch: createHttpFetch(), ...options });
}

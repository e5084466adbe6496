/**
 * Sends one request: builds the URL and headers, applies the timeout and the caller's signal
 * to each attempt, retries what may succeed when sent again (with backoff and the same
 * Idempotency-Key), and turns the answer into data or a typed error.
 */
import { APIPromise, type APIResponse } from './api-promise';
import {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  asProblem,
  errorFromResponse,
  ResponseValidationError,
} from './errors';
import type { ActAs, Fetch, FetchResponse, WriteOptions } from './options';
import { Page, type PageFetcher, PagePromise } from './pagination';
import { backoffDelay, isRetryableStatus, MAX_RETRY_AFTER_MS, retryAfterMs } from './retry';
import { checkShape, checkStructure, type Shape } from './validation';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The client's settings, defaults applied. */
export interface TransportConfig {
  baseUrl: string;
  token: string | undefined;
  actAs: ActAs | undefined;
  timeout: number;
  maxRetries: number;
  fetch: Fetch;
  validateResponses: boolean;
  defaultHeaders: Readonly<Record<string, string>>;
}

/** Query parameters: absent values are left out, arrays repeat the key. */
export type QueryValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly (string | number)[];

/**
 * Query parameters for the API's list filters, which take several values comma-separated
 * (`ids=a,b`), not the key repeated: arrays joined, everything else as it is.
 */
export function commaLists(params: object): Record<string, QueryValue> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [
      key,
      Array.isArray(value) ? value.join(',') : (value as QueryValue),
    ]),
  );
}

/** A request body sent as it is (a spreadsheet, an XML document, a backup file). */
export type BinaryBody = Uint8Array | ArrayBuffer | Blob | string;

/** How to read a successful answer: parsed JSON (the default), text, or bytes. */
export type ResponseKind = 'json' | 'text' | 'bytes';

export interface RequestSpec {
  method: HttpMethod;
  /** The path, with its segments already encoded (see `path`). */
  path: string;
  query?: object | undefined;
  /** A value sent as JSON. */
  body?: unknown;
  /** A body sent as it is, with its media type (instead of `body`). */
  rawBody?: { data: BinaryBody; contentType: string } | undefined;
  /** The Accept header (default `application/json`). */
  accept?: string | undefined;
  /** How to read a successful answer (default `json`); errors are always problem+json. */
  responseKind?: ResponseKind | undefined;
  options?: WriteOptions | undefined;
  /** What the answer holds, for `validateResponses`. */
  shape?: Shape | undefined;
}

/** A path with each interpolated value percent-encoded: path`/v1/students/${id}`. */
export function path(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  return strings.reduce(
    (out, part, index) =>
      out + part + (index < values.length ? encodeURIComponent(String(values[index])) : ''),
    '',
  );
}

/** A new Idempotency-Key: `psl-idem-` and a random UUID. */
export function newIdempotencyKey(): string {
  return `psl-idem-${randomUUID()}`;
}

function randomUUID(): string {
  const crypto = globalThis.crypto;
  // randomUUID exists only in secure contexts in browsers; getRandomValues everywhere.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

type Attempt =
  | { kind: 'answered'; response: FetchResponse; text: string; bytes?: Uint8Array }
  | { kind: 'failed'; error: APIConnectionError };

export class Transport {
  constructor(readonly config: TransportConfig) {}

  /** One request; the answer's JSON as T. */
  call<T>(spec: RequestSpec): APIPromise<T> {
    return new APIPromise(this.request<T>(spec));
  }

  /** A list: pages of `{ data, next_cursor }` followed by cursor. */
  list<T>(spec: RequestSpec & { method: 'GET' }): PagePromise<T> {
    const params: Record<string, unknown> = { ...(spec.query ?? {}) };
    const fetchPage = async (cursor: string | undefined): Promise<Page<T>> => {
      const answer = await this.request<unknown>({
        ...spec,
        query: { ...params, cursor },
        shape: { kind: 'page', schemas: spec.shape?.schemas ?? [] },
      });
      return toPage<T>(answer, fetchPage);
    };
    const first = params.cursor;
    return new PagePromise(fetchPage, typeof first === 'string' ? first : undefined);
  }

  async request<T>(spec: RequestSpec): Promise<APIResponse<T>> {
    const options = spec.options ?? {};
    const maxRetries = Math.max(0, options.maxRetries ?? this.config.maxRetries);
    const timeout = options.timeout ?? this.config.timeout;
    const url = this.url(spec.path, spec.query);
    // Built once, so every retry sends the same Idempotency-Key.
    const init: RequestInit = {
      method: spec.method,
      headers: this.headers(spec),
      ...(spec.rawBody !== undefined
        ? { body: spec.rawBody.data as NonNullable<RequestInit['body']> }
        : spec.body === undefined
          ? {}
          : { body: JSON.stringify(spec.body) }),
    };
    const kind = spec.responseKind ?? 'json';
    const caller = options.signal;

    for (let retry = 0; ; retry++) {
      throwIfAborted(caller);
      const canRetry = retry < maxRetries;
      const attempt = await this.attempt(url, init, timeout, caller, kind === 'bytes');
      if (attempt.kind === 'failed') {
        if (!canRetry) throw attempt.error;
        await sleep(backoffDelay(retry), caller);
        continue;
      }
      const { response, text } = attempt;
      if (response.ok && kind !== 'json') {
        const requestId = response.headers.get('x-request-id') ?? undefined;
        const data = kind === 'bytes' ? (attempt.bytes ?? new Uint8Array()) : text;
        return { data: data as T, response, requestId };
      }
      const body = parseBody(response, text);
      const problem = response.ok ? undefined : asProblem(body.value);
      const requestId = response.headers.get('x-request-id') ?? problem?.requestId;
      if (response.ok) {
        return {
          data: (await this.checked(spec, response, body, requestId)) as T,
          response,
          requestId,
        };
      }
      const wait = retryAfterMs(response.headers);
      const retryable = isRetryableStatus(response.status, problem?.type);
      if (canRetry && retryable && (wait === undefined || wait <= MAX_RETRY_AFTER_MS)) {
        await sleep(wait ?? backoffDelay(retry), caller);
        continue;
      }
      throw errorFromResponse({
        status: response.status,
        statusText: response.statusText,
        problem,
        headers: response.headers,
        requestId,
        retryAfterMs: wait,
      });
    }
  }

  /** The body of a success answer, checked when asked to (and always JSON when it says so). */
  private async checked(
    spec: RequestSpec,
    response: FetchResponse,
    body: ParsedBody,
    requestId: string | undefined,
  ): Promise<unknown> {
    const details = { status: response.status, headers: response.headers, requestId };
    if (body.error !== undefined) {
      throw new ResponseValidationError(`The answer to ${spec.method} ${spec.path} is not JSON.`, {
        ...details,
        issues: [{ path: '', message: body.error }],
      });
    }
    if (spec.shape !== undefined) {
      // The envelope of a list is always checked (paging depends on it); records only on demand.
      const issues = this.config.validateResponses
        ? await checkShape(spec.shape, body.value)
        : checkStructure(spec.shape, body.value);
      if (issues.length > 0) {
        const list = issues
          .slice(0, 5)
          .map((issue) => `${issue.path || '(root)'}: ${issue.message}`)
          .join('; ');
        throw new ResponseValidationError(
          `The answer to ${spec.method} ${spec.path} does not have the expected shape: ${list}`,
          { ...details, issues },
        );
      }
    }
    return body.value;
  }

  private async attempt(
    url: string,
    init: RequestInit,
    timeout: number,
    caller: AbortSignal | undefined,
    asBytes: boolean,
  ): Promise<Attempt> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeout);
    const onAbort = () => controller.abort();
    caller?.addEventListener('abort', onAbort, { once: true });
    const aborted = abortedPromise(controller.signal);
    try {
      // Raced against the signal, so a fetch that ignores it cannot hang the call.
      const response = await Promise.race([
        this.config.fetch(url, { ...init, signal: controller.signal }),
        aborted,
      ]);
      if (asBytes && response.ok) {
        const bytes = new Uint8Array(await Promise.race([response.arrayBuffer(), aborted]));
        return { kind: 'answered', response, text: '', bytes };
      }
      const text = await Promise.race([response.text(), aborted]);
      return { kind: 'answered', response, text };
    } catch (error) {
      if (caller?.aborted) throw new APIUserAbortError(undefined, { cause: caller.reason });
      if (timedOut) {
        return {
          kind: 'failed',
          error: new APITimeoutError(`No answer from ${url} within ${timeout} ms.`, {
            cause: error,
          }),
        };
      }
      const reason = error instanceof Error ? error.message : String(error);
      return {
        kind: 'failed',
        error: new APIConnectionError(`Could not reach ${url}: ${reason}`, { cause: error }),
      };
    } finally {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onAbort);
    }
  }

  private url(pathname: string, query: object | undefined): string {
    const base = this.config.baseUrl.replace(/\/+$/, '');
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {}) as [string, QueryValue][]) {
      if (value === undefined || value === null) continue;
      if (Array.isArray(value)) for (const item of value) search.append(key, String(item));
      else search.append(key, String(value));
    }
    const text = search.toString();
    return `${base}${pathname}${text === '' ? '' : `?${text}`}`;
  }

  private headers(spec: RequestSpec): Record<string, string> {
    const { config } = this;
    const options = spec.options ?? {};
    const headers: Record<string, string> = { accept: spec.accept ?? 'application/json' };
    for (const [name, value] of Object.entries(config.defaultHeaders)) {
      headers[name.toLowerCase()] = value;
    }
    if (config.token !== undefined) headers.authorization = `Bearer ${config.token}`;
    const actAs = options.actAs === undefined ? config.actAs : options.actAs;
    if (actAs !== undefined && actAs !== null) headers['passerelle-act-as'] = actAs;
    if (spec.rawBody !== undefined) headers['content-type'] = spec.rawBody.contentType;
    else if (spec.body !== undefined) headers['content-type'] = 'application/json';
    if (spec.method === 'POST') {
      headers['idempotency-key'] = options.idempotencyKey ?? newIdempotencyKey();
    }
    if (options.ifMatch !== undefined) {
      headers['if-match'] =
        typeof options.ifMatch === 'number' ? `"${options.ifMatch}"` : options.ifMatch;
    }
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (value === null) delete headers[name.toLowerCase()];
      else headers[name.toLowerCase()] = value;
    }
    return headers;
  }
}

interface ParsedBody {
  value: unknown;
  /** Why a body that says it is JSON could not be read. */
  error?: string;
}

function parseBody(response: FetchResponse, text: string): ParsedBody {
  if (text === '') return { value: undefined };
  const type = response.headers.get('content-type') ?? '';
  if (!/[/+]json\b/i.test(type)) return { value: text };
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { value: undefined, error: error instanceof Error ? error.message : 'invalid JSON' };
  }
}

function toPage<T>(answer: APIResponse<unknown>, fetchPage: PageFetcher<T>): Page<T> {
  // `checked` has checked the envelope (kind 'page'), so these reads hold.
  const body = answer.data as { data: T[]; next_cursor: string | null };
  return new Page<T>(
    { data: body.data, nextCursor: body.next_cursor, requestId: answer.requestId },
    fetchPage,
  );
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new APIUserAbortError(undefined, { cause: signal.reason });
}

/** A promise that rejects when the signal aborts (and never settles otherwise). */
function abortedPromise(signal: AbortSignal): Promise<never> {
  return new Promise<never>((_, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/** Waits, unless the caller aborts first. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new APIUserAbortError(undefined, { cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

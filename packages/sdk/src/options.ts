import type { StaffId, StudentId } from '@passerelle/core';

/**
 * Whom a service token acts for (header `Passerelle-Act-As`): a student, a member of staff,
 * or the person bound to a chat identity. The API applies that person's rights, never more.
 */
export type ActAs =
  | `student:${StudentId}`
  | `staff:${StaffId}`
  | `channel:wechat:${string}`
  | `channel:slack:${string}`;

/**
 * What the client reads of an answer: the part of a WHATWG `Response` it uses. `fetch`'s own
 * `Response` is one; a transport of its own may answer a lighter object with these members (the
 * bot's undici transport does, without a body stream).
 */
export interface FetchResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The subset of `fetch` the client uses; any WHATWG-compatible implementation works. */
export type Fetch = (url: string, init: RequestInit) => Promise<FetchResponse>;

export interface ClientOptions {
  /** Where the API is. Default `http://127.0.0.1:8787` (what `npm start` serves). */
  baseUrl?: string;
  /** A bearer token (`psl_…`). Without one, only /healthz and /readyz answer. */
  token?: string | undefined;
  /** Act for someone on every request (service tokens only). */
  actAs?: ActAs | undefined;
  /** Milliseconds an attempt may take, answer body included. Default 30 000. */
  timeout?: number;
  /** Retries after the first attempt (network errors, 408, 409 lock/conflict, 429, 5xx). Default 2. */
  maxRetries?: number;
  /** The fetch to use. Default `globalThis.fetch`. */
  fetch?: Fetch;
  /** Check every answer against the @passerelle/core schemas. Default false. */
  validateResponses?: boolean;
  /** Headers sent with every request. */
  defaultHeaders?: Record<string, string>;
}

/** Options every method takes as its last argument; they win over the client's. */
export interface RequestOptions {
  timeout?: number;
  maxRetries?: number;
  /** Abort the request. An abort is never retried and rejects with `APIUserAbortError`. */
  signal?: AbortSignal;
  /** For POST: the Idempotency-Key to send (default: a new `psl-idem-<uuid>` per call). */
  idempotencyKey?: string;
  /** Act for this person on this request; `null` sends no `Passerelle-Act-As`. */
  actAs?: ActAs | null;
  /** Extra headers; `null` removes one the client would send. */
  headers?: Record<string, string | null>;
}

/** Options of a method that changes a record: `ifMatch` is the version you read. */
export interface WriteOptions extends RequestOptions {
  /** The record version (or ETag) you last read; the API answers 412 if it has changed. */
  ifMatch?: number | string;
}

export const DEFAULT_BASE_URL = 'http://127.0.0.1:8787';
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 2;

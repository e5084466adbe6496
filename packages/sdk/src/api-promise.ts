import type { FetchResponse } from './options';

/**
 * What every method returns: a promise of the record that also gives access to the raw
 * answer (`withResponse()`: the Response, its headers and the request id).
 */

/** The record, and the HTTP answer it came in. */
export interface APIResponse<T> {
  data: T;
  /** The answer as the client's fetch gave it: a WHATWG `Response` with the default fetch. */
  response: FetchResponse;
  /** The answer's `X-Request-Id`. */
  requestId: string | undefined;
}

export class APIPromise<T> implements PromiseLike<T> {
  readonly #response: Promise<APIResponse<T>>;

  constructor(response: Promise<APIResponse<T>>) {
    this.#response = response;
  }

  /** The record with the Response it came in and its request id. */
  withResponse(): Promise<APIResponse<T>> {
    return this.#response;
  }

  // biome-ignore lint/suspicious/noThenProperty: an APIPromise is awaitable by design.
  then<A = T, B = never>(
    onfulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#response.then((answer) => answer.data).then(onfulfilled, onrejected);
  }

  catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.then(undefined, onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onfinally);
  }

  get [Symbol.toStringTag](): string {
    return 'APIPromise';
  }
}

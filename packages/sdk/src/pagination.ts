/**
 * Cursor pagination. A list call returns a `PagePromise`: await it for one page, or iterate
 * it with `for await` for every item across pages (each next page is fetched as it is needed).
 */
import { PasserelleError } from './errors';

/** Fetches the page after `cursor` (the first page when undefined). */
export type PageFetcher<T> = (cursor: string | undefined) => Promise<Page<T>>;

/** One page of a list. */
export class Page<T> {
  readonly data: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  readonly nextCursor: string | null;
  readonly hasMore: boolean;
  /** The answer's `X-Request-Id`. */
  readonly requestId: string | undefined;
  readonly #fetch: PageFetcher<T>;

  constructor(
    init: { data: T[]; nextCursor: string | null; requestId: string | undefined },
    fetch: PageFetcher<T>,
  ) {
    this.data = init.data;
    this.nextCursor = init.nextCursor;
    this.hasMore = init.nextCursor !== null;
    this.requestId = init.requestId;
    this.#fetch = fetch;
  }

  /** The next page, or null after the last one. */
  async nextPage(): Promise<Page<T> | null> {
    return this.nextCursor === null ? null : this.#fetch(this.nextCursor);
  }
}

export class PagePromise<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  readonly #first: Promise<Page<T>>;

  /** Starts fetching the first page at once, as a promise would. */
  constructor(fetch: PageFetcher<T>, cursor?: string) {
    this.#first = fetch(cursor);
  }

  // biome-ignore lint/suspicious/noThenProperty: a PagePromise is awaitable by design.
  then<A = Page<T>, B = never>(
    onfulfilled?: ((value: Page<T>) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#first.then(onfulfilled, onrejected);
  }

  catch<B = never>(
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<Page<T> | B> {
    return this.#first.then(undefined, onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<Page<T>> {
    return this.#first.finally(onfinally);
  }

  /** Every page, the first one included. */
  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    let page: Page<T> | null = await this.#first;
    const seen = new Set<string>();
    while (page !== null) {
      yield page;
      if (page.nextCursor !== null) {
        // A cursor that comes back would page forever.
        if (seen.has(page.nextCursor)) {
          throw new PasserelleError('The API returned a cursor it had already given.', {
            requestId: page.requestId,
          });
        }
        seen.add(page.nextCursor);
      }
      page = await page.nextPage();
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page.data;
  }

  /** Every item across pages, or the first `max`; stops fetching once it has them. */
  async toArray(max: number = Number.POSITIVE_INFINITY): Promise<T[]> {
    const out: T[] = [];
    if (max <= 0) return out;
    for await (const item of this) {
      out.push(item);
      if (out.length >= max) break;
    }
    return out;
  }

  get [Symbol.toStringTag](): string {
    return 'PagePromise';
  }
}

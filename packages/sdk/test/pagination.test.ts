/**
 * Pagination against a real HTTP server on loopback, through the platform's own fetch:
 * seven students served three at a time by cursor.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  APIConnectionError,
  Passerelle,
  PasserelleError,
  ResponseValidationError,
} from '../src/index';

const names = ['Ana', 'Ben', 'Chloé', 'Dai', 'Émile', 'Fang', 'Gus'];
const students = names.map((fullName, index) => ({
  id: `stu_01JD00000000000000000000${String(index).padStart(2, '0')}`,
  fullName,
  nationality: 'FR',
}));

interface Seen {
  path: string;
  query: Record<string, string>;
  auth: string | undefined;
}

let server: Server;
let baseUrl: string;
const seen: Seen[] = [];
/** How the next requests to /v1/students should misbehave. */
let faults: Array<'unavailable' | 'same-cursor' | 'no-envelope'> = [];

function answer(res: ServerResponse, status: number, body: unknown, requestId: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': requestId });
  res.end(JSON.stringify(body));
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const query = Object.fromEntries(url.searchParams);
  seen.push({ path: url.pathname, query, auth: req.headers.authorization });
  const requestId = `req-${seen.length}`;
  const fault = faults.shift();
  if (fault === 'unavailable') {
    answer(
      res,
      503,
      { type: 'urn:passerelle:problem:unavailable', title: 'Not ready', status: 503 },
      requestId,
    );
    return;
  }
  if (fault === 'no-envelope') {
    answer(res, 200, students, requestId);
    return;
  }
  const limit = Number(query.limit ?? '50');
  const offset =
    query.cursor === undefined ? 0 : Number(Buffer.from(query.cursor, 'base64url').toString());
  const matching = students.filter(
    (s) => query.nationality === undefined || s.nationality === query.nationality,
  );
  const data = matching.slice(offset, offset + limit);
  const end = offset + data.length;
  const next =
    fault === 'same-cursor'
      ? (query.cursor ?? Buffer.from('0').toString('base64url'))
      : end < matching.length
        ? Buffer.from(String(end)).toString('base64url')
        : null;
  answer(res, 200, { data, next_cursor: next }, requestId);
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
});

beforeEach(() => {
  seen.length = 0;
  faults = [];
});

const client = () => new Passerelle({ baseUrl, token: 'psl_test' });

describe('a list call', () => {
  it('awaited, is one page with its cursor and request id', async () => {
    const page = await client().students.list({ nationality: 'FR', limit: 3 });
    expect(page.data.map((s) => s.fullName)).toEqual(['Ana', 'Ben', 'Chloé']);
    expect(page.hasMore).toBe(true);
    expect(page.nextCursor).toEqual(expect.any(String));
    expect(page.requestId).toBe('req-1');
    expect(seen).toHaveLength(1);
  });

  it('iterated, yields every item across three pages, fetching each page once', async () => {
    const names: string[] = [];
    for await (const student of client().students.list({ nationality: 'FR', limit: 3 })) {
      names.push(student.fullName);
    }
    expect(names).toEqual(['Ana', 'Ben', 'Chloé', 'Dai', 'Émile', 'Fang', 'Gus']);
    expect(seen).toHaveLength(3);
    // Every page keeps the filters and the page size, and sends the previous page's cursor.
    expect(seen.map((s) => s.query.nationality)).toEqual(['FR', 'FR', 'FR']);
    expect(seen.map((s) => s.query.limit)).toEqual(['3', '3', '3']);
    expect(seen[0]?.query.cursor).toBeUndefined();
    expect(seen[1]?.query.cursor).toEqual(expect.any(String));
    expect(seen.every((s) => s.auth === 'Bearer psl_test')).toBe(true);
  });

  it('pages() gives each page with its request id; the last has no next page', async () => {
    const pages = [];
    for await (const page of client().students.list({ limit: 3 }).pages()) pages.push(page);
    expect(pages.map((page) => page.data.length)).toEqual([3, 3, 1]);
    expect(pages.map((page) => page.requestId)).toEqual(['req-1', 'req-2', 'req-3']);
    const last = pages[2];
    expect(last?.hasMore).toBe(false);
    expect(last?.nextCursor).toBeNull();
    await expect(last?.nextPage()).resolves.toBeNull();
    expect(seen).toHaveLength(3);
  });

  it('nextPage() fetches the page after', async () => {
    const first = await client().students.list({ limit: 3 });
    const second = await first.nextPage();
    expect(second?.data.map((s) => s.fullName)).toEqual(['Dai', 'Émile', 'Fang']);
  });

  it('starts from a cursor the caller gives', async () => {
    const first = await client().students.list({ limit: 3 });
    const rest = await client()
      .students.list({ limit: 3, cursor: first.nextCursor ?? undefined })
      .toArray();
    expect(rest.map((s) => s.fullName)).toEqual(['Dai', 'Émile', 'Fang', 'Gus']);
  });

  it('toArray() collects everything; toArray(max) stops fetching once it has enough', async () => {
    await expect(client().students.list({ limit: 3 }).toArray()).resolves.toHaveLength(7);
    expect(seen).toHaveLength(3);
    seen.length = 0;
    const four = await client().students.list({ limit: 3 }).toArray(4);
    expect(four.map((s) => s.fullName)).toEqual(['Ana', 'Ben', 'Chloé', 'Dai']);
    expect(seen).toHaveLength(2);
    const none = client().students.list({ limit: 3 });
    await expect(none.toArray(0)).resolves.toEqual([]);
    await none;
  });

  it('retries a failed page and goes on', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const list = client().students.list({ limit: 3 });
    await list;
    faults = ['unavailable'];
    await expect(list.toArray()).resolves.toHaveLength(7);
    // Page 1 (awaited, then reused), page 2 twice (503 then 200), page 3.
    expect(seen).toHaveLength(4);
    vi.restoreAllMocks();
  });

  it('refuses a cursor that comes back, instead of paging forever', async () => {
    faults = ['same-cursor', 'same-cursor', 'same-cursor'];
    const error = await client()
      .students.list({ limit: 3 })
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PasserelleError);
    expect((error as Error).message).toContain('cursor it had already given');
    expect(seen.length).toBeLessThanOrEqual(3);
  });

  it('refuses an answer that is not a page', async () => {
    faults = ['no-envelope'];
    const error = await client()
      .students.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).issues[0]?.message).toContain('data');
  });

  it('catch() and finally() work on the page promise', async () => {
    let settled = false;
    const page = await client()
      .students.list({ limit: 2 })
      .finally(() => {
        settled = true;
      });
    expect(page.data).toHaveLength(2);
    expect(settled).toBe(true);
    faults = ['no-envelope'];
    const caught = await client()
      .students.list()
      .catch((error: unknown) => (error as Error).name);
    expect(caught).toBe('ResponseValidationError');
    expect(Object.prototype.toString.call(client().students.list())).toBe('[object PagePromise]');
  });
});

describe('the real network', () => {
  it('turns a refused connection into APIConnectionError after the retries', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await new Passerelle({ baseUrl: `http://127.0.0.1:${port}`, maxRetries: 1 })
      .health()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toContain(`127.0.0.1:${port}`);
    vi.restoreAllMocks();
  });
});

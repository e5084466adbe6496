/**
 * The bot's HTTP transport against a real server on loopback: what it sends (method, path and
 * query, headers, body), what it hands back (the SDK's `FetchResponse`), and how the SDK's errors,
 * retries, time-outs and aborts come through it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  NotFoundError,
} from '@passerelle/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createHttpFetch, type HttpFetch } from './http';

interface Seen {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingMessage['headers'];
  body: string;
}

type Handler = (request: Seen, response: ServerResponse) => void;

let server: Server;
let base: string;
let handler: Handler;
const seen: Seen[] = [];
let transport: HttpFetch;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry = {
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(entry);
      handler(entry, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  transport = createHttpFetch();
});

afterEach(() => {
  seen.length = 0;
});

afterAll(async () => {
  await transport.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function json(response: ServerResponse, status: number, body: unknown, headers = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

describe('createHttpFetch', () => {
  it('sends the method, path with its query, headers and body, and answers what the SDK reads', async () => {
    handler = (_request, response) =>
      json(response, 201, { id: 'stu_1', name: 'Lina' }, { 'set-cookie': ['a=1', 'b=2'] });
    const response = await transport(`${base}/v1/students?limit=5&q=Lin%C3%A0`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'k-1' },
      body: JSON.stringify({ givenName: 'Linà' }),
    });

    expect(response.status).toBe(201);
    expect(response.ok).toBe(true);
    expect(response.statusText).toBe('Created');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(JSON.parse(await response.text())).toEqual({ id: 'stu_1', name: 'Lina' });
    // Read whole: the body can be read again, as bytes too.
    expect(new TextDecoder().decode(await response.arrayBuffer())).toBe(
      '{"id":"stu_1","name":"Lina"}',
    );
    expect(seen).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: '/v1/students?limit=5&q=Lin%C3%A0',
        body: '{"givenName":"Linà"}',
        headers: expect.objectContaining({ 'idempotency-key': 'k-1' }),
      }),
    ]);
  });

  it('takes headers as a Headers object or as pairs, and bytes as a body', async () => {
    handler = (_request, response) => json(response, 200, {});
    await transport(`${base}/a`, {
      method: 'PUT',
      headers: new Headers({ 'X-One': '1' }),
      body: new TextEncoder().encode('bytes'),
    });
    await transport(`${base}/b`, { headers: [['x-two', '2']] });

    expect(seen.map((entry) => [entry.method, entry.url, entry.body])).toEqual([
      ['PUT', '/a', 'bytes'],
      ['GET', '/b', ''],
    ]);
    expect(seen[0]?.headers['x-one']).toBe('1');
    expect(seen[1]?.headers['x-two']).toBe('2');
  });

  it('answers 204 with an empty body, and hands 4xx and 5xx back as they are', async () => {
    handler = (request, response) => {
      if (request.url === '/gone') {
        response.writeHead(204);
        response.end();
      } else json(response, 500, { type: 'internal' });
    };
    const empty = await transport(`${base}/gone`, { method: 'DELETE' });
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe('');

    const failed = await transport(`${base}/broken`, {});
    expect(failed.status).toBe(500);
    expect(failed.ok).toBe(false);
    expect(JSON.parse(await failed.text())).toEqual({ type: 'internal' });
  });

  it('does not follow redirects (the API sends none)', async () => {
    handler = (_request, response) => {
      response.writeHead(302, { location: '/elsewhere' });
      response.end();
    };
    const response = await transport(`${base}/moved`, {});
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/elsewhere');
    expect(seen).toHaveLength(1);
  });

  it('stops when its signal aborts', async () => {
    handler = () => undefined; // never answers
    const controller = new AbortController();
    const pending = transport(`${base}/slow`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toThrow();
  });

  it('refuses bodies it cannot send whole (streams, forms)', async () => {
    await expect(
      transport(`${base}/form`, { method: 'POST', body: new FormData() }),
    ).rejects.toThrow(/text or bytes/);
    expect(seen).toHaveLength(0);
  });
});

describe('the SDK over the bot transport', () => {
  it('reads records and turns problem+json into the SDK errors', async () => {
    handler = (request, response) => {
      if (request.url === '/v1/students/stu_known') {
        json(response, 200, { id: 'stu_known' }, { 'x-request-id': 'req-1' });
      } else {
        response.writeHead(404, {
          'content-type': 'application/problem+json',
          'x-request-id': 'req-2',
        });
        response.end(
          JSON.stringify({ type: 'about:blank', title: 'Not found', status: 404, detail: 'No.' }),
        );
      }
    };
    const client = apiClient({ baseUrl: base, token: 'psl_test', maxRetries: 0 });

    const { data, requestId } = await client.students.get('stu_known' as never).withResponse();
    expect(data).toEqual({ id: 'stu_known' });
    expect(requestId).toBe('req-1');
    expect(seen[0]?.headers.authorization).toBe('Bearer psl_test');

    const missing = await client.students.get('stu_missing' as never).catch((error) => error);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing).toMatchObject({ status: 404, requestId: 'req-2' });
  });

  it('retries a 503 with Retry-After, then succeeds', async () => {
    let calls = 0;
    handler = (_request, response) => {
      calls++;
      if (calls === 1) json(response, 503, { title: 'Busy' }, { 'retry-after': '0' });
      else json(response, 200, { status: 'ok' });
    };
    const client = apiClient({ baseUrl: base, maxRetries: 1 });
    await expect(client.health()).resolves.toEqual({ status: 'ok' });
    expect(calls).toBe(2);
  });

  it('reports a time-out, an abort and an API that is not there', async () => {
    handler = () => undefined; // never answers
    const client = apiClient({ baseUrl: base, maxRetries: 0, timeout: 50 });
    await expect(client.health()).rejects.toBeInstanceOf(APITimeoutError);

    const controller = new AbortController();
    const aborted = client.health({ signal: controller.signal });
    controller.abort();
    await expect(aborted).rejects.toBeInstanceOf(APIUserAbortError);

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const nowhere = apiClient({ baseUrl: `http://127.0.0.1:${port}`, maxRetries: 0 });
    await expect(nowhere.health()).rejects.toBeInstanceOf(APIConnectionError);
  });
});

/**
 * Test kit: a local server that speaks Slack's Web API protocol and records every call, and a
 * client that signs requests to a Bolt receiver as Slack does. Used by the tests only; nothing
 * here reaches the internet.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made: a Web API method, or a POST to a `response_url`. */
export interface RecordedCall {
  /** `chat.postMessage`, …, or `response_url` for a POST to a response URL. */
  method: string;
  /** The arguments, with JSON-valued ones (`blocks`) parsed. */
  args: Record<string, unknown>;
  /** The bearer token used, if any. */
  token: string | undefined;
  /** The path the call was made to (identifies a response URL). */
  path: string;
  /** What the fake answered (a posted message's `ts`, an error). */
  response: Record<string, unknown>;
}

export interface FakeSlackOptions {
  botUserId?: string;
  botId?: string;
  teamId?: string;
  /** Channels where `chat.postMessage` answers `not_in_channel`. */
  closedChannels?: string[];
}

export interface FakeSlack {
  /** The Web API base URL, with the trailing slash Bolt's `slackApiUrl` wants. */
  apiUrl: string;
  /** A `response_url` the fake accepts (recorded as method `response_url`). */
  responseUrl(id: string): string;
  calls: RecordedCall[];
  /** Channels where `chat.postMessage` answers `not_in_channel`; tests may change it. */
  closed: Set<string>;
  /** Calls of one method. */
  callsOf(method: string): RecordedCall[];
  /** Wait until `predicate` holds on the recorded calls (polls; fails after `timeoutMs`). */
  waitFor(predicate: (calls: RecordedCall[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

function parseArgs(body: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) {
    const parsed: unknown = body === '' ? {} : JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null ? { ...parsed } : {};
  }
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(Buffer.isBuffer(part) ? part : Buffer.from(part));
  return Buffer.concat(parts).toString('utf8');
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const botUserId = options.botUserId ?? 'UBOT';
  const botId = options.botId ?? 'BBOT';
  const teamId = options.teamId ?? 'T0001';
  const closed = new Set(options.closedChannels ?? []);
  const calls: RecordedCall[] = [];
  let nextTs = 1_700_000_000_000_100;

  const answer = (method: string, args: Record<string, unknown>): Record<string, unknown> => {
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: botUserId, bot_id: botId, team_id: teamId, user: 'passerelle' };
      case 'chat.postMessage': {
        const channel = String(args.channel ?? '');
        if (closed.has(channel)) return { ok: false, error: 'not_in_channel' };
        nextTs += 100;
        const ts = `${String(nextTs).slice(0, 10)}.${String(nextTs).slice(10)}`;
        return { ok: true, channel, ts, message: { text: args.text, ts } };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const args = parseArgs(body, req.headers['content-type']);
      const auth = req.headers.authorization;
      const token = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : undefined;
      if (path.startsWith('/hooks/')) {
        calls.push({ method: 'response_url', args, token, path, response: {} });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      const method = path.replace(/^\/api\//, '');
      const response = answer(method, args);
      calls.push({ method, args, token, path, response });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(response));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/hooks/${id}`,
    calls,
    closed,
    callsOf: (method) => calls.filter((call) => call.method === method),
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(calls)) {
        if (Date.now() > deadline) {
          throw new Error(`timed out; calls so far: ${calls.map((c) => c.method).join(', ')}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The headers Slack sends with a request: `v0=` HMAC-SHA256 over `v0:timestamp:body`. */
export function slackSignature(
  signingSecret: string,
  body: string,
  timestampSeconds: number,
): Record<string, string> {
  const digest = createHmac('sha256', signingSecret)
    .update(`v0:${timestampSeconds}:${body}`)
    .digest('hex');
  return {
    'x-slack-request-timestamp': String(timestampSeconds),
    'x-slack-signature': `v0=${digest}`,
  };
}

export interface SendOptions {
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Sign with this secret instead of the right one. */
  secret?: string;
  /** Sent as `x-slack-retry-num` (and a retry reason), as Slack does on a retry. */
  retryNum?: number;
}

export interface SlackSender {
  /** POST an Events API payload as JSON. */
  event(payload: unknown, options?: SendOptions): Promise<Response>;
  /** POST a form-encoded body (slash commands). */
  form(fields: Record<string, string>, options?: SendOptions): Promise<Response>;
  /** POST an interactivity payload (`payload=<json>`, form-encoded). */
  interaction(payload: unknown, options?: SendOptions): Promise<Response>;
}

/** Sends signed requests to a Bolt receiver at `url`, as Slack does. */
export function slackSender(url: string, signingSecret: string): SlackSender {
  const send = async (body: string, contentType: string, options: SendOptions = {}) => {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': contentType,
      ...slackSignature(options.secret ?? signingSecret, body, timestamp),
    };
    if (options.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(options.retryNum);
      headers['x-slack-retry-reason'] = 'http_timeout';
    }
    return fetch(url, { method: 'POST', headers, body });
  };
  return {
    event: (payload, options) => send(JSON.stringify(payload), 'application/json', options),
    form: (fields, options) =>
      send(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options),
    interaction: (payload, options) =>
      send(
        new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        'application/x-www-form-urlencoded',
        options,
      ),
  };
}

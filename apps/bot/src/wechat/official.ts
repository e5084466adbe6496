/**
 * The official route: the callback URL of a WeChat Official Account or of a WeCom app, as a
 * node:http request listener.
 *
 * - GET verifies the URL: `signature` over [token, timestamp, nonce] and `echostr` sent back
 *   as it is (Official Account), or `msg_signature` over [token, timestamp, nonce, echostr]
 *   and `echostr` decrypted (WeCom, or an Official Account checked in safe mode).
 * - POST carries a message as XML, plain or in safe mode (`<Encrypt>` checked by
 *   `msg_signature`). The answer is a passive reply (encrypted when the request was) if the
 *   engine answers within the 5-second window, else "success" at once and the answer later
 *   through the customer-service API.
 * - Bad signatures are refused with 401 before anything in the body is used; a timestamp more
 *   than 5 minutes away from now (a replay) with 403; a MsgId already seen gets "success".
 */
import type { IncomingMessage as HttpRequest, ServerResponse } from 'node:http';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Engine, IncomingMessage } from '../engine/types';
import type { BotState } from '../state/types';
import { answerAsParts, FollowUpMemory, silentLog, type WechatLog } from './conversation';
import {
  decryptMessage,
  encryptMessage,
  isEncodingAESKey,
  sameSignature,
  WechatCryptoError,
  wechatSignature,
} from './crypto';
import type { CustomerServiceSender, WechatAppKind } from './customer-service';
import { OFFICIAL_ACCOUNT_LIMIT } from './render';
import { textOnlyNote, welcomeNote } from './texts';

export interface OfficialAccountOptions {
  engine: Engine;
  state: Pick<BotState, 'seen'>;
  /** `official-account` (default) or `wecom`; WeCom callbacks are always encrypted. */
  kind?: WechatAppKind;
  /** The Token set in the callback configuration. */
  token: string;
  /** The 43-character EncodingAESKey; required for safe mode and for WeCom. */
  encodingAESKey?: string;
  /** AppID of the Official Account or CorpID of WeCom: the receiver named in encrypted messages. */
  appId?: string;
  /** Sends what could not go in the passive reply (a late answer, an answer in several parts). */
  customerService?: CustomerServiceSender;
  /** How long to wait for the engine before answering "success"; WeChat gives up after 5 s. */
  replyWithinMs?: number;
  /** Requests whose timestamp is further than this from now are refused as replays. */
  maxClockSkewSeconds?: number;
  dedupTtlSeconds?: number;
  maxBodyBytes?: number;
  now?: () => Date;
  log?: WechatLog;
}

export interface OfficialAccountReceiver {
  /** The node:http request listener to serve at the callback URL. */
  listener(req: HttpRequest, res: ServerResponse): void;
  /** Resolves once every late answer has been sent (or has failed). */
  idle(): Promise<void>;
}

/** A refusal: the status and a short plain-text reason. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    reason: string,
  ) {
    super(reason);
  }
}

type Fields = Record<string, string>;

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
});

export function createOfficialAccountReceiver(
  options: OfficialAccountOptions,
): OfficialAccountReceiver {
  const kind = options.kind ?? 'official-account';
  const { token, encodingAESKey, appId } = options;
  if (token === '') throw new Error('The WeChat callback Token is empty');
  if (encodingAESKey !== undefined && !isEncodingAESKey(encodingAESKey)) {
    throw new Error('The EncodingAESKey must be 43 base64 characters');
  }
  if ((encodingAESKey !== undefined || kind === 'wecom') && (appId ?? '') === '') {
    throw new Error('Encrypted callbacks need the AppID (Official Account) or CorpID (WeCom)');
  }
  if (kind === 'wecom' && encodingAESKey === undefined) {
    throw new Error('A WeCom callback needs its EncodingAESKey');
  }
  const replyWithinMs = options.replyWithinMs ?? 4000;
  const maxSkew = options.maxClockSkewSeconds ?? 300;
  const dedupTtl = options.dedupTtlSeconds ?? 24 * 3600;
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? silentLog;
  const followUps = new FollowUpMemory();
  const background = new Set<Promise<void>>();

  function track(task: Promise<void>): void {
    const tracked = task
      .catch((error: unknown) => log('wechat.customer_service_failed', { error }))
      .finally(() => background.delete(tracked));
    background.add(tracked);
  }

  function checkFresh(timestamp: string): void {
    const age = Math.abs(now().getTime() / 1000 - Number(timestamp));
    if (!(age <= maxSkew)) throw new Refusal(403, 'stale timestamp');
  }

  function signedParams(query: URLSearchParams): { timestamp: string; nonce: string } {
    const timestamp = query.get('timestamp') ?? '';
    const nonce = query.get('nonce') ?? '';
    if (!/^\d{1,12}$/.test(timestamp) || nonce === '') throw new Refusal(401, 'bad signature');
    return { timestamp, nonce };
  }

  function checkMsgSignature(query: URLSearchParams, encrypted: string): void {
    const { timestamp, nonce } = signedParams(query);
    const expected = wechatSignature(token, timestamp, nonce, encrypted);
    if (!sameSignature(expected, query.get('msg_signature') ?? undefined)) {
      throw new Refusal(401, 'bad signature');
    }
  }

  function checkPlainSignature(query: URLSearchParams): void {
    const { timestamp, nonce } = signedParams(query);
    const expected = wechatSignature(token, timestamp, nonce);
    if (!sameSignature(expected, query.get('signature') ?? undefined)) {
      throw new Refusal(401, 'bad signature');
    }
  }

  function open(cipher: string): string {
    if (encodingAESKey === undefined || appId === undefined) {
      throw new Refusal(400, 'encrypted callbacks are not configured');
    }
    try {
      return decryptMessage(encodingAESKey, appId, cipher);
    } catch (error) {
      if (error instanceof WechatCryptoError) throw new Refusal(400, 'undecryptable message');
      throw error;
    }
  }

  function verifyUrl(query: URLSearchParams, res: ServerResponse): void {
    const echostr = query.get('echostr') ?? '';
    if (query.has('msg_signature')) {
      checkMsgSignature(query, echostr);
      checkFresh(query.get('timestamp') ?? '');
      send(res, 200, 'text/plain', open(echostr));
      return;
    }
    checkPlainSignature(query);
    checkFresh(query.get('timestamp') ?? '');
    send(res, 200, 'text/plain', echostr);
  }

  async function receive(req: HttpRequest, query: URLSearchParams, res: ServerResponse) {
    const started = performance.now();
    // An Official Account signs the query in every mode: check it before reading the body.
    // A WeCom app signs only the encrypted body, so its check waits for the <Encrypt> field.
    if (kind === 'official-account') {
      checkPlainSignature(query);
      checkFresh(query.get('timestamp') ?? '');
    }
    const outer = parseXml(await readBody(req, maxBodyBytes));
    const cipher = outer.Encrypt;
    const mustBeEncrypted =
      kind === 'wecom' || query.get('encrypt_type') === 'aes' || query.has('msg_signature');
    let fields = outer;
    if (cipher !== undefined && (mustBeEncrypted || encodingAESKey !== undefined)) {
      checkMsgSignature(query, cipher);
      checkFresh(query.get('timestamp') ?? '');
      fields = parseXml(open(cipher));
    } else if (mustBeEncrypted) {
      throw new Refusal(400, 'encrypted message expected');
    }
    const reply = await respond(fields, started);
    if (reply === undefined) {
      send(res, 200, 'text/plain', 'success');
      return;
    }
    const xml = replyXml(fields, reply, now().getTime());
    if (cipher === undefined || encodingAESKey === undefined || appId === undefined) {
      send(res, 200, 'application/xml', xml);
      return;
    }
    const encrypted = encryptMessage(encodingAESKey, appId, xml);
    const timestamp = String(Math.floor(now().getTime() / 1000));
    const nonce = query.get('nonce') ?? '';
    const signature = wechatSignature(token, timestamp, nonce, encrypted);
    send(
      res,
      200,
      'application/xml',
      `<xml><Encrypt>${cdata(encrypted)}</Encrypt><MsgSignature>${cdata(signature)}</MsgSignature>` +
        `<TimeStamp>${timestamp}</TimeStamp><Nonce>${cdata(nonce)}</Nonce></xml>`,
    );
  }

  /** The passive reply's text, or undefined for "success" (nothing now). */
  async function respond(fields: Fields, started: number): Promise<string | undefined> {
    const from = fields.FromUserName ?? '';
    const msgType = fields.MsgType ?? '';
    if (from === '' || msgType === '') throw new Refusal(400, 'not a WeChat message');
    const receiver = appId ?? fields.ToUserName ?? '';
    const key =
      fields.MsgId !== undefined && fields.MsgId !== ''
        ? `wechat:official:${receiver}:msg:${fields.MsgId}`
        : `wechat:official:${receiver}:event:${from}:${fields.CreateTime ?? ''}:${fields.Event ?? ''}`;
    if (await options.state.seen(key, dedupTtl)) return undefined;

    const text = messageText(fields);
    if (text === undefined) {
      if (msgType === 'event') return fields.Event === 'subscribe' ? welcomeNote : undefined;
      return textOnlyNote;
    }
    const incoming: IncomingMessage = {
      text,
      channel: 'wechat',
      channelUserId: from,
      conversationId: from,
      receivedAt: now(),
      ...(fields.MsgId === undefined ? {} : { messageId: fields.MsgId }),
    };
    const answer = answerAsParts(
      { engine: options.engine, followUps, log },
      incoming,
      OFFICIAL_ACCOUNT_LIMIT,
    );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(
        () => resolve(undefined),
        Math.max(0, replyWithinMs - (performance.now() - started)),
      );
    });
    const parts = await Promise.race([answer, late]);
    clearTimeout(timer);
    const sender = options.customerService;
    if (parts !== undefined && (parts.length <= 1 || sender === undefined)) {
      if (parts.length > 1) log('wechat.parts_dropped', { to: from, dropped: parts.length - 1 });
      return parts[0];
    }
    if (sender === undefined) {
      track(
        answer.then((dropped) => log('wechat.late_answer_dropped', { to: from, parts: dropped })),
      );
      return undefined;
    }
    track(
      answer.then(async (all) => {
        for (const part of all) await sender.sendText(from, part);
      }),
    );
    return undefined;
  }

  async function route(req: HttpRequest, res: ServerResponse): Promise<void> {
    const query = new URL(req.url ?? '/', 'http://callback').searchParams;
    if (req.method === 'GET') verifyUrl(query, res);
    else if (req.method === 'POST') await receive(req, query, res);
    else {
      res.setHeader('allow', 'GET, POST');
      throw new Refusal(405, 'method not allowed');
    }
  }

  return {
    listener(req, res) {
      route(req, res).catch((error: unknown) => {
        if (error instanceof Refusal) {
          if (error.status === 413) res.setHeader('connection', 'close');
          send(res, error.status, 'text/plain', error.message);
          return;
        }
        log('wechat.callback_failed', { error });
        send(res, 500, 'text/plain', 'internal error');
      });
    },
    async idle() {
      while (background.size > 0) await Promise.allSettled([...background]);
    },
  };
}

/** The text to answer: a text message, or a voice message WeChat has transcribed. */
function messageText(fields: Fields): string | undefined {
  if (fields.MsgType === 'text') return fields.Content ?? '';
  if (fields.MsgType === 'voice' && (fields.Recognition ?? '') !== '') return fields.Recognition;
  return undefined;
}

/** A passive text reply to the message in `fields`. */
export function replyXml(fields: Fields, content: string, createTime = Date.now()): string {
  return (
    `<xml><ToUserName>${cdata(fields.FromUserName ?? '')}</ToUserName>` +
    `<FromUserName>${cdata(fields.ToUserName ?? '')}</FromUserName>` +
    `<CreateTime>${Math.floor(createTime / 1000)}</CreateTime>` +
    `<MsgType>${cdata('text')}</MsgType><Content>${cdata(content)}</Content></xml>`
  );
}

function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** The fields of `<xml>…</xml>` whose values are text. */
function parseXml(text: string): Fields {
  if (text.trim() === '' || XMLValidator.validate(text) !== true) {
    throw new Refusal(400, 'malformed XML');
  }
  const parsed: unknown = parser.parse(text);
  const root = isRecord(parsed) ? parsed.xml : undefined;
  if (!isRecord(root)) throw new Refusal(400, 'malformed XML');
  const fields: Fields = {};
  for (const [name, value] of Object.entries(root)) {
    if (typeof value === 'string' || typeof value === 'number') fields[name] = String(value);
  }
  return fields;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function readBody(req: HttpRequest, maxBytes: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > maxBytes) throw new Refusal(413, 'body too large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maxBytes) throw new Refusal(413, 'body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  if (res.headersSent) return;
  res.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/**
 * The WeChat callback protocol written out a second time, independently of the code under
 * test, for the tests: signatures, AES encryption of messages and XML field reading.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';

/** A fresh EncodingAESKey: 32 random bytes in base64 without the final "=". */
export function newEncodingAESKey(): string {
  return randomBytes(32).toString('base64').replace(/=+$/, '');
}

export function sha1Signature(...parts: string[]): string {
  return createHash('sha1').update(parts.sort().join('')).digest('hex');
}

/** random(16) + msg_len(4, big-endian) + msg + receiveId, PKCS#7 to 32 bytes, AES-256-CBC. */
export function encryptForTest(key43: string, receiveId: string, message: string): string {
  const key = Buffer.from(`${key43}=`, 'base64');
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length, 0);
  const plain = Buffer.concat([randomBytes(16), length, body, Buffer.from(receiveId)]);
  const pad = 32 - (plain.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([
    cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])),
    cipher.final(),
  ]).toString('base64');
}

export function decryptForTest(
  key43: string,
  encrypted: string,
): { message: string; receiveId: string } {
  const key = Buffer.from(`${key43}=`, 'base64');
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(encrypted, 'base64'), decipher.final()]);
  const plain = padded.subarray(0, padded.length - (padded.at(-1) ?? 0));
  const length = plain.readUInt32BE(16);
  return {
    message: plain.subarray(20, 20 + length).toString('utf8'),
    receiveId: plain.subarray(20 + length).toString('utf8'),
  };
}

const xmlParser = new XMLParser({ parseTagValue: false });

/** The text fields of `<xml>…</xml>`. */
export function fieldsOf(xml: string): Record<string, string> {
  const parsed: { xml?: Record<string, string> } = xmlParser.parse(xml);
  return parsed.xml ?? {};
}

/** A message as WeChat posts it (plain), with extra fields as CDATA. */
export function messageXml(
  fields: {
    from?: string;
    to?: string;
    content?: string;
    msgId?: string;
    type?: string;
  } & Record<string, string> = {},
): string {
  const {
    from = 'o_student_1',
    to = 'gh_passerelle',
    content = 'hello',
    msgId,
    type = 'text',
    ...rest
  } = fields;
  const extra = Object.entries(rest)
    .map(([name, value]) => `<${name}><![CDATA[${value}]]></${name}>`)
    .join('');
  return (
    `<xml><ToUserName><![CDATA[${to}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName>` +
    `<CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[${type}]]></MsgType>` +
    (type === 'text' ? `<Content><![CDATA[${content}]]></Content>` : '') +
    extra +
    (msgId === undefined ? '' : `<MsgId>${msgId}</MsgId>`) +
    '</xml>'
  );
}

/** Waits until `check` holds, polling; fails after `ms`. */
export async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

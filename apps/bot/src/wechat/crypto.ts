/**
 * The WeChat callback protocol's signatures and message encryption, shared by Official
 * Accounts (safe mode) and WeCom apps:
 * - `signature` = sha1 of [token, timestamp, nonce] sorted and joined;
 * - `msg_signature` = sha1 of [token, timestamp, nonce, msg_encrypt] sorted and joined;
 * - msg_encrypt = base64(AES-256-CBC(random(16) + msg_len(4, big-endian) + msg + receiveId)),
 *   key = base64(EncodingAESKey + '='), iv = the key's first 16 bytes, PKCS#7 padding to 32.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { decrypt, encrypt } from '@wecom/crypto';

/** sha1 of the parts sorted as strings and joined, as WeChat signs a callback. */
export function wechatSignature(...parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

/** Compares a signature in constant time; false for anything that is not 40 hex digits. */
export function sameSignature(expected: string, received: string | undefined): boolean {
  if (received === undefined || !/^[0-9a-f]{40}$/i.test(received)) return false;
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(received.toLowerCase(), 'hex'));
}

/** True when the EncodingAESKey is 43 base64 characters that decode to a 32-byte key. */
export function isEncodingAESKey(key: string): boolean {
  return /^[A-Za-z0-9+/]{43}$/.test(key) && Buffer.from(`${key}=`, 'base64').length === 32;
}

export class WechatCryptoError extends Error {
  override readonly name = 'WechatCryptoError';
}

/**
 * Decrypts a `msg_encrypt` and checks that it was made for `receiveId` (the AppID of an
 * Official Account, the CorpID of a WeCom app).
 */
export function decryptMessage(encodingAESKey: string, receiveId: string, cipher: string): string {
  let opened: { message: string; id: string };
  try {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(cipher)) throw new Error('not base64');
    opened = decrypt(encodingAESKey, cipher);
  } catch (error) {
    throw new WechatCryptoError('The encrypted message could not be decrypted', { cause: error });
  }
  if (opened.id !== receiveId) {
    throw new WechatCryptoError('The encrypted message was made for another receiver');
  }
  return opened.message;
}

/** Encrypts a message for `receiveId`, as a passive reply in safe mode. */
export function encryptMessage(encodingAESKey: string, receiveId: string, message: string): string {
  return encrypt(encodingAESKey, message, receiveId);
}

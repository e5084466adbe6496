/**
 * Signed, short-lived, read-only links to the year-end document, for a browser that has no
 * bearer token (the link the Slack bot posts). A link names one year, one format and one
 * language, and an expiry; its signature is an HMAC-SHA-256 over all of them and the path, so
 * changing any part (another year, format, language, a later expiry) breaks it. Nothing is
 * stored per link: a link cannot be revoked one by one, only all at once by changing the key,
 * which is why links are short-lived (REPORT_LINK_MINUTES, 24 hours by default, 7 days at most).
 *
 * The key is REPORT_LINK_SECRET, or else a random key made once per store and kept in the
 * `settings` table, so every API instance on one database signs and checks alike.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Language } from '@passerelle/core';
import { eq } from 'drizzle-orm';
import type { Config } from '../config';
import { settings } from '../db/schema';
import type { Db } from '../db/store';
import type { DocumentFormat } from './year-end-document';

/** The `settings` key under which a store keeps its own link key. */
export const REPORT_LINK_KEY_SETTING = 'report_link_secret';

const SIGNED_PATH = /^\/v1\/reports\/year-end\/[^/]+\/signed$/;
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

/** What a link grants: one document of one year, until `expires`. */
export interface ReportLink {
  year: number;
  format: DocumentFormat;
  language: Language;
  /** When the link stops working, in whole seconds since the Unix epoch. */
  expires: number;
}

/** The path a signed link opens (its query holds the rest). */
export function signedReportPath(year: number): string {
  return `/v1/reports/year-end/${year}/signed`;
}

/**
 * Requests that carry a report link instead of a bearer token: `GET /v1/reports/year-end/{year}/signed`.
 * The app skips bearer authentication for them; the route checks the signature.
 */
export function isSignedReportRequest(method: string, path: string): boolean {
  return (method === 'GET' || method === 'HEAD') && SIGNED_PATH.test(path);
}

/** The text signed: a version, the method and path, then every parameter, one per line. */
function message(link: ReportLink): string {
  return [
    'passerelle-report-link:v1',
    'GET',
    signedReportPath(link.year),
    String(link.year),
    link.format,
    link.language,
    String(link.expires),
  ].join('\n');
}

/** The link's signature: HMAC-SHA-256 in base64url (43 characters). */
export function signReportLink(key: string, link: ReportLink): string {
  return createHmac('sha256', key).update(message(link)).digest('base64url');
}

/** The path and query of a signed link. */
export function reportLinkPath(key: string, link: ReportLink): string {
  const query = new URLSearchParams({
    format: link.format,
    lang: link.language,
    expires: String(link.expires),
    signature: signReportLink(key, link),
  });
  return `${signedReportPath(link.year)}?${query.toString()}`;
}

export type LinkCheck = 'valid' | 'invalid' | 'expired';

/**
 * Whether a signature fits the link, compared in constant time, and the link is still within
 * its life: not expired, and not expiring later than the longest life allowed now (so lowering
 * REPORT_LINK_MINUTES shortens links already given out).
 */
export function checkReportLink(
  key: string,
  link: ReportLink,
  signature: string,
  now: Date,
  maxMinutes: number,
): LinkCheck {
  if (!SIGNATURE.test(signature)) return 'invalid';
  const expected = Buffer.from(signReportLink(key, link), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  const seconds = Math.floor(now.getTime() / 1000);
  if (link.expires <= seconds) return 'expired';
  if (link.expires > seconds + maxMinutes * 60) return 'invalid';
  return 'valid';
}

/**
 * The key links are signed with: REPORT_LINK_SECRET, or the store's own. `create` makes the
 * store's key when it has none (the first instance to do so wins; the others read its key);
 * without `create`, a store with no key answers undefined (it has signed nothing).
 */
export async function reportLinkKey(
  db: Db,
  config: Config,
  now: Date,
  options: { create: boolean },
): Promise<string | undefined> {
  if (config.REPORT_LINK_SECRET !== undefined) return config.REPORT_LINK_SECRET;
  const read = async () => {
    const [row] = await db
      .select({ value: settings.value })
      .from(settings)
      .where(eq(settings.key, REPORT_LINK_KEY_SETTING))
      .limit(1);
    return row?.value;
  };
  const found = await read();
  if (found !== undefined || !options.create) return found;
  await db
    .insert(settings)
    .values({
      key: REPORT_LINK_KEY_SETTING,
      value: randomBytes(32).toString('base64url'),
      createdAt: now.toISOString(),
    })
    .onConflictDoNothing({ target: settings.key });
  return read();
}

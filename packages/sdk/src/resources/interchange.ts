/**
 * What goes in and out of Passerelle as files: iCalendar feeds, spreadsheets (CSV, XLSX),
 * Erasmus Without Paper IIAs (XML) and whole-store backups. Text comes back as a string, binary
 * files as a `Uint8Array`; files are sent as a `Uint8Array`, `ArrayBuffer`, `Blob` or string.
 */
import type { DelegationId, Language } from '@passerelle/core';
import type { APIPromise } from '../api-promise';
import type { RequestOptions } from '../options';
import { type BinaryBody, commaLists, path } from '../transport';
import type {
  CalendarEventsParams,
  CalendarFeed,
  CalendarFeedInput,
  CreatedCalendarFeed,
  EwpExportParams,
  EwpImportReport,
  RestoreResult,
  SheetExportParams,
  SheetFormat,
  SheetImportOptions,
  SheetImportReport,
  SheetResource,
} from '../types';
import { Resource } from './resource';

const CALENDAR = 'text/calendar';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const XML = 'application/xml';

/** /v1/calendars: iCalendar (RFC 5545) feeds, and feed tokens for calendar apps. */
export class Calendars extends Resource {
  /** The events open to the caller (or only those they registered for) as iCalendar text. */
  events(params: CalendarEventsParams = {}, options?: RequestOptions): APIPromise<string> {
    return this.transport.call({
      method: 'GET',
      path: '/v1/calendars/events.ics',
      query: params,
      accept: CALENDAR,
      responseKind: 'text',
      options,
    });
  }

  /** A delegation's itinerary as iCalendar text (staff). */
  delegation(
    id: DelegationId,
    params: { lang?: Language | undefined } = {},
    options?: RequestOptions,
  ): APIPromise<string> {
    return this.transport.call({
      method: 'GET',
      path: path`/v1/calendars/delegations/${`${id}.ics`}`,
      query: params,
      accept: CALENDAR,
      responseKind: 'text',
      options,
    });
  }

  /**
   * Makes a feed token for the caller and answers its subscription URL (`url`, `webcalUrl`),
   * which a calendar app reads without a bearer token. Shown once: keep it as a password.
   */
  createFeed(
    input: CalendarFeedInput = {},
    options?: RequestOptions,
  ): APIPromise<CreatedCalendarFeed> {
    return this.transport.call({
      method: 'POST',
      path: '/v1/calendars/feeds',
      body: input,
      options,
    });
  }

  /** The caller's feeds, newest first, revoked ones included (without their URLs). */
  async listFeeds(options?: RequestOptions): Promise<CalendarFeed[]> {
    const answer = await this.transport.call<{ data: CalendarFeed[] }>({
      method: 'GET',
      path: '/v1/calendars/feeds',
      options,
    });
    return answer.data;
  }

  /** Revokes a feed: its URL answers 404 from then on. */
  revokeFeed(id: string, options?: RequestOptions): APIPromise<void> {
    return this.transport.call({
      method: 'DELETE',
      path: path`/v1/calendars/feeds/${id}`,
      options,
    });
  }
}

/**
 * A delegation's itinerary URL through a staff feed token (no bearer token needed), from the
 * `delegationUrlTemplate` of `calendars.createFeed`.
 */
export function delegationFeedUrl(feed: CreatedCalendarFeed, id: DelegationId): string | undefined {
  return feed.delegationUrlTemplate?.replace('{id}', encodeURIComponent(id));
}

/** /v1/exports and /v1/imports: spreadsheets of students, institutions, agreements, registrations. */
export class Spreadsheets extends Resource {
  /**
   * Every record the list's filters select (all pages) as a CSV or XLSX file, as bytes (CSV is
   * UTF-8 with a BOM: `new TextDecoder().decode(bytes)` drops it). Staff and admins only.
   */
  exportSheet<R extends SheetResource>(
    resource: R,
    format: SheetFormat,
    params: SheetExportParams[R] = {},
    options?: RequestOptions,
  ): APIPromise<Uint8Array> {
    return this.transport.call({
      method: 'GET',
      path: `/v1/exports/${encodeURIComponent(resource)}.${format === 'xlsx' ? 'xlsx' : 'csv'}`,
      query: params,
      accept: format === 'xlsx' ? XLSX : 'text/csv',
      responseKind: 'bytes',
      options,
    });
  }

  /**
   * Imports a sheet: all rows or none. Answers the report (what was created, updated, left
   * unchanged; with `dryRun`, what would be). A sheet with a bad row rejects with
   * `SheetImportRejectedError`, whose `report.errors` lists every problem by row and column.
   */
  importSheet(
    resource: SheetResource,
    file: BinaryBody,
    importOptions: SheetImportOptions = {},
    options?: RequestOptions,
  ): APIPromise<SheetImportReport> {
    const format = importOptions.format ?? (looksLikeZip(file) ? 'xlsx' : 'csv');
    return this.transport.call({
      method: 'POST',
      path: path`/v1/imports/${resource}`,
      query: { dry_run: importOptions.dryRun === true ? 'true' : undefined },
      rawBody: { data: file, contentType: format === 'xlsx' ? XLSX : 'text/csv' },
      options,
    });
  }
}

/** XLSX files are ZIP archives: they start with `PK\x03\x04`. */
function looksLikeZip(file: BinaryBody): boolean {
  const bytes =
    file instanceof Uint8Array ? file : file instanceof ArrayBuffer ? new Uint8Array(file) : null;
  return (
    bytes !== null &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    bytes[2] === 0x03 &&
    bytes[3] === 0x04
  );
}

/** /v1/ewp: agreements as Erasmus Without Paper IIAs (API v7 get-response documents). */
export class Ewp extends Resource {
  /** The agreements (all, or those selected) as an IIAs get-response XML document. */
  exportIias(params: EwpExportParams = {}, options?: RequestOptions): APIPromise<string> {
    return this.transport.call({
      method: 'GET',
      path: '/v1/ewp/iias',
      query: commaLists(params),
      accept: XML,
      responseKind: 'text',
      options,
    });
  }

  /**
   * Imports an IIAs get-response document as agreements, all or nothing. Answers the report per
   * IIA; when one is rejected, nothing is written and the call rejects with
   * `EwpImportRejectedError` (its `report` says why). `dryRun` reports and writes nothing.
   */
  importIias(
    xml: BinaryBody,
    importOptions: { dryRun?: boolean | undefined } = {},
    options?: RequestOptions,
  ): APIPromise<EwpImportReport> {
    return this.transport.call({
      method: 'POST',
      path: '/v1/ewp/iias/import',
      query: { dry_run: importOptions.dryRun === true ? 'true' : undefined },
      rawBody: { data: xml, contentType: XML },
      options,
    });
  }
}

/** /v1/admin: the whole store to one file and back (admins). */
export class Admin extends Resource {
  /**
   * A backup of the whole store: gzip-compressed JSON Lines, as bytes (the same file as
   * `npm run backup`). Recorded in the audit log.
   */
  backup(options?: RequestOptions): APIPromise<Uint8Array> {
    return this.transport.call({
      method: 'GET',
      path: '/v1/admin/backup',
      accept: 'application/gzip',
      responseKind: 'bytes',
      // A backup can take a while to stream; a retry would start it again.
      options: { maxRetries: 0, ...options },
    });
  }

  /**
   * Restores a backup into an empty store (409 otherwise). Send the gzip file as it came, or
   * plain JSON Lines with `{ contentType: 'application/jsonl' }`. Afterwards the tokens are
   * the backup's.
   */
  restore(
    file: BinaryBody,
    restoreOptions: { contentType?: 'application/gzip' | 'application/jsonl' } = {},
    options?: RequestOptions,
  ): APIPromise<RestoreResult> {
    return this.transport.call({
      method: 'POST',
      path: '/v1/admin/restore',
      rawBody: { data: file, contentType: restoreOptions.contentType ?? 'application/gzip' },
      options,
    });
  }
}

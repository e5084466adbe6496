/** Read-only views over the whole office: alerts, the year-end review, the audit log. */
import type { Language, YearEndReview } from '@passerelle/core';
import type { APIPromise } from '../api-promise';
import type { RequestOptions } from '../options';
import type { PagePromise } from '../pagination';
import { path } from '../transport';
import type {
  AlertParams,
  AlertReport,
  AuditEntry,
  AuditListParams,
  YearEndLink,
  YearEndLinkInput,
} from '../types';
import { one } from '../validation';
import { Resource } from './resource';

/** GET /v1/alerts */
export class Alerts extends Resource {
  /** Documents (rule 4) and agreements (rule 5) that need attention at a date. */
  list(params?: AlertParams, options?: RequestOptions): APIPromise<AlertReport> {
    return this.transport.call({ method: 'GET', path: '/v1/alerts', query: params, options });
  }
}

/** /v1/reports */
export class Reports extends Resource {
  /** The year-end review: each figure of the year beside the previous year's. */
  yearEnd(year: number, options?: RequestOptions): APIPromise<YearEndReview> {
    return this.transport.call({
      method: 'GET',
      path: path`/v1/reports/year-end/${year}`,
      options,
      shape: one('YearEndReview'),
    });
  }

  /**
   * The year-end review as a document a person reads: Markdown, or one printable,
   * self-contained HTML page with charts, in English, Chinese or French (default en).
   */
  yearEndDocument(
    year: number,
    params: { format: 'markdown' | 'html'; lang?: Language | undefined },
    options?: RequestOptions,
  ): APIPromise<string> {
    return this.transport.call({
      method: 'GET',
      path: path`/v1/reports/year-end/${year}`,
      query: { format: params.format, lang: params.lang },
      accept: params.format === 'html' ? 'text/html' : 'text/markdown',
      responseKind: 'text',
      options,
    });
  }

  /**
   * A signed, read-only link to one year-end document (default: HTML in English) that a
   * browser opens without a token until `expiresAt` (24 hours unless asked shorter or the API
   * is configured otherwise). Anyone holding it can read the report: share it as you would the
   * report. Staff and admins, or a service acting for one.
   */
  yearEndLink(
    year: number,
    input: YearEndLinkInput = {},
    options?: RequestOptions,
  ): APIPromise<YearEndLink> {
    return this.transport.call({
      method: 'POST',
      path: path`/v1/reports/year-end/${year}/links`,
      body: input,
      options,
    });
  }
}

/** GET /v1/audit (admins) */
export class Audit extends Resource {
  /** Entries newest first: who did what, for whom, when, versions before and after. */
  list(params?: AuditListParams, options?: RequestOptions): PagePromise<AuditEntry> {
    return this.transport.list({ method: 'GET', path: '/v1/audit', query: params, options });
  }
}

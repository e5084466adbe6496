/**
 * The year-end review as a document a person reads: Markdown, or one printable HTML page with
 * charts, in English, Chinese or French. `GET /v1/reports/year-end/{year}` serves it beside
 * the JSON review.
 */
import type { Language } from '@passerelle/core';
import { renderYearEndHtml, YEAR_END_HTML_CSP } from './html';
import { renderYearEndMarkdown } from './markdown';
import type { YearEndDocument } from './model';
import { type DocumentFormat, mediaTypes } from './negotiate';

export { delegationsByMonth, type MonthDelegations, type YearEndDocument } from './model';
export {
  chooseFormat,
  chooseLanguage,
  type DocumentFormat,
  documentFormats,
  mediaTypes,
} from './negotiate';
export { renderYearEndHtml, renderYearEndMarkdown, YEAR_END_HTML_CSP };

/** The headers every format of the document varies on. */
export const VARY = 'Accept, Accept-Language';

export interface RenderedDocument {
  body: string;
  headers: Record<string, string>;
}

/** The document in Markdown or HTML with its response headers. */
export function renderYearEndDocument(
  format: Exclude<DocumentFormat, 'json'>,
  document: YearEndDocument,
  language: Language,
): RenderedDocument {
  const headers: Record<string, string> = {
    'Content-Type': `${mediaTypes[format]}; charset=utf-8`,
    'Content-Language': language,
    Vary: VARY,
    'X-Content-Type-Options': 'nosniff',
  };
  if (format === 'markdown') return { body: renderYearEndMarkdown(document, language), headers };
  return {
    body: renderYearEndHtml(document, language),
    headers: { ...headers, 'Content-Security-Policy': YEAR_END_HTML_CSP },
  };
}

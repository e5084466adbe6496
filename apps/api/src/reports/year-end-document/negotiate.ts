/**
 * Which format and language a request for the year-end document asks for: `?format=` and
 * `?lang=` first, then the Accept and Accept-Language headers (RFC 9110 §12.5), then JSON and
 * English. A header that names nothing we serve is disregarded, as RFC 9110 allows, rather
 * than refused.
 */
import type { Language } from '@passerelle/core';

export const documentFormats = ['json', 'markdown', 'html'] as const;
export type DocumentFormat = (typeof documentFormats)[number];

export const mediaTypes: Readonly<Record<DocumentFormat, string>> = {
  json: 'application/json',
  markdown: 'text/markdown',
  html: 'text/html',
};

/** Who wins a tie: JSON for any type at all, HTML for any text type. */
const tieOrder: readonly DocumentFormat[] = ['json', 'html', 'markdown'];

const documentLanguages: readonly Language[] = ['en', 'zh', 'fr'];

interface Preference {
  value: string;
  q: number;
  /** Its place in the header: earlier wins a tie. */
  order: number;
}

/** `a/b;q=0.5, c` → its entries with their weights (1 unless given; 0 means "not this"). */
export function parsePreferences(header: string | undefined): Preference[] {
  if (header === undefined) return [];
  return header
    .split(',')
    .map((part, order) => {
      const [value = '', ...parameters] = part.split(';').map((piece) => piece.trim());
      let q = 1;
      for (const parameter of parameters) {
        const match = /^q\s*=\s*([01](?:\.\d{0,3})?)$/i.exec(parameter);
        if (match?.[1] !== undefined) q = Number(match[1]);
      }
      return { value: value.toLowerCase(), q: Math.min(1, q), order };
    })
    .filter((preference) => preference.value !== '');
}

/** The weight an Accept header gives a media type: its most specific matching range's. */
function acceptance(preferences: readonly Preference[], mediaType: string) {
  const [type] = mediaType.split('/');
  let best: { q: number; specificity: number; order: number } | undefined;
  for (const preference of preferences) {
    const specificity =
      preference.value === mediaType
        ? 3
        : preference.value === `${type}/*`
          ? 2
          : preference.value === '*/*'
            ? 1
            : 0;
    if (specificity === 0) continue;
    if (best === undefined || specificity > best.specificity) {
      best = { q: preference.q, specificity, order: preference.order };
    }
  }
  return best;
}

/** `?format=` when given; otherwise the format the Accept header prefers; JSON by default. */
export function chooseFormat(
  query: DocumentFormat | undefined,
  accept: string | undefined,
): DocumentFormat {
  if (query !== undefined) return query;
  const preferences = parsePreferences(accept);
  let chosen: { format: DocumentFormat; q: number; specificity: number; order: number } | undefined;
  for (const format of tieOrder) {
    const match = acceptance(preferences, mediaTypes[format]);
    if (match === undefined || match.q === 0) continue;
    const better =
      chosen === undefined ||
      match.q > chosen.q ||
      (match.q === chosen.q && match.specificity > chosen.specificity) ||
      (match.q === chosen.q &&
        match.specificity === chosen.specificity &&
        match.order < chosen.order);
    if (better) chosen = { format, ...match };
  }
  return chosen?.format ?? 'json';
}

/** `?lang=` when given; otherwise the first of en, zh, fr Accept-Language prefers; English by default. */
export function chooseLanguage(
  query: Language | undefined,
  acceptLanguage: string | undefined,
): Language {
  if (query !== undefined) return query;
  const ranked = parsePreferences(acceptLanguage)
    .filter((preference) => preference.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const preference of ranked) {
    if (preference.value === '*') return 'en';
    const primary = preference.value.split('-')[0];
    const language = documentLanguages.find((candidate) => candidate === primary);
    if (language !== undefined) return language;
  }
  return 'en';
}

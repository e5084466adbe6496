/** How the engine writes dates, times, lists and changes in each language. */
import { type CalendarDate, type CountryCode, countryName, type Language } from '@passerelle/core';

const LOCALES: Record<Language, string> = { en: 'en-GB', zh: 'zh-CN', fr: 'fr-FR' };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: Language, timeZone: string, options: Intl.DateTimeFormatOptions) {
  const key = `${language}|${timeZone}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(LOCALES[language], { timeZone, ...options });
    formatters.set(key, format);
  }
  return format;
}

/** "Thu 20 Nov 2025" / "2025年11月20日周四" / "jeu. 20 nov. 2025": a calendar date. */
export function formatDate(date: CalendarDate, language: Language): string {
  // Noon UTC is the same calendar day in every zone the formatter is told to use (UTC).
  const instant = new Date(`${date}T12:00:00Z`);
  return withoutWeekdayComma(
    formatter(language, 'UTC', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
    }).format(instant),
  );
}

/** "Tue, 28 Jul 2026" → "Tue 28 Jul 2026": the comma English puts after a short weekday. */
function withoutWeekdayComma(value: string): string {
  return value.replace(/^([A-Z][a-z]{2}),/u, '$1');
}

/** A date range: one date when both ends are the same day. */
export function formatDateRange(from: CalendarDate, to: CalendarDate, language: Language): string {
  if (from === to) return formatDate(from, language);
  const separator = language === 'zh' ? '至' : '–';
  return `${formatDate(from, language)} ${separator} ${formatDate(to, language)}`;
}

/** "Thu 20 Nov, 19:00" in a time zone (the asker's, or an itinerary item's own). */
export function formatDateTime(instant: string | Date, timeZone: string, language: Language) {
  const value = formatter(language, timeZone, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
  return withoutWeekdayComma(value);
}

/** "19:00" in a time zone. */
export function formatTime(instant: string | Date, timeZone: string, language: Language) {
  return formatter(language, timeZone, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
}

/** A span of time: "Thu 20 Nov, 19:00–21:00" (the end's date when it is another day). */
export function formatSpan(
  start: string,
  end: string,
  timeZone: string,
  language: Language,
): string {
  const sameDay =
    formatter(language, timeZone, { year: 'numeric', month: 'numeric', day: 'numeric' }).format(
      new Date(start),
    ) ===
    formatter(language, timeZone, { year: 'numeric', month: 'numeric', day: 'numeric' }).format(
      new Date(end),
    );
  const tail = sameDay
    ? formatTime(end, timeZone, language)
    : formatDateTime(end, timeZone, language);
  return `${formatDateTime(start, timeZone, language)}–${tail}`;
}

/**
 * One Intl formatter per language and kind, made on first use: making one costs 10 to 20 µs
 * (as much as formatting a few hundred values with it), and a year-end answer formats dozens
 * of numbers.
 */
function perLanguage<T>(make: (locale: string) => T): (language: Language) => T {
  const made = new Map<Language, T>();
  return (language) => {
    let value = made.get(language);
    if (value === undefined) {
      value = make(LOCALES[language]);
      made.set(language, value);
    }
    return value;
  };
}

const listFormat = perLanguage(
  (locale) => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }),
);
const numberFormat = perLanguage((locale) => new Intl.NumberFormat(locale));
const percentFormat = perLanguage(
  (locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }),
);

/** A list in the language's way: "a, b and c" / "a、b和c" / "a, b et c". */
export function formatList(items: readonly string[], language: Language): string {
  return listFormat(language).format(items);
}

/** A whole number with the language's grouping. */
export function formatNumber(value: number, language: Language): string {
  return numberFormat(language).format(value);
}

/** "+5, +12.5%", "−3, −10%", "0": a year-on-year change. */
export function formatChange(
  change: number,
  changePercent: number | null,
  language: Language,
): string {
  const sign = change > 0 ? '+' : change < 0 ? '−' : '';
  const absolute = `${sign}${formatNumber(Math.abs(change), language)}`;
  if (changePercent === null || change === 0) return absolute;
  const percentSign = changePercent > 0 ? '+' : changePercent < 0 ? '−' : '';
  const percent = percentFormat(language).format(Math.abs(changePercent));
  return `${absolute}, ${percentSign}${percent}%`;
}

/** Text in several languages, as core's `LocalizedText` or a looser record of it. */
export type AnyText = { en?: string | undefined; zh?: string | undefined; fr?: string | undefined };

const fallbackOrder: Record<Language, readonly Language[]> = {
  en: ['en', 'fr', 'zh'],
  fr: ['fr', 'en', 'zh'],
  zh: ['zh', 'en', 'fr'],
};

/** The text in the wanted language, or the closest one present (as core's `pickText`). */
export function text(value: AnyText, language: Language): string {
  for (const candidate of fallbackOrder[language]) {
    const found = value[candidate];
    if (found !== undefined) return found;
  }
  return '';
}

export function country(code: CountryCode, language: Language): string {
  return countryName(code, language);
}

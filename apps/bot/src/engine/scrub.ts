/**
 * The last line of defence: whatever a reply holds, nothing that looks like a passport, visa
 * or residence-permit number leaves the engine. The API never gives the bot those numbers;
 * this catches one that slipped into free text (an article, a note, a title).
 */

/** What replaces a scrubbed number. */
export const REDACTED = '[redacted]';

const PATTERNS: readonly RegExp[] = [
  // A number right after the name of a document: "passport no. 123…", "护照号码：E123…".
  /((?:passport|passeport|visa|permit|titre de s[ée]jour|residence card|carte de s[ée]jour)\s*(?:no\.?|n°|num(?:ber|éro)?|#)\s*[:：]?\s*)[A-Z0-9][A-Z0-9-]{4,}/giu,
  /((?:护照|签证|居留许可|居留证)(?:号码|号|编号)\s*[:：为是]?\s*)[A-Za-z0-9][A-Za-z0-9-]{4,}/gu,
  // Document-number shapes: one or two capitals then 6 to 9 digits (P99887766, E12345678).
  /(?<![\p{L}\p{N}_-])[A-Z]{1,2}\d{6,9}(?![\p{L}\p{N}_-])/gu,
  // Mixed letters and digits with at least five digits, as many passports are (19FR45821).
  /(?<![\p{L}\p{N}_-])(?=[A-Z0-9]*[A-Z])(?=(?:[A-Z]*\d){5})[A-Z0-9]{7,12}(?![\p{L}\p{N}_-])/gu,
  // Nine or more digits in a row, which no figure the bot shows has.
  /(?<![\p{L}\p{N}_.-])\d{9,}(?![\p{L}\p{N}_.-])/gu,
];

/** The text with every document-number-like string replaced by `[redacted]`. */
export function scrub(text: string): string {
  let out = text;
  for (const pattern of PATTERNS) {
    // With a label group, the label stays; otherwise the second argument is the offset.
    out = out.replace(pattern, (_match: string, label: unknown) =>
      typeof label === 'string' ? `${label}${REDACTED}` : REDACTED,
    );
  }
  return out;
}

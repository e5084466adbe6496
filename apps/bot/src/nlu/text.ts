/**
 * Text helpers shared by every part of the understanding layer: one folding of the text
 * (case, accents, full-width forms, apostrophes) and one tokenizer, so that a phrase in a
 * lexicon and the same phrase in a message always compare equal.
 */

/** Letters of alphabetic scripts and digits; Han characters are deliberately left out. */
export const WORD_CHAR = '[\\p{Script=Latin}\\p{Script=Greek}\\p{Script=Cyrillic}\\p{N}]';
const HAN_GLOBAL_RE = /\p{Script=Han}/gu;
const MARKS_RE = /\p{M}/gu;
const APOSTROPHES_RE = /[\u2018\u2019\u02bc\u0060\u00b4\u2032]/g;
const DASHES_RE = /[\u2010-\u2015\u2212]/g;
const SPACES_RE = /\s+/g;
const TOKEN_RE = new RegExp(`${WORD_CHAR}+(?:-${WORD_CHAR}+)*`, 'gu');

/**
 * NFKC (full-width letters and digits become ASCII), typographic apostrophes and dashes made
 * plain, runs of white space made one space. Case and accents are kept.
 */
export function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .replace(APOSTROPHES_RE, "'")
    .replace(DASHES_RE, '-')
    .replace(SPACES_RE, ' ')
    .trim();
}

/** `normalize`, then lower case without accents: "École  Polytechnique" → "ecole polytechnique". */
export function fold(text: string): string {
  return normalize(text)
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(MARKS_RE, '')
    .normalize('NFC');
}

export interface Token {
  /** The folded word, hyphens kept inside it ("sino-french"). */
  text: string;
  /** Offset in the folded text. */
  start: number;
  end: number;
}

/**
 * The words of an already folded text. Apostrophes split words ("d'ete" → "d", "ete"),
 * hyphens do not ("sino-french"), Han characters are not words here (see `hanRuns`).
 */
export function tokenize(folded: string): Token[] {
  const tokens: Token[] = [];
  for (const match of folded.matchAll(TOKEN_RE)) {
    tokens.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/** The words of a phrase, as `tokenize` would cut them, hyphenated words also split. */
export function phraseVariants(phrase: string): string[][] {
  const words = tokenize(fold(phrase)).map((token) => token.text);
  if (words.length === 0) return [];
  const split = words.flatMap((word) => word.split('-'));
  return split.length === words.length ? [words] : [words, split];
}

export function countHan(text: string): number {
  return text.match(HAN_GLOBAL_RE)?.length ?? 0;
}

/**
 * A regular expression over folded text: `latin` alternatives must stand as whole words (they
 * may hold regular-expression syntax and are written folded: lower case, no accents), `han`
 * alternatives match anywhere, since Chinese has no spaces between words.
 */
export function cue(latin: readonly string[], han: readonly string[] = []): RegExp {
  const parts: string[] = [];
  if (latin.length > 0) {
    parts.push(`(?<!${WORD_CHAR})(?:${latin.join('|')})(?!${WORD_CHAR})`);
  }
  if (han.length > 0) parts.push(`(?:${han.join('|')})`);
  return new RegExp(parts.length > 0 ? parts.join('|') : '(?!)', 'u');
}

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions), capped. */
export function editDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const width = b.length + 1;
  let previous2 = new Array<number>(width).fill(0);
  let previous = Array.from({ length: width }, (_, j) => j);
  let current = new Array<number>(width).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      ) {
        value = Math.min(value, (previous2[j - 2] ?? 0) + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [previous2, previous, current] = [previous, current, previous2];
  }
  return previous[b.length] ?? max + 1;
}

/** Typos tolerated in a word: none under 5 letters, one from 5, two from 9. */
export function typoBudget(word: string): number {
  if (word.length >= 9) return 2;
  if (word.length >= 5) return 1;
  return 0;
}

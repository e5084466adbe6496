/**
 * Words for months and small numbers in English, French and Chinese, folded (lower case, no
 * accents), shared by the date, year and delegation extractors.
 */

/** Month names and abbreviations → month number (1-12). */
export const MONTHS: ReadonlyMap<string, number> = new Map([
  ['january', 1],
  ['jan', 1],
  ['february', 2],
  ['feb', 2],
  ['march', 3],
  ['mar', 3],
  ['april', 4],
  ['apr', 4],
  ['may', 5],
  ['june', 6],
  ['jun', 6],
  ['july', 7],
  ['jul', 7],
  ['august', 8],
  ['aug', 8],
  ['september', 9],
  ['sept', 9],
  ['sep', 9],
  ['october', 10],
  ['oct', 10],
  ['november', 11],
  ['nov', 11],
  ['december', 12],
  ['dec', 12],
  ['janvier', 1],
  ['janv', 1],
  ['fevrier', 2],
  ['fevr', 2],
  ['mars', 3],
  ['avril', 4],
  ['avr', 4],
  ['mai', 5],
  ['juin', 6],
  ['juillet', 7],
  ['juil', 7],
  ['aout', 8],
  ['septembre', 9],
  ['octobre', 10],
  ['novembre', 11],
  ['decembre', 12],
]);

/**
 * Month words that are also everyday words ("may I", "march", "mar" in French, "sept" = 7):
 * they count as months only next to a day or a year, or after "in"/"en"/"of".
 */
export const AMBIGUOUS_MONTHS: ReadonlySet<string> = new Set([
  'may',
  'march',
  'mar',
  'jan',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'feb',
  'apr',
  'avr',
  'janv',
  'fevr',
  'juil',
]);

/** Regular-expression alternatives for every month word, longest first. */
export const MONTH_PATTERN = [...MONTHS.keys()].sort((a, b) => b.length - a.length).join('|');

const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['a', 1],
  ['an', 1],
  ['one', 1],
  ['two', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
  ['six', 6],
  ['seven', 7],
  ['eight', 8],
  ['nine', 9],
  ['ten', 10],
  ['eleven', 11],
  ['twelve', 12],
  ['eighteen', 18],
  ['twenty', 20],
  ['thirty', 30],
  ['un', 1],
  ['une', 1],
  ['deux', 2],
  ['trois', 3],
  ['quatre', 4],
  ['cinq', 5],
  ['sept', 7],
  ['huit', 8],
  ['neuf', 9],
  ['dix', 10],
  ['onze', 11],
  ['douze', 12],
  ['quinze', 15],
  ['vingt', 20],
  ['trente', 30],
]);

/** Regular-expression alternatives for a count: digits or a number word. */
export const COUNT_PATTERN = `\\d{1,3}|${[...NUMBER_WORDS.keys()].sort((a, b) => b.length - a.length).join('|')}`;

const HAN_DIGITS: ReadonlyMap<string, number> = new Map([
  ['零', 0],
  ['〇', 0],
  ['一', 1],
  ['二', 2],
  ['两', 2],
  ['三', 3],
  ['四', 4],
  ['五', 5],
  ['六', 6],
  ['七', 7],
  ['八', 8],
  ['九', 9],
]);

/** Regular-expression character class for a Chinese count: digits or 一…九十. */
export const HAN_COUNT_PATTERN = '\\d{1,3}|[零〇一二两三四五六七八九十]{1,3}';

/** "12", "six", "deux", "十二", "两" → a number; undefined when it is none of these. */
export function parseCount(word: string): number | undefined {
  if (/^\d+$/.test(word)) return Number(word);
  const named = NUMBER_WORDS.get(word);
  if (named !== undefined) return named;
  return parseHanNumber(word);
}

/** Chinese numerals up to 99: 三, 十, 十二, 二十, 二十五. */
export function parseHanNumber(word: string): number | undefined {
  if (word.length === 0) return undefined;
  const ten = word.indexOf('十');
  if (ten === -1) {
    if (word.length !== 1) return undefined;
    return HAN_DIGITS.get(word);
  }
  const before = word.slice(0, ten);
  const after = word.slice(ten + 1);
  const tens = before === '' ? 1 : HAN_DIGITS.get(before);
  const units = after === '' ? 0 : HAN_DIGITS.get(after);
  if (tens === undefined || units === undefined || after.length > 1 || before.length > 1) {
    return undefined;
  }
  return tens * 10 + units;
}

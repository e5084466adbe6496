/**
 * "The second one", "第二个", "le deuxième", "#2", "the last one": a position in the last list
 * the bot showed. Returns a 0-based index, or -1 for "the last one"; undefined when none.
 */
import { fold, parseHanNumber } from '../nlu';

const WORDS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  premier: 1,
  premiere: 1,
  deuxieme: 2,
  seconde: 2,
  troisieme: 3,
  quatrieme: 4,
  cinquieme: 5,
  sixieme: 6,
  septieme: 7,
  huitieme: 8,
  neuvieme: 9,
  dixieme: 10,
};

const LAST = /\b(?:last|dernier|derniere)\b|最后一/u;
const WORD_RE = new RegExp(`\\b(${Object.keys(WORDS).join('|')})\\b`, 'u');
const DIGIT_RE =
  /(?:#|\bno\.?\s*|\bnumber\s+|\bnumero\s+|\bn°\s*)(\d{1,2})\b|\b(\d{1,2})(?:st|nd|rd|th|e|er|ere|eme)\b/u;
const HAN_RE = /第\s*([一二两三四五六七八九十\d]{1,3})\s*(?:个|场|项|条|次|位|项活动|个活动)?/u;
/** A bare number as the whole message: "2", "2." or "2!" after a list. */
const BARE_RE = /^\s*(\d{1,2})\s*[.!)]?\s*$/u;

export function ordinalIn(text: string): number | undefined {
  const folded = fold(text);
  const han = HAN_RE.exec(text);
  if (han?.[1] !== undefined) {
    const value = /^\d+$/.test(han[1]) ? Number(han[1]) : parseHanNumber(han[1]);
    if (value !== undefined && value >= 1) return value - 1;
  }
  const word = WORD_RE.exec(folded);
  if (word?.[1] !== undefined) {
    const value = WORDS[word[1]];
    if (value !== undefined) return value - 1;
  }
  const digits = DIGIT_RE.exec(folded);
  const number = digits?.[1] ?? digits?.[2] ?? BARE_RE.exec(folded)?.[1];
  if (number !== undefined && Number(number) >= 1) return Number(number) - 1;
  if (LAST.test(folded)) return -1;
  return undefined;
}

import { fold, phraseVariants, tokenize } from './text';

/** One phrase found in a text, with the value the lexicon gives it. */
export interface PhraseHit<T> {
  value: T;
  /** The phrase as found in the folded text. */
  matched: string;
  /** Offset in the folded text, to tell which mention comes first. */
  start: number;
}

export interface PhraseMatcher<T> {
  /** Every phrase in the text, longest first where two overlap, in text order. */
  find(text: string): PhraseHit<T>[];
  /** As `find`, for a text already passed through `fold`. */
  findFolded(folded: string): PhraseHit<T>[];
}

interface LatinEntry<T> {
  words: string[];
  value: T;
}

/**
 * An exact phrase lexicon. Latin phrases match whole words only (so "fr" never matches
 * inside "from"); Han phrases match as substrings, longest first.
 */
export function createPhraseMatcher<T>(entries: Iterable<readonly [string, T]>): PhraseMatcher<T> {
  const latin = new Map<string, LatinEntry<T>[]>();
  const han = new Map<string, Array<{ phrase: string; value: T }>>();
  for (const [phrase, value] of entries) {
    const folded = fold(phrase);
    if (folded.length === 0) continue;
    if (/\p{Script=Han}/u.test(folded)) {
      const first = folded.charAt(0);
      const list = han.get(first) ?? [];
      if (!list.some((entry) => entry.phrase === folded)) list.push({ phrase: folded, value });
      han.set(first, list);
      continue;
    }
    for (const words of phraseVariants(phrase)) {
      const head = words[0];
      if (head === undefined) continue;
      const list = latin.get(head) ?? [];
      if (!list.some((entry) => entry.words.join(' ') === words.join(' '))) {
        list.push({ words, value });
      }
      latin.set(head, list);
    }
  }
  for (const list of latin.values()) list.sort((a, b) => b.words.length - a.words.length);
  for (const list of han.values()) list.sort((a, b) => b.phrase.length - a.phrase.length);

  function findFolded(folded: string): PhraseHit<T>[] {
    const hits: PhraseHit<T>[] = [];
    const tokens = tokenize(folded);
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (token === undefined) continue;
      const candidates = latin.get(token.text);
      if (candidates === undefined) continue;
      for (const candidate of candidates) {
        if (candidate.words.every((word, k) => tokens[i + k]?.text === word)) {
          const last = tokens[i + candidate.words.length - 1] ?? token;
          hits.push({
            value: candidate.value,
            matched: folded.slice(token.start, last.end),
            start: token.start,
          });
          i += candidate.words.length - 1;
          break;
        }
      }
    }
    if (han.size > 0) {
      for (let i = 0; i < folded.length; i++) {
        const candidates = han.get(folded.charAt(i));
        if (candidates === undefined) continue;
        for (const candidate of candidates) {
          if (folded.startsWith(candidate.phrase, i)) {
            hits.push({ value: candidate.value, matched: candidate.phrase, start: i });
            i += candidate.phrase.length - 1;
            break;
          }
        }
      }
    }
    return hits.sort((a, b) => a.start - b.start);
  }

  return { find: (text) => findFolded(fold(text)), findFolded };
}

/** The distinct values of hits, in order of first mention. */
export function distinctValues<T>(hits: readonly PhraseHit<T>[]): T[] {
  const out: T[] = [];
  for (const hit of hits) if (!out.includes(hit.value)) out.push(hit.value);
  return out;
}

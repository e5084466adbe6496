import { editDistance, fold, normalize, tokenize, typoBudget } from './text';

/** What the matcher needs of an event: its id and its title in one or more languages. */
export interface TitledItem {
  id: string;
  title: string | { en?: string | undefined; zh?: string | undefined; fr?: string | undefined };
}

export interface TitleMatch {
  id: string;
  /** Share of the title's weight the message covers, 0 to 1. */
  score: number;
}

export interface TitleMatcher {
  /** Events whose titles a message refers to, best first. */
  match(text: string): TitleMatch[];
}

const STOP_WORDS = new Set(
  `a an the of and or for to in on at with by from de des du la le les l d et en au aux pour avec
  sur un une my me please event events evenement evenements activity activite 2024 2025 2026`.split(
    /\s+/,
  ),
);
const HAN_STOP = new Set([...'的与和及在之了']);

interface LatinTitle {
  id: string;
  words: string[];
}

interface HanTitle {
  id: string;
  chars: Set<string>;
  bigrams: Set<string>;
}

function contentWords(text: string): string[] {
  return tokenize(fold(text))
    .flatMap((token) => token.text.split('-'))
    .filter((word) => word.length >= 2 && !STOP_WORDS.has(word));
}

function hanChars(text: string): string[] {
  return [...fold(normalize(text))].filter(
    (char) => /\p{Script=Han}/u.test(char) && !HAN_STOP.has(char),
  );
}

function bigrams(chars: string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i]}${chars[i + 1]}`);
  return out;
}

/**
 * Matches messages against event titles known at run time ("register me for the
 * Sino-French salon" → the "Sino-French Cultural Salon"). Latin words are weighted by how
 * few titles share them and tolerate one typo from 5 letters; Chinese titles are compared
 * by the characters and character pairs they share with the message.
 */
export function createTitleMatcher(items: readonly TitledItem[]): TitleMatcher {
  const latin: LatinTitle[] = [];
  const han: HanTitle[] = [];
  for (const item of items) {
    const titles =
      typeof item.title === 'string'
        ? [item.title]
        : [item.title.en, item.title.fr, item.title.zh].filter(
            (title): title is string => title !== undefined,
          );
    for (const title of titles) {
      const words = contentWords(title);
      if (words.length > 0) latin.push({ id: item.id, words: [...new Set(words)] });
      const chars = hanChars(title);
      if (chars.length >= 2)
        han.push({ id: item.id, chars: new Set(chars), bigrams: bigrams(chars) });
    }
  }
  const frequency = new Map<string, Set<string>>();
  for (const title of latin) {
    for (const word of title.words)
      frequency.set(word, (frequency.get(word) ?? new Set()).add(title.id));
  }
  const weight = (word: string) => 1 / Math.sqrt(frequency.get(word)?.size ?? 1);
  const vocabulary = [...frequency.keys()];
  const charFrequency = new Map<string, Set<string>>();
  for (const title of han) {
    for (const char of title.chars)
      charFrequency.set(char, (charFrequency.get(char) ?? new Set()).add(title.id));
  }
  const charWeight = (char: string) => 1 / Math.sqrt(charFrequency.get(char)?.size ?? 1);

  return {
    match(text: string): TitleMatch[] {
      const best = new Map<string, number>();
      const offer = (id: string, score: number) => {
        if (score > (best.get(id) ?? 0)) best.set(id, Math.round(score * 1000) / 1000);
      };
      const words = new Set(contentWords(text));
      const present = new Set<string>();
      for (const word of words) {
        if (frequency.has(word)) {
          present.add(word);
          continue;
        }
        const budget = typoBudget(word);
        if (budget === 0) continue;
        for (const candidate of vocabulary) {
          if (editDistance(word, candidate, budget) <= Math.min(budget, typoBudget(candidate))) {
            present.add(candidate);
          }
        }
      }
      for (const title of latin) {
        let total = 0;
        let found = 0;
        let strong = false;
        for (const word of title.words) {
          const w = weight(word);
          total += w;
          if (present.has(word)) {
            found += w;
            if (word.length >= 4) strong = true;
          }
        }
        const score = found / total;
        if (strong && score >= 0.3) offer(title.id, score);
      }
      const chars = hanChars(text);
      if (chars.length >= 2) {
        const charSet = new Set(chars);
        const pairs = bigrams(chars);
        for (const title of han) {
          let total = 0;
          let found = 0;
          for (const char of title.chars) {
            const w = charWeight(char);
            total += w;
            if (charSet.has(char)) found += w;
          }
          let sharedPairs = 0;
          for (const pair of title.bigrams) if (pairs.has(pair)) sharedPairs += 1;
          if (sharedPairs === 0) continue;
          const score =
            0.5 * (found / total) + 0.5 * (sharedPairs / Math.max(1, title.bigrams.size));
          if (score >= 0.3) offer(title.id, score);
        }
      }
      return [...best.entries()]
        .map(([id, score]) => ({ id, score }))
        .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    },
  };
}

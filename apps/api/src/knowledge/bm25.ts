/**
 * An in-memory BM25 index over inverted postings: for each term, the documents holding it and
 * how often, in document order. A search walks only the postings of the question's terms, so
 * its cost follows how many documents hold those terms, not how many documents there are.
 *
 * Fields are weighted by repeating them (title × 3, tags × 2, body × 1 by default): a term's
 * frequency and a document's length are the weighted sums over its fields. Scores are BM25
 * with k1 = 1.2 and b = 0.75:
 *
 *   score(d, q) = Σ_t w_t · idf(t) · tf(t, d) · (k1 + 1) / (tf(t, d) + k1 · (1 − b + b · |d| / avg|d|))
 *   idf(t) = ln(1 + (N − df(t) + 0.5) / (df(t) + 0.5))
 *
 * Beside the score, each match has its coverage: the idf-weighted share of the question's words
 * that the document holds (a Chinese word counts as held when the document holds it, or all of
 * its bigrams), which says whether the document answers the question or only shares a word.
 */
import { type Analysis, analyze, hanBigrams } from './tokenizer';

export const K1 = 1.2;
export const B = 0.75;

/** How much a field counts: a term of the title counts as three of the body. */
export const fieldWeights = { title: 3, tags: 2, body: 1 } as const;
export type Field = keyof typeof fieldWeights;

/** How much a bigram term counts beside a word term in a score. */
export const BIGRAM_WEIGHT = 0.5;

interface Postings {
  /** Document slots, increasing. */
  docs: number[];
  /** Weighted term frequency in each of those documents. */
  tfs: number[];
}

interface Slot<T> {
  key: string;
  /** What the caller stored with the document (an article). */
  payload: T;
  /** The document's distinct terms (to remove it) and their weighted frequencies. */
  terms: string[];
  tfs: number[];
  length: number;
}

/** A question, analysed once: its scored terms and the words whose coverage is measured. */
export interface Query {
  /** Distinct terms with their weight in the score (bigrams count `BIGRAM_WEIGHT`). */
  terms: { term: string; weight: number }[];
  /** Distinct words of the question; `bigrams` are a Chinese word's bigram terms. */
  words: { term: string; bigrams: string[] }[];
}

/** Turns a question into a `Query`; empty when it holds only stop words. */
export function parseQuery(text: string): Query {
  const analysis: Analysis = analyze(text);
  const terms = new Map<string, number>();
  for (const word of analysis.words) terms.set(word, 1);
  for (const bigram of analysis.bigrams) if (!terms.has(bigram)) terms.set(bigram, BIGRAM_WEIGHT);
  const words = [...new Set(analysis.words)].map((term) => ({ term, bigrams: hanBigrams(term) }));
  return { terms: [...terms].map(([term, weight]) => ({ term, weight })), words };
}

/** A document of the index that matched a query. */
export interface Match<T> {
  key: string;
  payload: T;
  score: number;
  /** 0 to 1: the idf-weighted share of the question's words the document holds. */
  coverage: number;
}

export class Bm25Index<T> {
  readonly #slots: (Slot<T> | undefined)[] = [];
  readonly #byKey = new Map<string, number>();
  readonly #postings = new Map<string, Postings>();
  #totalLength = 0;

  /** How many documents the index holds. */
  get size(): number {
    return this.#byKey.size;
  }

  has(key: string): boolean {
    return this.#byKey.has(key);
  }

  /** Adds a document, or replaces the one with this key; `payload` comes back with its matches. */
  set(key: string, fields: Readonly<Record<Field, string>>, payload: T): void {
    this.delete(key);
    const counts = new Map<string, number>();
    let length = 0;
    for (const field of Object.keys(fieldWeights) as Field[]) {
      const weight = fieldWeights[field];
      const { words, bigrams } = analyze(fields[field]);
      for (const term of [...words, ...bigrams]) {
        counts.set(term, (counts.get(term) ?? 0) + weight);
        length += weight;
      }
    }
    const slot = this.#slots.length;
    const terms = [...counts.keys()];
    const tfs = [...counts.values()];
    this.#slots.push({ key, payload, terms, tfs, length });
    this.#byKey.set(key, slot);
    this.#totalLength += length;
    terms.forEach((term, index) => {
      let postings = this.#postings.get(term);
      if (postings === undefined) {
        postings = { docs: [], tfs: [] };
        this.#postings.set(term, postings);
      }
      // Slots only grow, so appending keeps every postings list in slot order.
      postings.docs.push(slot);
      postings.tfs.push(tfs[index] ?? 0);
    });
  }

  /** Removes a document; false when there was none with this key. */
  delete(key: string): boolean {
    const slot = this.#byKey.get(key);
    if (slot === undefined) return false;
    const doc = this.#slots[slot];
    this.#byKey.delete(key);
    this.#slots[slot] = undefined;
    if (doc === undefined) return true;
    this.#totalLength -= doc.length;
    for (const term of doc.terms) {
      const postings = this.#postings.get(term);
      if (postings === undefined) continue;
      const at = binarySearch(postings.docs, slot);
      if (at < 0) continue;
      postings.docs.splice(at, 1);
      postings.tfs.splice(at, 1);
      if (postings.docs.length === 0) this.#postings.delete(term);
    }
    // Removed slots leave holes; renumber once they outweigh the documents.
    if (this.#slots.length > 64 && this.#slots.length > 2 * this.#byKey.size) this.#compact();
    return true;
  }

  clear(): void {
    this.#slots.length = 0;
    this.#byKey.clear();
    this.#postings.clear();
    this.#totalLength = 0;
  }

  /** The number of documents holding a term. */
  documentFrequency(term: string): number {
    return this.#postings.get(term)?.docs.length ?? 0;
  }

  /** BM25's idf of a term (a term no document holds gets the highest). */
  idf(term: string): number {
    const n = this.#byKey.size;
    const df = this.documentFrequency(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Every document that holds at least one term of the query, unordered. */
  search(query: Query): Match<T>[] {
    const slotCount = this.#slots.length;
    if (this.#byKey.size === 0 || slotCount === 0) return [];
    const averageLength = this.#totalLength / this.#byKey.size;
    const scores = new Float64Array(slotCount);
    const seen = new Uint8Array(slotCount);
    const touched: number[] = [];

    for (const { term, weight } of query.terms) {
      const postings = this.#postings.get(term);
      if (postings === undefined) continue;
      const idf = this.idf(term) * weight;
      const { docs, tfs } = postings;
      for (let index = 0; index < docs.length; index++) {
        const slot = docs[index] ?? 0;
        const tf = tfs[index] ?? 0;
        const length = this.#slots[slot]?.length ?? averageLength;
        const norm = K1 * (1 - B + (B * length) / averageLength);
        scores[slot] = (scores[slot] ?? 0) + (idf * tf * (K1 + 1)) / (tf + norm);
        if (seen[slot] === 0) {
          seen[slot] = 1;
          touched.push(slot);
        }
      }
    }
    if (touched.length === 0) return [];

    const covered = new Float64Array(slotCount);
    const held = new Int32Array(slotCount);
    let totalWeight = 0;
    query.words.forEach((word, index) => {
      const mark = index + 1;
      const weight = this.idf(word.term);
      totalWeight += weight;
      for (const slot of this.#postings.get(word.term)?.docs ?? []) {
        held[slot] = mark;
        covered[slot] = (covered[slot] ?? 0) + weight;
      }
      if (word.bigrams.length === 0) return;
      // A Chinese word segmented otherwise in the document still counts if all its bigrams are there.
      const counts = new Map<number, number>();
      for (const bigram of new Set(word.bigrams)) {
        for (const slot of this.#postings.get(bigram)?.docs ?? []) {
          counts.set(slot, (counts.get(slot) ?? 0) + 1);
        }
      }
      const needed = new Set(word.bigrams).size;
      for (const [slot, count] of counts) {
        if (count === needed && held[slot] !== mark) {
          held[slot] = mark;
          covered[slot] = (covered[slot] ?? 0) + weight;
        }
      }
    });

    const matches: Match<T>[] = [];
    for (const slot of touched) {
      const doc = this.#slots[slot];
      if (doc === undefined) continue;
      matches.push({
        key: doc.key,
        payload: doc.payload,
        score: scores[slot] ?? 0,
        coverage: totalWeight > 0 ? Math.min(1, (covered[slot] ?? 0) / totalWeight) : 0,
      });
    }
    return matches;
  }

  #compact(): void {
    const renumbered = new Int32Array(this.#slots.length).fill(-1);
    const slots: Slot<T>[] = [];
    this.#slots.forEach((doc, slot) => {
      if (doc === undefined) return;
      renumbered[slot] = slots.length;
      this.#byKey.set(doc.key, slots.length);
      slots.push(doc);
    });
    // Renumbering keeps the order of live slots, so the postings stay sorted.
    for (const postings of this.#postings.values()) {
      postings.docs = postings.docs.map((slot) => renumbered[slot] ?? -1);
    }
    this.#slots.length = 0;
    for (const doc of slots) this.#slots.push(doc);
  }
}

function binarySearch(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const at = sorted[middle] ?? 0;
    if (at === value) return middle;
    if (at < value) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

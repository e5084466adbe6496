/**
 * The knowledge base's search: a BM25 index of the articles table, kept in the memory of each
 * API process.
 *
 * Built on the first search, from the database. Several API processes may share one database,
 * so before answering, a process compares the table's signature (row count, sum of versions and
 * latest `updated_at`: one small aggregate query) with the one its index matches — at most once
 * per `recheckMs`, and at once after a write through this process, which also applies its own
 * write to the index directly. When the signature moved, it reads the rows stamped since the
 * latest it knew, and builds the index again only when its count or versions still disagree
 * with the table (a deletion, or a change stamped by a server whose clock is behind).
 *
 * A hit says how well it matches: `score` is BM25 (unbounded, comparable only within one
 * question); `coverage` is the idf-weighted share of the question's words the article holds
 * (0 to 1), and `match` is `strong` when coverage reaches `STRONG_COVERAGE`. A caller that must
 * not guess (the bot) answers only from strong hits.
 */
import type { Article, Language } from '@passerelle/core';
import { asc, gt, gte, sql } from 'drizzle-orm';
import { storedRecord } from '../db/records';
import { articles } from '../db/schema';
import type { Db } from '../db/store';
import { articleRepository } from '../repositories/articles';
import { Bm25Index, type Match, parseQuery } from './bm25';
import { bestPassageIn, type PreparedBody, prepareBody } from './passage';

/** The coverage from which a hit is a strong match. */
export const STRONG_COVERAGE = 0.6;
export const DEFAULT_RECHECK_MS = 1000;
const LOAD_BATCH = 1000;
/** Bodies kept cut into sentences for passages: the articles found most recently. */
const PREPARED_BODIES = 2000;

export interface KnowledgeHit {
  article: Article;
  /** BM25 score; higher is better, comparable only within one question. */
  score: number;
  /** The best window of the body for the question (plain text, at most 300 characters). */
  passage: string;
  /** The article's language (the language asked for, or a fallback). */
  language: Language;
  /** 0 to 1: the idf-weighted share of the question's words that the article holds. */
  coverage: number;
  /** `strong` when coverage ≥ STRONG_COVERAGE: the article is about what was asked. */
  match: 'strong' | 'weak';
}

export interface SearchOptions {
  /** Articles in this language come first; English is the fallback when none matches well. */
  lang?: Language | undefined;
  limit: number;
  /** Whether the caller may read an article (its audience). */
  canRead: (article: Article) => boolean;
}

export interface KnowledgeBaseOptions {
  /** How long the index is trusted before the table's signature is checked again. */
  recheckMs?: number;
  /** The clock for `recheckMs` (milliseconds). */
  clock?: () => number;
}

/** What the index keeps beside each article: its topic's number. */
interface Entry {
  article: Article;
  topic: number;
}
type Candidate = Match<Entry>;

/** Ties between equal scores go to the smaller id, so the order never depends on chance. */
const before = (a: Candidate | undefined, b: Candidate | undefined): boolean =>
  a !== undefined && (b === undefined || a.key < b.key);

const hanCharacter = /\p{Script=Han}/u;
const linkTarget = /\]\([^)]*\)/g;

const strong = (match: Match<unknown>) => match.coverage >= STRONG_COVERAGE - 1e-9;

/** The `k` greatest items by `order` (positive when the first is greater), greatest first. */
export function topK<T>(items: readonly T[], k: number, order: (a: T, b: T) => number): T[] {
  const top: T[] = [];
  for (const item of items) {
    if (top.length === k) {
      const last = top[k - 1];
      if (last === undefined || order(item, last) <= 0) continue;
      top.pop();
    }
    let low = 0;
    let high = top.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const at = top[middle];
      if (at !== undefined && order(item, at) <= 0) low = middle + 1;
      else high = middle;
    }
    top.splice(low, 0, item);
  }
  return top;
}

/** What says whether the articles table changed: every write moves the count or the versions. */
interface Signature {
  count: number;
  /** Sum of the versions: an update adds one even when its `updated_at` is not the latest. */
  versionSum: number;
  latest: string | null;
}

const sameSignature = (a: Signature, b: Signature): boolean =>
  a.count === b.count && a.versionSum === b.versionSum && a.latest === b.latest;

/**
 * Articles and their BM25 index, in memory: what a search ranks. `KnowledgeBase` keeps one in
 * step with the database.
 */
export class ArticleIndex {
  readonly #index = new Bm25Index<Entry>();
  readonly #articles = new Map<string, Article>();
  /** A number per topic, so a search groups translations without hashing strings. */
  readonly #topics = new Map<string, number>();
  /** Least recently used first; keyed by id and version. */
  readonly #prepared = new Map<string, PreparedBody>();

  #versionSum = 0;
  readonly #preparedLimit: number;

  constructor(options: { preparedBodies?: number } = {}) {
    this.#preparedLimit = options.preparedBodies ?? PREPARED_BODIES;
  }

  get size(): number {
    return this.#index.size;
  }

  /** The sum of the versions of the articles held: with `size`, what the table's signature holds. */
  get versionSum(): number {
    return this.#versionSum;
  }

  /** Adds or replaces an article (nothing to do when this version is already there). */
  put(article: Article): void {
    const current = this.#articles.get(article.id);
    if (current !== undefined && current.version === article.version) return;
    this.#versionSum += article.version - (current?.version ?? 0);
    this.#articles.set(article.id, article);
    let topic = this.#topics.get(article.topic);
    if (topic === undefined) {
      topic = this.#topics.size;
      this.#topics.set(article.topic, topic);
    }
    this.#index.set(
      article.id,
      {
        title: article.title,
        tags: [article.topic, ...article.tags].join(' '),
        // The tokenizer skips Markdown's marks; only link targets would add words of their own.
        body: article.body.replace(linkTarget, ']'),
      },
      { article, topic },
    );
  }

  forget(id: string): void {
    this.#versionSum -= this.#articles.get(id)?.version ?? 0;
    this.#articles.delete(id);
    this.#index.delete(id);
  }

  clear(): void {
    this.#versionSum = 0;
    this.#articles.clear();
    this.#index.clear();
    this.#topics.clear();
    this.#prepared.clear();
  }

  /**
   * The articles that answer `text`, one per topic: topics with a strong match first, then by
   * the best score among their translations; each answered by the translation in `lang` when it
   * matches well, else English, else the best match.
   */
  search(text: string, options: SearchOptions): KnowledgeHit[] {
    const query = parseQuery(text);
    if (query.terms.length === 0) return [];

    // Without a language asked for, a question in Chinese prefers Chinese; English comes next.
    const lang = options.lang ?? (hanCharacter.test(text) ? 'zh' : undefined);

    // Per topic: its best match in any language ranks it (strong ones first: scores stay far
    // below 1e6); the translation that reads best for the asker answers for it.
    const topicCount = this.#topics.size;
    const rank = new Float64Array(topicCount).fill(-1);
    const answer = new Float64Array(topicCount).fill(-1);
    const ranked: (Candidate | undefined)[] = new Array(topicCount).fill(undefined);
    const answering: (Candidate | undefined)[] = new Array(topicCount).fill(undefined);
    const seen: number[] = [];
    for (const match of this.#index.search(query)) {
      const { article, topic } = match.payload;
      if (!options.canRead(article)) continue;
      const isStrong = strong(match);
      const rankKey = (isStrong ? 1e6 : 0) + match.score;
      const answerKey =
        (isStrong ? 4e6 : 0) +
        (article.language === lang ? 2e6 : article.language === 'en' ? 1e6 : 0) +
        match.score;
      const currentRank = rank[topic] ?? -1;
      if (currentRank < 0) seen.push(topic);
      if (rankKey > currentRank || (rankKey === currentRank && before(match, ranked[topic]))) {
        rank[topic] = rankKey;
        ranked[topic] = match;
      }
      const currentAnswer = answer[topic] ?? -1;
      if (
        answerKey > currentAnswer ||
        (answerKey === currentAnswer && before(match, answering[topic]))
      ) {
        answer[topic] = answerKey;
        answering[topic] = match;
      }
    }
    const chosen: Candidate[] = [];
    for (const topic of topK(
      seen,
      options.limit,
      (a, b) => (rank[a] ?? 0) - (rank[b] ?? 0) || (before(ranked[a], ranked[b]) ? 1 : -1),
    )) {
      const hit = answering[topic];
      if (hit !== undefined) chosen.push(hit);
    }

    const weights = new Map<string, number>();
    for (const { term, weight } of query.terms) weights.set(term, weight * this.#index.idf(term));
    return chosen.map((hit) => ({
      article: hit.payload.article,
      score: Math.round(hit.score * 1000) / 1000,
      passage: bestPassageIn(this.#preparedBody(hit.payload.article), weights),
      language: hit.payload.article.language,
      coverage: Math.round(hit.coverage * 1000) / 1000,
      match: strong(hit) ? 'strong' : 'weak',
    }));
  }

  #preparedBody(article: Article): PreparedBody {
    const key = `${article.id}@${article.version}`;
    let prepared = this.#prepared.get(key);
    if (prepared === undefined) {
      prepared = prepareBody(article.body);
      if (this.#prepared.size >= this.#preparedLimit) {
        const oldest = this.#prepared.keys().next();
        if (oldest.done !== true) this.#prepared.delete(oldest.value);
      }
    } else {
      this.#prepared.delete(key);
    }
    this.#prepared.set(key, prepared);
    return prepared;
  }
}

export class KnowledgeBase {
  #index = new ArticleIndex();
  readonly #recheckMs: number;
  readonly #clock: () => number;
  #signature: Signature | undefined;
  #checkedAt = Number.NEGATIVE_INFINITY;
  #stale = true;
  #refreshing: Promise<void> | undefined;
  /** How many times the index was built from scratch (for tests and logs). */
  rebuilds = 0;

  constructor(
    private readonly db: Db,
    options: KnowledgeBaseOptions = {},
  ) {
    this.#recheckMs = options.recheckMs ?? DEFAULT_RECHECK_MS;
    this.#clock = options.clock ?? Date.now;
  }

  /** How many articles the index holds. */
  get size(): number {
    return this.#index.size;
  }

  /** After this process wrote an article: in the index at once; the next search checks the table. */
  put(article: Article): void {
    if (this.#signature !== undefined) this.#index.put(article);
    this.#stale = true;
  }

  /** After this process deleted an article: out of the index at once, no rebuild. */
  forget(id: string): void {
    this.#index.forget(id);
    this.#stale = true;
  }

  /** Brings the index up to date with the table when it may have changed. */
  async refresh(): Promise<void> {
    // A check under way may be what this search waits for (a write it follows, say).
    if (this.#refreshing !== undefined) await this.#refreshing;
    if (!this.#stale && this.#clock() - this.#checkedAt < this.#recheckMs) return;
    this.#refreshing ??= this.#sync().finally(() => {
      this.#refreshing = undefined;
    });
    await this.#refreshing;
  }

  async search(text: string, options: SearchOptions): Promise<KnowledgeHit[]> {
    await this.refresh();
    return this.#index.search(text, options);
  }

  async #sync(): Promise<void> {
    // The signature is read before the rows, so a write that lands in between shows next time.
    const signature = await this.#readSignature();
    this.#checkedAt = this.#clock();
    this.#stale = false;
    const known = this.#signature;
    if (known !== undefined && sameSignature(known, signature)) return;
    if (known !== undefined) {
      // The rows stamped since the latest known (all of them when the table was empty).
      const rows = await this.db
        .select({ data: articles.data })
        .from(articles)
        .where(known.latest === null ? undefined : gte(articles.updatedAt, known.latest));
      for (const row of rows) this.#index.put(storedRecord(articleRepository, row.data));
      // Deletions, or changes stamped before the latest known (another server's clock), leave
      // the index short of the table's count or versions: then it is built again.
      if (this.#index.size === signature.count && this.#index.versionSum === signature.versionSum) {
        this.#signature = signature;
        return;
      }
    }
    await this.#rebuild();
    this.#signature = signature;
  }

  async #readSignature(): Promise<Signature> {
    const [row] = await this.db
      .select({
        count: sql<number>`count(*)::int`,
        versionSum: sql<number>`coalesce(sum(${articles.version}), 0)::float8`,
        latest: sql<string | null>`max(${articles.updatedAt})::text`,
      })
      .from(articles);
    return {
      count: Number(row?.count ?? 0),
      versionSum: Number(row?.versionSum ?? 0),
      latest: row?.latest ?? null,
    };
  }

  /** Builds a new index from the whole table; searches meanwhile use the one there was. */
  async #rebuild(): Promise<void> {
    const next = new ArticleIndex();
    let after: string | undefined;
    for (;;) {
      const rows = await this.db
        .select({ id: articles.id, data: articles.data })
        .from(articles)
        .where(after === undefined ? undefined : gt(articles.id, after))
        .orderBy(asc(articles.id))
        .limit(LOAD_BATCH);
      for (const row of rows) next.put(storedRecord(articleRepository, row.data));
      const last = rows.at(-1);
      if (last === undefined || rows.length < LOAD_BATCH) break;
      after = last.id;
    }
    this.#index = next;
    this.rebuilds++;
  }
}

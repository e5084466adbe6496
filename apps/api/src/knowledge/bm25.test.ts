import { describe, expect, it } from 'vitest';
import { B, BIGRAM_WEIGHT, Bm25Index, fieldWeights, K1, parseQuery, type Query } from './bm25';
import { BIGRAM_PREFIX } from './tokenizer';

const doc = (title: string, body = '', tags = '') => ({ title, body, tags });

function index(docs: Record<string, ReturnType<typeof doc>>): Bm25Index<string> {
  const built = new Bm25Index<string>();
  for (const [key, fields] of Object.entries(docs)) built.set(key, fields, key);
  return built;
}

const keys = (matches: { key: string; score: number }[]) =>
  [...matches].sort((a, b) => b.score - a.score).map((match) => match.key);

describe('parseQuery', () => {
  it('weighs words 1 and bigrams less, each term once', () => {
    const query = parseQuery('visa visa 续签');
    expect(query.terms).toEqual([
      { term: 'visa', weight: 1 },
      { term: '续签', weight: 1 },
      { term: `${BIGRAM_PREFIX}续签`, weight: BIGRAM_WEIGHT },
    ]);
    expect(parseQuery('居留许可').terms).toContainEqual({
      term: `${BIGRAM_PREFIX}许可`,
      weight: BIGRAM_WEIGHT,
    });
    expect(query.words.map((word) => word.term)).toEqual(['visa', '续签']);
    expect(parseQuery('the of').terms).toEqual([]);
  });
});

describe('Bm25Index', () => {
  it('scores one term as BM25 with k1 1.2 and b 0.75 over weighted fields', () => {
    const built = index({
      a: doc('visa', 'visa office'),
      b: doc('bank', 'bank card'),
      c: doc('phone', 'sim card'),
    });
    const [match] = built.search(parseQuery('visa'));
    // tf = 3 (title) + 1 (body); |a| = 3·1 + 1·2 = 5, as are |b| and |c|.
    const tf = fieldWeights.title + fieldWeights.body;
    const idf = Math.log(1 + (3 - 1 + 0.5) / (1 + 0.5));
    const expected = (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + B * (5 / 5)));
    expect(match?.key).toBe('a');
    expect(match?.score).toBeCloseTo(expected, 10);
    expect(match?.coverage).toBe(1);
    expect(built.idf('visa')).toBeCloseTo(idf, 10);
  });

  it('ranks a title match above a body match, and rare terms above common ones', () => {
    const built = index({
      title: doc('residence permit', 'how to apply'),
      body: doc('arrival', 'your residence permit comes later'),
      other: doc('library', 'books'),
    });
    expect(keys(built.search(parseQuery('residence permit')))).toEqual(['title', 'body']);
    expect(built.idf('library')).toBeGreaterThan(built.idf('permit'));
  });

  it('measures coverage as the idf-weighted share of the question’s words held', () => {
    const built = index({
      both: doc('bank card'),
      bank: doc('bank account'),
      filler: doc('library'),
    });
    const matches = built.search(parseQuery('bank card'));
    const coverage = Object.fromEntries(matches.map((match) => [match.key, match.coverage]));
    expect(coverage.both).toBe(1);
    const card = built.idf('card');
    const bank = built.idf('bank');
    expect(coverage.bank).toBeCloseTo(bank / (bank + card), 10);
    // A word no article holds still weighs in: it keeps coverage low.
    const [partial] = built.search(parseQuery('bank quantum'));
    expect(partial?.coverage).toBeLessThan(0.5);
  });

  it('counts a Chinese word as held when all its bigrams are, however it was segmented', () => {
    const built = index({ permit: doc('居留许可'), other: doc('银行卡') });
    const query: Query = {
      terms: [{ term: `${BIGRAM_PREFIX}居留`, weight: 1 }],
      words: [
        {
          term: '居留许可证明',
          bigrams: [`${BIGRAM_PREFIX}居留`, `${BIGRAM_PREFIX}留许`, `${BIGRAM_PREFIX}许可`],
        },
      ],
    };
    expect(built.search(query)).toEqual([
      { key: 'permit', payload: 'permit', score: expect.any(Number), coverage: 1 },
    ]);
  });

  it('replaces and deletes documents, and stays right after renumbering its slots', () => {
    const built = new Bm25Index<number>();
    for (let n = 0; n < 100; n++)
      built.set(`d${n}`, doc(`item ${n % 2 === 0 ? 'even' : 'odd'}`), n);
    built.set('d1', doc('item even'), 1);
    expect(built.size).toBe(100);
    expect(built.documentFrequency('even')).toBe(51);
    for (let n = 0; n < 90; n++) expect(built.delete(`d${n}`)).toBe(true);
    expect(built.delete('d0')).toBe(false);
    expect(built.has('d95')).toBe(true);
    expect(built.size).toBe(10);
    const even = built.search(parseQuery('even')).map((match) => match.payload);
    expect(even.sort((a, b) => a - b)).toEqual([90, 92, 94, 96, 98]);
    built.set('d90', doc('item odd'), 90);
    expect(built.documentFrequency('even')).toBe(4);
    built.clear();
    expect(built.size).toBe(0);
    expect(built.search(parseQuery('even'))).toEqual([]);
  });

  it('finds nothing for unknown words', () => {
    expect(index({ a: doc('visa') }).search(parseQuery('quantum'))).toEqual([]);
  });
});

import { Article } from '@passerelle/core';
import { describe, expect, it } from 'vitest';
import { ArticleIndex, type SearchOptions, topK } from './search';

let serial = 0;
function article(
  fields: Partial<Article> & Pick<Article, 'topic' | 'language' | 'title' | 'body'>,
) {
  serial++;
  return Article.parse({
    tags: [],
    audience: ['all_students'],
    lastReviewedOn: '2026-01-01',
    id: `art_unit${String(serial).padStart(8, '0')}`,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
    ...fields,
  });
}

const open: SearchOptions = { limit: 10, canRead: () => true };

function guide() {
  const index = new ArticleIndex();
  const bankEn = article({
    topic: 'bank-account',
    language: 'en',
    title: 'Opening a bank account',
    body: '# Bank\n\nOpen a bank account with your passport.',
  });
  const bankFr = article({
    topic: 'bank-account',
    language: 'fr',
    title: 'Ouvrir un compte bancaire',
    body: 'Ouvrez un compte bancaire (bank account) avec votre passeport.',
  });
  const bankZh = article({
    topic: 'bank-account',
    language: 'zh',
    title: '开银行账户',
    body: '带护照去银行开户。',
    tags: ['bank-account'],
  });
  const library = article({
    topic: 'library',
    language: 'en',
    title: 'Library opening hours',
    body: 'The library opens at eight.',
  });
  const staffOnly = article({
    topic: 'budget',
    language: 'en',
    title: 'Bank transfers for the office budget',
    body: 'Staff approve bank transfers.',
    audience: ['staff'],
  });
  for (const item of [bankEn, bankFr, bankZh, library, staffOnly]) index.put(item);
  return { index, bankEn, bankFr, bankZh, library, staffOnly };
}

describe('ArticleIndex', () => {
  it('answers one hit per topic, in the language asked for when it matches well', () => {
    const { index } = guide();
    const fr = index.search('bank account', { ...open, lang: 'fr' });
    expect(fr.map((hit) => [hit.article.topic, hit.language])).toEqual([
      ['bank-account', 'fr'],
      ['budget', 'en'],
    ]);
    const en = index.search('bank account', open);
    expect(en[0]?.language).toBe('en');
    expect(en[0]?.match).toBe('strong');
    expect(en[1]?.match).toBe('weak');
  });

  it('falls back to English when the language asked for has nothing that matches', () => {
    const { index } = guide();
    const [hit] = index.search('library', { ...open, lang: 'zh' });
    expect([hit?.article.topic, hit?.language]).toEqual(['library', 'en']);
  });

  it('prefers Chinese for a question in Chinese when no language is asked for', () => {
    const { index } = guide();
    expect(index.search('护照 银行', open)[0]?.language).toBe('zh');
  });

  it('leaves out what the reader may not read, and keeps to the limit', () => {
    const { index, staffOnly } = guide();
    const students = index.search('bank transfers', {
      ...open,
      canRead: (item) => !item.audience.includes('staff'),
    });
    expect(students.map((hit) => hit.article.id)).not.toContain(staffOnly.id);
    expect(index.search('bank', { ...open, limit: 1 })).toHaveLength(1);
    expect(index.search('the', open)).toEqual([]);
  });

  it('rounds scores and coverage, and quotes a passage without Markdown', () => {
    const { index } = guide();
    const [hit] = index.search('bank passport', open);
    expect(hit?.passage).toBe('Open a bank account with your passport.');
    expect(hit?.score).toBe(Math.round((hit?.score ?? 0) * 1000) / 1000);
    expect(hit?.score).toBeGreaterThan(0);
    expect(hit?.coverage).toBe(1);
  });

  it('tracks its size and versions through puts, replacements and removals', () => {
    const { index, library } = guide();
    expect(index.search('eight', open)[0]?.article.id).toBe(library.id);
    expect([index.size, index.versionSum]).toEqual([5, 5]);
    index.put(library);
    expect(index.versionSum).toBe(5);
    index.put({ ...library, title: 'Reading rooms', body: 'Reading rooms.', version: 2 });
    expect([index.size, index.versionSum]).toEqual([5, 6]);
    expect(index.search('eight', open)).toEqual([]);
    expect(index.search('reading rooms', open)[0]?.article.version).toBe(2);
    index.forget(library.id);
    index.forget('art_missing00000');
    expect([index.size, index.versionSum]).toEqual([4, 4]);
    index.clear();
    expect([index.size, index.versionSum]).toEqual([0, 0]);
  });

  it('keeps prepared passages for the most recent articles only', () => {
    const index = new ArticleIndex({ preparedBodies: 2 });
    for (let n = 0; n < 5; n++) {
      index.put(
        article({ topic: `t${n}`, language: 'en', title: `kiwi ${n}`, body: `Kiwi ${n}.` }),
      );
    }
    const first = index.search('kiwi', { ...open, limit: 5 });
    expect(first.map((hit) => hit.passage).sort()).toEqual([
      'Kiwi 0.',
      'Kiwi 1.',
      'Kiwi 2.',
      'Kiwi 3.',
      'Kiwi 4.',
    ]);
    expect(index.search('kiwi', { ...open, limit: 5 })).toEqual(first);
  });
});

describe('topK', () => {
  it('keeps the k greatest, greatest first', () => {
    const order = (a: number, b: number) => a - b;
    expect(topK([5, 1, 9, 3, 7, 9], 3, order)).toEqual([9, 9, 7]);
    expect(topK([2, 1], 5, order)).toEqual([2, 1]);
    expect(topK([], 3, order)).toEqual([]);
  });
});

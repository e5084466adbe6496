import { describe, expect, it } from 'vitest';
import { createPhraseMatcher, distinctValues } from './phrases';

describe('createPhraseMatcher', () => {
  const matcher = createPhraseMatcher<string>([
    ['dual degree', 'dual'],
    ['degree', 'degree'],
    ['short-term', 'short'],
    ['法国', 'FR'],
    ['法国人', 'FR-person'],
    ['', 'never'],
  ]);

  it('prefers the longest phrase where two overlap', () => {
    expect(matcher.find('Dual degree and degree students').map((h) => h.value)).toEqual([
      'dual',
      'degree',
    ]);
    expect(matcher.find('他是法国人').map((h) => h.value)).toEqual(['FR-person']);
  });

  it('matches hyphenated phrases written with or without the hyphen', () => {
    expect(matcher.find('short term visitors').map((h) => h.value)).toEqual(['short']);
    expect(matcher.find('short-term visitors').map((h) => h.matched)).toEqual(['short-term']);
  });

  it('reports hits in text order with their offsets', () => {
    const hits = matcher.find('法国 degree');
    expect(hits.map((h) => [h.value, h.start])).toEqual([
      ['FR', 0],
      ['degree', 3],
    ]);
    expect(distinctValues([...hits, ...hits])).toEqual(['FR', 'degree']);
  });

  it('finds nothing in an empty text', () => {
    expect(matcher.find('')).toEqual([]);
  });
});

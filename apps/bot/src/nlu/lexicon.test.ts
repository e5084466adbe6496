import { describe, expect, it } from 'vitest';
import { parseCount, parseHanNumber } from './lexicon';

describe('numbers', () => {
  it('reads digits and number words in the three languages', () => {
    expect(['6', 'six', 'deux', 'twelve', '十二', '两', '三'].map(parseCount)).toEqual([
      6, 6, 2, 12, 12, 2, 3,
    ]);
    expect(parseCount('many')).toBeUndefined();
  });

  it('reads Chinese numerals up to 99', () => {
    expect(['十', '十五', '二十', '二十五', '九'].map(parseHanNumber)).toEqual([10, 15, 20, 25, 9]);
    expect(['', '三四', '十二三', '百', '二十x'].map(parseHanNumber)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countHan,
  cue,
  editDistance,
  fold,
  normalize,
  phraseVariants,
  tokenize,
  typoBudget,
} from './text';

describe('normalize and fold', () => {
  it('turns full-width forms, curly apostrophes, dashes and runs of spaces into plain ones', () => {
    expect(normalize('  ＡＢＣ１２３   l’X – ok ')).toBe("ABC123 l'X - ok");
  });

  it('folds case, accents and ligatures but keeps Chinese', () => {
    expect(fold('École  Polytechnique')).toBe('ecole polytechnique');
    expect(fold('Œuvre, Straße, Cæsar')).toBe('oeuvre, strasse, caesar');
    expect(fold('巴黎综合理工')).toBe('巴黎综合理工');
    expect(fold('Tōhoku')).toBe('tohoku');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(fold(fold(text))).toBe(fold(text));
      }),
    );
  });
});

describe('tokenize', () => {
  it('keeps hyphenated words whole, splits apostrophes and ignores Han characters', () => {
    expect(tokenize(fold("Sino-French salon d'été à 巴黎 2025")).map((t) => t.text)).toEqual([
      'sino-french',
      'salon',
      'd',
      'ete',
      'a',
      '2025',
    ]);
  });

  it('gives offsets into the folded text', () => {
    const folded = fold('bind ABC123');
    for (const token of tokenize(folded))
      expect(folded.slice(token.start, token.end)).toBe(token.text);
  });

  it('gives both forms of a hyphenated phrase', () => {
    expect(phraseVariants('Short-term')).toEqual([['short-term'], ['short', 'term']]);
    expect(phraseVariants('summer school')).toEqual([['summer', 'school']]);
    expect(phraseVariants('!!')).toEqual([]);
  });
});

describe('cue', () => {
  it('matches Latin alternatives as whole words only', () => {
    const re = cue(['fr', 'visa']);
    expect(re.test('from')).toBe(false);
    expect(re.test('my visa')).toBe(true);
    expect(re.test('visas')).toBe(false);
  });

  it('matches Chinese alternatives anywhere', () => {
    expect(cue([], ['签证']).test('我的签证什么时候到期')).toBe(true);
  });

  it('matches nothing when given nothing', () => {
    expect(cue([]).test('anything')).toBe(false);
  });
});

describe('editDistance', () => {
  it('counts an adjacent transposition as one edit', () => {
    expect(editDistance('polytechnqiue', 'polytechnique', 2)).toBe(1);
    expect(editDistance('chausees', 'chaussees', 2)).toBe(1);
    expect(editDistance('ensta', 'ensta', 1)).toBe(0);
  });

  it('stops early past the cap', () => {
    expect(editDistance('abc', 'abcdefgh', 2)).toBe(3);
    expect(editDistance('aaaaaa', 'bbbbbb', 1)).toBe(2);
  });

  it('is symmetric and never more than the longer length', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const max = 20;
        expect(editDistance(a, b, max)).toBe(editDistance(b, a, max));
        expect(editDistance(a, b, max)).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(editDistance(a, a, max)).toBe(0);
      }),
    );
  });
});

describe('typoBudget and countHan', () => {
  it('tolerates no typo under 5 letters, one from 5, two from 9', () => {
    expect([typoBudget('mine'), typoBudget('mines'), typoBudget('chaussees')]).toEqual([0, 1, 2]);
  });

  it('counts Han characters', () => {
    expect(countHan('绑定 ABC123')).toBe(2);
    expect(countHan('bind')).toBe(0);
  });
});

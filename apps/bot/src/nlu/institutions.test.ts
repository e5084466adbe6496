import { describe, expect, it } from 'vitest';
import { INSTITUTIONS } from './fixtures';
import { createInstitutionMatcher } from './institutions';

const matcher = createInstitutionMatcher(INSTITUTIONS);
const first = (text: string) => matcher.match(text)[0]?.id;
const ids = (text: string) => matcher.match(text).map((m) => m.id);

describe('createInstitutionMatcher: exact names, short names and aliases', () => {
  it.each([
    ['ENSTA', 'ins_ensta'],
    ['agreements with ensta', 'ins_ensta'],
    ['EIVP', 'ins_eivp'],
    ['Ecole polytechnique', 'ins_polytechnique'],
    ['ÉCOLE POLYTECHNIQUE', 'ins_polytechnique'],
    ['polytechnique', 'ins_polytechnique'],
    ['Ponts et Chaussées', 'ins_ponts'],
    ['ponts et chaussees', 'ins_ponts'],
    ['Mines Paris', 'ins_mines'],
    ['Télécom Paris', 'ins_telecom'],
    ['telecom paris', 'ins_telecom'],
    ['Polytech Paris-Saclay', 'ins_polytech_ps'],
    ['Polytech Paris Saclay', 'ins_polytech_ps'],
    ['Louis-le-Grand', 'ins_llg'],
    ['Lycée Henri IV', 'ins_henri4'],
    ['H4', 'ins_henri4'],
    ['Sup’Biotech', 'ins_supbiotech'],
    ['SupBiotech', 'ins_supbiotech'],
    ['TU München', 'ins_tum'],
    ['University of Michigan', 'ins_umich'],
    ['Politecnico di Milano', 'ins_polimi'],
    ['巴黎综合理工', 'ins_polytechnique'],
    ['和巴黎综合理工学院的协议', 'ins_polytechnique'],
    ['巴黎电信', 'ins_telecom'],
    ['密歇根大学', 'ins_umich'],
    ['密歇根的交换生', 'ins_umich'],
    ['慕尼黑工业大学', 'ins_tum'],
    ['国立高等先进技术学校', 'ins_ensta'],
  ])('%s → %s', (text, id) => {
    expect(first(text)).toBe(id);
  });

  it('gives an exact name a full score and names what it matched', () => {
    expect(matcher.match('Agreements with École Polytechnique')).toEqual([
      { id: 'ins_polytechnique', score: 1, matched: 'École Polytechnique' },
    ]);
  });

  it('ranks a partial name below an exact one', () => {
    const [match] = matcher.match('the Munich technical university');
    expect(match?.id).toBe('ins_tum');
    expect(match?.score).toBeGreaterThan(0.4);
    expect(match?.score).toBeLessThan(1);
  });

  it('reports the longest reading of a name', () => {
    expect(matcher.match('Tell me about Ponts et Chaussées')).toEqual([
      { id: 'ins_ponts', score: 1, matched: 'Ponts et Chaussées' },
    ]);
  });

  it('finds every institution a message names, best first', () => {
    expect(ids('Compare ENSTA, Télécom Paris and 米兰理工')).toEqual([
      'ins_ensta',
      'ins_polimi',
      'ins_telecom',
    ]);
    expect(ids('ENSTA and ensta')).toEqual(['ins_ensta']);
  });
});

describe('createInstitutionMatcher: typos', () => {
  it.each([
    ['Polytechnqiue', 'ins_polytechnique'],
    ['Ecole Polytechniqe', 'ins_polytechnique'],
    ['Ponts et Chausées', 'ins_ponts'],
    ['Sheffeild', 'ins_sheffield'],
    ['Politecnicco', 'ins_polimi'],
  ])('%s → %s', (text, id) => {
    expect(first(text)).toBe(id);
  });

  it('scores a misspelt name below the right spelling', () => {
    const right = matcher.match('Polytechnique')[0]?.score ?? 0;
    const wrong = matcher.match('Polytechnqiue')[0]?.score ?? 0;
    expect(wrong).toBeLessThan(right);
    expect(wrong).toBeGreaterThan(0.8);
  });

  it('tolerates no typo in short words and never reads common words as names', () => {
    for (const text of [
      'ENSTB',
      'EIVQ',
      'the points are clear',
      'mine is here',
      'a grand event',
      'Louis called',
    ]) {
      expect(ids(text), text).toEqual([]);
    }
  });
});

describe('createInstitutionMatcher: the one-letter acronym X', () => {
  it.each([
    'agreements with X',
    'What stage is X at?',
    'How many exchange students from X?',
    'Our partnership with X',
    'X的合作协议',
  ])('is École polytechnique in a sentence about partners: %s', (text) => {
    expect(first(text)).toBe('ins_polytechnique');
  });

  it("is École polytechnique after the French article: l'X", () => {
    expect(first("Les accords avec l'X")).toBe('ins_polytechnique');
    expect(first("je vais à l'X demain")).toBe('ins_polytechnique');
  });

  it.each([
    'X',
    'x',
    'agreements with x',
    'the box and the fox',
    'Xavier signed the agreement',
    'an X-ray at the hospital',
    'a 3 X 4 table of agreements',
    'What is X?',
  ])('is not a partner here: %s', (text) => {
    expect(ids(text)).toEqual([]);
  });
});

describe('createInstitutionMatcher: edge cases', () => {
  it('matches nothing in empty or unrelated text', () => {
    expect(matcher.match('')).toEqual([]);
    expect(matcher.match('How do I open a bank account?')).toEqual([]);
    expect(matcher.match('👍🎉')).toEqual([]);
  });

  it('works with an empty list and with names in one language only', () => {
    expect(createInstitutionMatcher([]).match('ENSTA')).toEqual([]);
    const solo = createInstitutionMatcher([{ id: 'ins_a', name: { zh: '清华大学' } }]);
    expect(solo.match('清华大学的协议')).toEqual([{ id: 'ins_a', score: 1, matched: '清华大学' }]);
    expect(solo.match('清华')).toEqual([]);
  });

  it('shares one name between two institutions', () => {
    const twins = createInstitutionMatcher([
      { id: 'ins_a', name: { en: 'Alpha Institute' }, aliases: ['Alpha'] },
      { id: 'ins_b', name: { en: 'Alpha Institute' }, aliases: ['Alpha'] },
    ]);
    expect(
      twins
        .match('Alpha')
        .map((m) => m.id)
        .sort(),
    ).toEqual(['ins_a', 'ins_b']);
  });

  it('finds the partner at the end of a long message', () => {
    const text = `${'lorem ipsum dolorem sitamet consectetur '.repeat(120)} agreements with ENSTA`;
    expect(first(text)).toBe('ins_ensta');
  });
});

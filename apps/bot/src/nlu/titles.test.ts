import { describe, expect, it } from 'vitest';
import { EVENTS } from './fixtures';
import { createTitleMatcher } from './titles';

const matcher = createTitleMatcher(EVENTS);
const first = (text: string) => matcher.match(text)[0]?.id;

describe('createTitleMatcher', () => {
  it.each([
    ['Register me for the Sino-French salon', 'evt_salon'],
    ['the tea and wine salon', 'evt_salon'],
    ['inscris-moi au salon franco-chinois', 'evt_salon'],
    ['帮我报名中法沙龙', 'evt_salon'],
    ['the football match', 'evt_football'],
    ['我想参加足球赛', 'evt_football'],
    ['calligraphy workshop', 'evt_calligraphy'],
    ['atelier de calligraphie', 'evt_calligraphy'],
    ['书法工作坊', 'evt_calligraphy'],
    ['the welcome orientation', 'evt_welcome'],
    ['the materials science lecture', 'evt_lecture'],
    ['the calligraphy workshop', 'evt_calligraphy'],
  ])('%s → %s', (text, id) => {
    expect(first(text)).toBe(id);
  });

  it('scores between 0 and 1, best first', () => {
    const matches = matcher.match('Sino-French Themed Salon: Tea and Wine');
    expect(matches[0]).toEqual({ id: 'evt_salon', score: 1 });
    for (const match of matches) {
      expect(match.score).toBeGreaterThan(0);
      expect(match.score).toBeLessThanOrEqual(1);
    }
  });

  it('matches nothing in unrelated text', () => {
    for (const text of ['', 'How do I open a bank account?', '我的签证什么时候到期', 'X']) {
      expect(matcher.match(text), text).toEqual([]);
    }
  });

  it('accepts plain string titles', () => {
    const plain = createTitleMatcher([{ id: 'evt_x', title: 'Dumpling Night' }]);
    expect(plain.match('sign me up for dumpling night')).toEqual([{ id: 'evt_x', score: 1 }]);
  });
});

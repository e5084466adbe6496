import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language';

describe('detectLanguage', () => {
  it.each([
    ['What events are on this week?', 'en'],
    ['How do I open a bank account?', 'en'],
    ['agreements with École Polytechnique', 'en'],
    ['quels événements cette semaine ?', 'fr'],
    ["Je voudrais m'inscrire", 'fr'],
    ["combien d'étudiants en échange venant de France", 'fr'],
    ['Les accords avec Polytechnique', 'fr'],
    ['本周有什么活动', 'zh'],
    ['绑定 ABC123', 'zh'],
    ['我的visa什么时候expire', 'zh'],
    ['What is 居留许可?', 'zh'],
    ['Register me for the 中法沙龙', 'en'],
    ['bind ABC123', 'en'],
    ['lier ABC123', 'fr'],
  ] as const)('%s → %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('defaults to English when a short message gives no evidence', () => {
    for (const text of ['X', 'ABC123', '👍', '', '???', 'ENSTA', 'Télécom']) {
      expect(detectLanguage(text), text).toBe('en');
    }
  });

  it('keeps the conversation language when a message gives no evidence', () => {
    expect(detectLanguage('X', 'fr')).toBe('fr');
    expect(detectLanguage('👍', 'zh')).toBe('zh');
    expect(detectLanguage('ENSTA ?', 'fr')).toBe('fr');
  });

  it('lets clear evidence win over the hint', () => {
    expect(detectLanguage('What events are on this week?', 'fr')).toBe('en');
    expect(detectLanguage('本周有什么活动', 'fr')).toBe('zh');
  });

  it('breaks a tie between French and English with the hint, else English', () => {
    expect(detectLanguage('les events', 'fr')).toBe('fr');
    expect(detectLanguage('les events', 'zh')).toBe('en');
    expect(detectLanguage('les events')).toBe('en');
  });

  it('counts contractions and elisions', () => {
    expect(detectLanguage("what's up")).toBe('en');
    expect(detectLanguage("qu'y a-t-il")).toBe('fr');
  });
});

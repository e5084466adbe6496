import { describe, expect, it } from 'vitest';
import { fold } from './text';
import { correctTypos } from './typos';

const fix = (text: string) => correctTypos(fold(text));

describe('correctTypos', () => {
  it('puts misspelt key words right', () => {
    expect(fix('Wich agrements expire?')).toBe('wich agreements expire?');
    expect(fix('my pasport')).toBe('my passport');
    expect(fix('the delegaton itinerery')).toBe('the delegation itinerary');
    expect(fix('les évènements')).toBe('les evenements');
  });

  it('leaves known words, names, numbers and short words alone', () => {
    for (const text of [
      'I ate salmon',
      'Polytechnique',
      'ABC123',
      'monts',
      'Germany',
      'allemands',
      'students',
    ]) {
      expect(fix(text), text).toBe(fold(text));
    }
  });

  it('gives the same answer the second time (cached)', () => {
    expect(fix('regsitration')).toBe('registration');
    expect(fix('regsitration')).toBe('registration');
  });
});

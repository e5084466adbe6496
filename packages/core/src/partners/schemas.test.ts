import { describe, expect, it } from 'vitest';
import { HeiId, InstitutionInput } from './schemas';

describe('HeiId', () => {
  it('accepts the lower-case domains EWP uses as HEI ids', () => {
    for (const id of ['polytechnique.edu', 'sjtu.edu.cn', 'uw.edu.pl', 'ensta-paris.fr']) {
      expect(HeiId.safeParse(id).success).toBe(true);
    }
  });

  it('refuses what is not a lower-case domain name', () => {
    for (const id of [
      'Polytechnique.edu',
      'localhost',
      'a..b',
      '-x.edu',
      'x-.edu',
      'x y.edu',
      '',
    ]) {
      expect(HeiId.safeParse(id).success).toBe(false);
    }
  });

  it('is optional on an institution', () => {
    const base = { name: { en: 'KTH' }, country: 'SE', city: 'Stockholm', kind: 'university' };
    expect(InstitutionInput.parse(base).heiId).toBeUndefined();
    expect(InstitutionInput.parse({ ...base, heiId: 'kth.se' }).heiId).toBe('kth.se');
    expect(InstitutionInput.safeParse({ ...base, heiId: 'KTH' }).success).toBe(false);
  });
});

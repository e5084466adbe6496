import { describe, expect, it } from 'vitest';
import { extractBindingCode, mentionsBinding } from './binding';

describe('extractBindingCode', () => {
  it.each([
    ['bind ABC123', 'ABC123'],
    ['bind abc123', 'ABC123'],
    ['绑定 ABC123', 'ABC123'],
    ['绑定ABC123', 'ABC123'],
    ['绑定：ＡＢＣ１２３', 'ABC123'],
    ['lier ABC123', 'ABC123'],
    ['lier mon compte avec le code k7x9p2q4', 'K7X9P2Q4'],
    ['please bind my account, code ABCDEFGH', 'ABCDEFGH'],
    ['link XK92LM', 'XK92LM'],
    ['ABC123 bind', 'ABC123'],
    ['binding code: 1234567890', '1234567890'],
  ])('%s → %s', (text, code) => {
    expect(extractBindingCode(text)).toBe(code);
  });

  it('finds no code in words, short or long strings, or without a binding word', () => {
    for (const text of [
      'bind account',
      'bind my account please',
      'bind ABC12',
      'bind ABCDEFGHIJK1',
      'ABC123',
      'send me the link',
      'the code of conduct',
      '',
    ]) {
      expect(extractBindingCode(text), text).toBeUndefined();
    }
  });

  it('tells when a message asks to bind', () => {
    expect(mentionsBinding('How do I bind my account?')).toBe(true);
    expect(mentionsBinding('怎么绑定')).toBe(true);
    expect(mentionsBinding('send me the link')).toBe(false);
  });
});

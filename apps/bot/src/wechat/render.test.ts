import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../engine/types';
import {
  measure,
  OFFICIAL_ACCOUNT_LIMIT,
  PERSONAL_CHAT_LIMIT,
  pickFollowUp,
  renderReply,
  replyToText,
  splitMessage,
  toPlainText,
} from './render';

function reply(overrides: Partial<Reply> = {}): Reply {
  return {
    text: 'Hello',
    language: 'en',
    citations: [],
    operations: [],
    followUps: [],
    handoff: null,
    ...overrides,
  };
}

/** The numbered part's text without its "(i/n) " label. */
function unlabel(part: string): string {
  return part.replace(/^\(\d+\/\d+\) /, '');
}

describe('toPlainText', () => {
  it('drops emphasis, headings, quotes and code marks', () => {
    const markdown = [
      '## Opening a bank account',
      '',
      'Bring **your passport** and __your admission letter__, *not* a copy.',
      '> Banks close at ~~18:00~~ 17:00.',
      'Type `help` for more.',
      '---',
      '```',
      'line one',
      '```',
    ].join('\n');
    expect(toPlainText(markdown)).toBe(
      [
        'Opening a bank account',
        '',
        'Bring your passport and your admission letter, not a copy.',
        'Banks close at 18:00 17:00.',
        'Type help for more.',
        '',
        'line one',
      ].join('\n'),
    );
  });

  it('writes links as "title: url" and keeps bare addresses whole', () => {
    expect(toPlainText('See [the Survival Guide](https://intl.example.edu/guide "Guide").')).toBe(
      'See the Survival Guide: https://intl.example.edu/guide.',
    );
    expect(toPlainText('![Campus map](https://x.example/map.png)')).toBe(
      'Campus map: https://x.example/map.png',
    );
    expect(toPlainText('[https://a.example](https://a.example)')).toBe('https://a.example');
    expect(toPlainText('[**Guide** `v2`](https://a.example/x_y_)')).toBe(
      'Guide v2: https://a.example/x_y_',
    );
    expect(toPlainText('Mail <mailto:intl@example.edu> or <https://a.example/b>')).toBe(
      'Mail intl@example.edu or https://a.example/b',
    );
    expect(toPlainText('Go to https://a.example/some_path_here/*x* now')).toBe(
      'Go to https://a.example/some_path_here/*x* now',
    );
  });

  it('turns bullets into dots and leaves snake_case and arithmetic alone', () => {
    expect(toPlainText('- one\n* two\n+ three')).toBe('• one\n• two\n• three');
    expect(toPlainText('student_id stays, 2 * 3 * 4 stays')).toBe(
      'student_id stays, 2 * 3 * 4 stays',
    );
    expect(toPlainText('a \\*literal\\* star')).toBe('a *literal* star');
  });

  it('keeps Chinese and French text as it is', () => {
    expect(toPlainText('**居留许可**在到期前30天续签。')).toBe('居留许可在到期前30天续签。');
    expect(toPlainText('Le *titre de séjour* : à renouveler.')).toBe(
      'Le titre de séjour : à renouveler.',
    );
  });
});

describe('replyToText', () => {
  it('lists citations as numbered sources and follow-ups as numbered hints', () => {
    const text = replyToText(
      reply({
        text: 'Open an account at **any** branch.',
        citations: [
          { id: 'kb_bank', title: 'Opening a bank account', url: 'https://kb.example/kb_bank' },
          { id: 'kb_phone', title: 'Phone cards', url: '' },
        ],
        followUps: [
          { label: 'Register for the welcome orientation', text: 'register welcome' },
          { label: 'FAQ on visas', text: 'visa faq' },
        ],
      }),
    );
    expect(text).toBe(
      [
        'Open an account at any branch.',
        '',
        'Sources:',
        '[1] Opening a bank account: https://kb.example/kb_bank',
        '[2] Phone cards',
        '',
        'Reply 1: Register for the welcome orientation',
        'Reply 2: FAQ on visas',
      ].join('\n'),
    );
  });

  it('writes the headings and hints in the reply language', () => {
    const zh = replyToText(
      reply({
        language: 'zh',
        text: '请带护照。',
        citations: [{ id: 'a', title: '银行开户', url: 'https://kb.example/a' }],
        followUps: [{ label: '我的报名', text: '我的报名' }],
      }),
    );
    expect(zh).toContain('来源：\n[1] 银行开户: https://kb.example/a');
    expect(zh).toContain('回复 1：我的报名');
    const fr = replyToText(
      reply({
        language: 'fr',
        citations: [{ id: 'a', title: 'Banque', url: 'https://kb.example/a' }],
        followUps: [{ label: 'Mes inscriptions', text: 'mes inscriptions' }],
      }),
    );
    expect(fr).toContain('Sources :\n[1] Banque');
    expect(fr).toContain('Répondez 1 : Mes inscriptions');
  });
});

describe('pickFollowUp', () => {
  const followUps = [
    { label: 'A', text: 'first' },
    { label: 'B', text: 'second' },
  ];
  it('takes a number, full-width or with #, as the follow-up it names', () => {
    expect(pickFollowUp('1', followUps)?.text).toBe('first');
    expect(pickFollowUp(' ２ ', followUps)?.text).toBe('second');
    expect(pickFollowUp('#2', followUps)?.text).toBe('second');
  });
  it('leaves other texts and numbers out of range alone', () => {
    expect(pickFollowUp('3', followUps)).toBeUndefined();
    expect(pickFollowUp('0', followUps)).toBeUndefined();
    expect(pickFollowUp('1 more', followUps)).toBeUndefined();
  });
});

describe('splitMessage', () => {
  it('sends a short text as one message without a number', () => {
    expect(splitMessage('  Hello  ', PERSONAL_CHAT_LIMIT)).toEqual(['Hello']);
    expect(splitMessage('   ', PERSONAL_CHAT_LIMIT)).toEqual([]);
  });

  it('cuts between paragraphs first and numbers the parts', () => {
    // About 710 characters each: two fit in one message, three do not.
    const paragraph = (n: number) => `Paragraph ${n}. ${'word '.repeat(140).trim()}`;
    const text = [1, 2, 3, 4, 5].map(paragraph).join('\n\n');
    const parts = splitMessage(text, PERSONAL_CHAT_LIMIT);
    expect(parts).toHaveLength(3);
    expect(parts.map((p) => p.slice(0, 6))).toEqual(['(1/3) ', '(2/3) ', '(3/3) ']);
    expect(unlabel(parts[0] ?? '')).toBe(`${paragraph(1)}\n\n${paragraph(2)}`);
    expect(unlabel(parts[2] ?? '')).toBe(paragraph(5));
    for (const part of parts) expect(measure(part, 'chars')).toBeLessThanOrEqual(2000);
  });

  it('cuts a long paragraph between sentences, Chinese ones too', () => {
    const sentence = '居留许可需要在到期前三十天内到出入境管理局办理续签手续。';
    const text = sentence.repeat(60);
    const parts = splitMessage(text, OFFICIAL_ACCOUNT_LIMIT);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(Buffer.byteLength(part)).toBeLessThanOrEqual(2048);
      expect(unlabel(part).endsWith('。')).toBe(true);
    }
    expect(parts.map(unlabel).join('')).toBe(text);
  });

  it('counts bytes for the Official Account and never cuts inside a character', () => {
    const text = '汉'.repeat(1500); // 4,500 bytes, no spaces, no punctuation
    const parts = splitMessage(text, OFFICIAL_ACCOUNT_LIMIT);
    expect(parts).toHaveLength(3);
    for (const part of parts) {
      expect(Buffer.byteLength(part)).toBeLessThanOrEqual(2048);
      expect(part).not.toContain('\uFFFD');
    }
    expect(parts.map(unlabel).join('')).toBe(text);
    // The same text fits one personal-chat message: 1,500 characters.
    expect(splitMessage(text, PERSONAL_CHAT_LIMIT)).toEqual([text]);
  });

  it('keeps an emoji whole at a hard cut', () => {
    const text = `${'a'.repeat(5)}👩‍🎓${'b'.repeat(5)}`;
    const parts = splitMessage(text, { max: 12, unit: 'chars' });
    expect(parts.map(unlabel).join('')).toBe(text);
    expect(parts.some((p) => p.includes('👩‍🎓'))).toBe(true);
  });

  it('makes room for two-digit part numbers', () => {
    const text = Array.from({ length: 30 }, (_, i) => `Sentence number ${i}.`).join(' ');
    const parts = splitMessage(text, { max: 30, unit: 'chars' });
    expect(parts.length).toBeGreaterThanOrEqual(10);
    expect(parts.at(-1)?.startsWith(`(${parts.length}/${parts.length}) `)).toBe(true);
    for (const part of parts) expect(measure(part, 'chars')).toBeLessThanOrEqual(30);
  });

  it('refuses a limit too small to hold a part number', () => {
    expect(() => splitMessage('abcdefghij', { max: 5, unit: 'chars' })).toThrow(RangeError);
  });

  it('loses no word and respects the limit, whatever the text', () => {
    const piece = fc.oneof(
      fc.constantFrom('word', 'mot', '汉字', '。', '. ', '! ', '\n', '\n\n', ' ', 'é', '🎓'),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 200 }),
        fc.integer({ min: 16, max: 120 }),
        fc.constantFrom<'chars' | 'bytes'>('chars', 'bytes'),
        (pieces, max, unit) => {
          const text = pieces.join('');
          const parts = splitMessage(text, { max, unit });
          for (const part of parts) expect(measure(part, unit)).toBeLessThanOrEqual(max);
          const words = (s: string) => s.split(/\s+/).filter((w) => w !== '');
          const rebuilt = parts.length > 1 ? parts.map(unlabel) : parts;
          expect(words(rebuilt.join('')).join('')).toBe(words(text).join(''));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('renderReply', () => {
  it('renders a long reply with its sources at the end of the last part', () => {
    const body = Array.from({ length: 40 }, (_, i) => `Point ${i}: ${'detail '.repeat(12)}`).join(
      '\n\n',
    );
    const parts = renderReply(
      reply({
        text: body,
        citations: [{ id: 'kb', title: 'Guide', url: 'https://kb.example/kb' }],
      }),
    );
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.at(-1)).toContain('Sources:\n[1] Guide: https://kb.example/kb');
  });
});

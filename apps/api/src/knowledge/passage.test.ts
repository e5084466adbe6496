import { describe, expect, it } from 'vitest';
import { parseQuery } from './bm25';
import {
  bestPassage,
  markdownBlocks,
  PASSAGE_LENGTH,
  sentences,
  stripInline,
  stripMarkdown,
  truncate,
} from './passage';

const weightsOf = (question: string) =>
  new Map(parseQuery(question).terms.map(({ term, weight }) => [term, weight]));

describe('Markdown to text', () => {
  it('removes inline marks and keeps the words', () => {
    expect(
      stripInline(
        'Ask **the desk** or _the office_, see [the guide](https://x.example/g) ![map](m.png) `code` ~~old~~ <b>now</b>',
      ),
    ).toBe('Ask the desk or the office, see the guide map code old now');
    expect(stripInline('file_name_here and 2*3*4')).toBe('file_name_here and 2*3*4');
  });

  it('cuts a document into headings, paragraphs, list items and table rows', () => {
    const blocks = markdownBlocks(
      [
        '# Title',
        '',
        'First line',
        'continues here.',
        '',
        '## Steps ##',
        '1. Go to the desk.',
        '- Bring your **passport**;',
        '> Quoted advice.',
        '---',
        '| Number | Service |',
        '| --- | :---: |',
        '| **110** | Police |',
        '```',
        'code line',
        '```',
      ].join('\n'),
    );
    expect(blocks).toEqual([
      { text: 'Title', heading: true, level: 1 },
      { text: 'First line continues here.', heading: false },
      { text: 'Steps', heading: true, level: 2 },
      { text: 'Go to the desk.', heading: false },
      { text: 'Bring your passport; Quoted advice.', heading: false },
      { text: 'Number · Service', heading: false },
      { text: '110 · Police', heading: false },
      { text: 'code line', heading: false },
    ]);
    expect(stripMarkdown('# A\n\nb **c**')).toBe('A\nb c');
  });

  it('splits sentences after a stop and a space, or after Chinese stops', () => {
    expect(sentences('Write to visa@example.edu. Then wait! 好的。请等待；谢谢')).toEqual([
      'Write to visa@example.edu.',
      'Then wait!',
      '好的。',
      '请等待；',
      '谢谢',
    ]);
  });

  it('truncates at a space with an ellipsis', () => {
    expect(truncate('short', 10)).toBe('short');
    const cut = truncate('one two three four five six', 12);
    expect(cut).toBe('one two…');
    expect([...truncate('居'.repeat(400))].length).toBe(PASSAGE_LENGTH);
  });
});

describe('bestPassage', () => {
  const body = [
    '# Renewing your residence permit',
    '',
    'Your permit is valid until the date printed in your passport.',
    '',
    '## Before you go',
    'Check your health insurance first. Then ask the Visa Desk for a study certificate.',
    '',
    '## Deadline',
    'Renew the residence permit at least 30 days before it expires. The bureau keeps the passport for 7 days.',
    '',
    '## Library',
    'The library opens at eight.',
  ].join('\n');

  it('quotes the window that holds the most of the question', () => {
    const passage = bestPassage(body, weightsOf('renew residence permit'));
    expect(passage).toBe(
      'Renew the residence permit at least 30 days before it expires. The bureau keeps the passport for 7 days.',
    );
  });

  it('takes a matching heading with its section, and never crosses into the next section', () => {
    const passage = bestPassage(body, weightsOf('deadline'));
    expect(passage.startsWith('Deadline\nRenew the residence permit')).toBe(true);
    expect(passage).not.toContain('library');
  });

  it('keeps to the length limit and falls back to the first paragraph', () => {
    const long = `# T\n\n${'Renew the permit early. '.repeat(40)}`;
    expect([...bestPassage(long, weightsOf('renew'))].length).toBeLessThanOrEqual(PASSAGE_LENGTH);
    expect(bestPassage(body, weightsOf('quantum'))).toBe(
      'Your permit is valid until the date printed in your passport.',
    );
    expect(bestPassage('', weightsOf('quantum'))).toBe('');
  });

  it('quotes Chinese by its words and bigrams', () => {
    const zh =
      '# 续签\n\n请按时报到。\n\n## 续签\n居留许可续签请在到期前30天申请。出入境管理局收存护照7个工作日。';
    expect(bestPassage(zh, weightsOf('居留许可续签'))).toMatch(
      /^续签\n居留许可续签请在到期前30天申请。/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { Reply } from '../engine/types';
import { renderGaps, renderHelp, renderReply } from './blocks';

const reply = (overrides: Partial<Reply> = {}): Reply => ({
  text: 'Bonjour',
  language: 'fr',
  citations: [],
  operations: [],
  followUps: [],
  handoff: null,
  ...overrides,
});

interface AnyBlock {
  type: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: { text?: unknown; value?: string }[];
}
const asBlocks = (blocks: unknown): AnyBlock[] => blocks as AnyBlock[];

describe('renderReply', () => {
  it('renders a plain answer as one escaped section, with the text for notifications', () => {
    const message = renderReply(reply({ text: 'Délai < 2 mois & plus' }));
    expect(message.text).toBe('Délai < 2 mois & plus');
    expect(message.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: 'Délai &lt; 2 mois &amp; plus' } },
    ]);
  });

  it('labels the sources in the reply’s language, and adds the notice under them', () => {
    const message = renderReply(
      reply({
        language: 'zh',
        text: '续签居留许可',
        citations: [{ id: 'a', title: '居留许可', url: 'https://kb.example.edu/a' }],
      }),
      '工作人员会在这里回复您。',
    );
    const blocks = asBlocks(message.blocks);
    expect(blocks.map((b) => b.type)).toEqual(['section', 'context', 'context']);
    expect(blocks[1]?.elements?.[0]?.text).toBe('*来源:*');
    expect(blocks[2]?.elements?.[0]?.text).toBe('工作人员会在这里回复您。');
    expect(message.text).toBe('续签居留许可\n\n工作人员会在这里回复您。');
  });

  it('keeps within Block Kit’s limits: long text, many fields, citations and buttons', () => {
    const message = renderReply(
      reply({
        text: `${'word '.repeat(1000)}`,
        fields: Array.from({ length: 13 }, (_, i) => ({
          label: `Field ${i}`,
          value: 'x'.repeat(2500),
        })),
        citations: Array.from({ length: 12 }, (_, i) => ({
          id: `a${i}`,
          title: `Article ${i}`,
          url: `https://kb.example.edu/a${i}`,
        })),
        followUps: Array.from({ length: 30 }, (_, i) => ({
          label: `A very long follow-up label number ${i} that goes well beyond seventy-five characters`,
          text: `follow up ${i}`,
        })),
      }),
    );
    const blocks = asBlocks(message.blocks);
    const sections = blocks.filter((b) => b.type === 'section');
    for (const section of sections) {
      expect(section.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
      expect(section.fields?.length ?? 0).toBeLessThanOrEqual(10);
      for (const field of section.fields ?? []) expect(field.text.length).toBeLessThanOrEqual(2000);
    }
    expect(sections.filter((s) => s.text !== undefined)).toHaveLength(2);
    expect(sections.filter((s) => s.fields !== undefined).map((s) => s.fields?.length)).toEqual([
      10, 3,
    ]);
    const context = blocks.find((b) => b.type === 'context');
    expect(context?.elements).toHaveLength(10);
    const actions = blocks.find((b) => b.type === 'actions');
    expect(actions?.elements).toHaveLength(25);
    const first = actions?.elements?.[0]?.text as { text: string };
    expect(Array.from(first.text).length).toBeLessThanOrEqual(75);
    expect(first.text.endsWith('…')).toBe(true);
    expect(actions?.elements?.[0]?.value).toBe('follow up 0');
    expect(message.text.length).toBeLessThanOrEqual(4000);
  });

  it('never sends an empty section', () => {
    expect(asBlocks(renderReply(reply({ text: '  ' })).blocks)[0]?.text?.text).toBe('…');
  });
});

describe('renderHelp and renderGaps', () => {
  it('explains the commands in three languages, with the placeholder escaped', () => {
    for (const language of ['en', 'fr', 'zh'] as const) {
      const help = renderHelp(language);
      expect(help.text).toContain('/passerelle gaps');
      expect(JSON.stringify(help.blocks)).not.toMatch(/<question>|<问题>/);
    }
  });

  it('says so when nothing is unanswered, and lists gaps most asked first', () => {
    expect(renderGaps([]).text).toContain('No unanswered questions');
    const listed = renderGaps([
      {
        question: 'Can I bring <my> cat?',
        language: 'en',
        count: 3,
        firstAskedAt: '2025-11-01T00:00:00.000Z',
        lastAskedAt: '2025-11-19T00:00:00.000Z',
      },
      {
        question: '宿舍可以养猫吗？',
        language: 'zh',
        count: 1,
        firstAskedAt: '2025-11-02T00:00:00.000Z',
        lastAskedAt: '2025-11-02T00:00:00.000Z',
      },
    ]);
    expect(listed.text).toBe(
      'Unanswered questions: 2 (asked 4 times)\n3× Can I bring <my> cat?\n1× 宿舍可以养猫吗？',
    );
    const blocks = asBlocks(listed.blocks);
    expect(blocks[1]?.text?.text).toBe(
      '*3 times* · en · last 2025-11-19\n>Can I bring &lt;my&gt; cat?',
    );
    expect(blocks[2]?.text?.text).toBe('*once* · zh · last 2025-11-02\n>宿舍可以养猫吗？');
  });
});

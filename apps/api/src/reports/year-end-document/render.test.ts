import { type YearEndReview, yearFigure } from '@passerelle/core';
import { describe, expect, it } from 'vitest';
import { renderYearEndHtml, YEAR_END_HTML_CSP } from './html';
import { escapeMarkdown, renderYearEndMarkdown } from './markdown';
import { delegationsByMonth, type YearEndDocument } from './model';
import { columnChart, escapeXml, horizontalBarChart, niceAxis, textWidth } from './svg';

const figure = yearFigure;
const zero = figure(0, 0);
const HOSTILE = '<script>alert("x")</script> | *Zhou* [link](http://evil.example) & co';

/** A small review written by hand: a rise, a fall, no change, something new, and a hostile name. */
function handBuiltReview(): YearEndReview {
  return {
    year: 2025,
    previousYear: 2024,
    internationalStudents: {
      total: figure(45, 38),
      byProgrammeKind: [
        { programmeKind: 'degree', ...figure(12, 10) },
        { programmeKind: 'exchange', ...figure(14, 12) },
        { programmeKind: 'dual_degree', ...figure(11, 9) },
        { programmeKind: 'intern', ...figure(8, 7) },
      ],
      byCountry: [
        { country: 'FR', ...figure(30, 26) },
        { country: 'DE', ...figure(3, 3) },
        { country: 'BR', ...figure(1, 0) },
      ],
    },
    shortTermVisitors: {
      total: figure(370, 320),
      byCountry: [{ country: 'BE', ...figure(20, 25) }],
    },
    summerSchool: { sessions: figure(3, 2), participants: figure(90, 68) },
    visitingScholarsAndStaff: figure(56, 44),
    delegations: { inbound: figure(3, 4), outbound: figure(1, 1) },
    agreements: { signed: figure(3, 2), expiring: figure(2, 1) },
    events: {
      total: figure(9, 7),
      cultural: figure(5, 4),
      byKind: [
        {
          kind: 'academic_seminar',
          events: figure(7, 6),
          attended: figure(154, 138),
          registered: zero,
        },
        {
          kind: 'performance',
          events: figure(2, 1),
          attended: figure(40, 55),
          registered: figure(80, 0),
        },
        { kind: 'sports', events: zero, attended: zero, registered: zero },
      ],
    },
    publications: figure(53, 46),
    awards: {
      count: figure(2, 4),
      list: [
        { person: 'Zhou Lan', category: 'Outstanding contribution (staff)' },
        { person: HOSTILE, category: 'Student # 1' },
      ],
    },
    partners: {
      total: 5,
      byStage: [
        { stage: 'prospect', count: 1 },
        { stage: 'contacted', count: 0 },
        { stage: 'negotiating', count: 1 },
        { stage: 'partner', count: 3 },
        { stage: 'dormant', count: 0 },
      ],
      byCountry: [
        { country: 'FR', count: 2 },
        { country: 'IT', count: 1 },
      ],
    },
  };
}

function handBuiltDocument(asOf = '2026-01-15'): YearEndDocument {
  return {
    review: handBuiltReview(),
    delegationsByMonth: delegationsByMonth(
      [
        { direction: 'inbound', status: 'completed', startDate: '2025-03-10' },
        { direction: 'inbound', status: 'completed', startDate: '2025-03-20' },
        { direction: 'inbound', status: 'completed', startDate: '2025-10-02' },
        { direction: 'outbound', status: 'completed', startDate: '2025-12-08' },
      ],
      2025,
    ),
    asOf,
  };
}

/** The rows of a Markdown table that start with a label. */
const markdownRow = (markdown: string, label: string) =>
  markdown.split('\n').find((line) => line.startsWith(`| ${label} |`));

describe('delegationsByMonth', () => {
  it('counts the delegations of the year by month and direction, cancelled ones and other years left out', () => {
    const months = delegationsByMonth(
      [
        { direction: 'inbound', status: 'completed', startDate: '2025-05-02' },
        { direction: 'inbound', status: 'planned', startDate: '2025-05-30' },
        { direction: 'outbound', status: 'underway', startDate: '2025-05-15' },
        { direction: 'inbound', status: 'cancelled', startDate: '2025-05-20' },
        { direction: 'outbound', status: 'completed', startDate: '2024-05-20' },
        { direction: 'outbound', status: 'completed', startDate: '2025-12-31' },
      ],
      2025,
    );
    expect(months).toHaveLength(12);
    expect(months[4]).toEqual({ month: 5, inbound: 2, outbound: 1 });
    expect(months[11]).toEqual({ month: 12, inbound: 0, outbound: 1 });
    expect(months.reduce((sum, m) => sum + m.inbound + m.outbound, 0)).toBe(4);
  });
});

describe('renderYearEndMarkdown', () => {
  const markdown = renderYearEndMarkdown(handBuiltDocument(), 'en');

  it('titles the document and says when the figures were read', () => {
    expect(markdown.startsWith('# Year-end review 2025\n')).toBe(true);
    expect(markdown).toContain('Figures of 2025 compared with 2024');
    expect(markdown).toContain('Figures as of January 15, 2026');
    expect(markdown).not.toContain('is not over yet');
  });

  it('gives every key figure with its change: ▲ with the percentage, ▼, = and new', () => {
    expect(markdownRow(markdown, 'New international students')).toBe(
      '| New international students | 45 | 38 | ▲ +7 (+18.4%) |',
    );
    expect(markdownRow(markdown, 'Short-term visiting students')).toBe(
      '| Short-term visiting students | 370 | 320 | ▲ +50 (+15.6%) |',
    );
    expect(markdownRow(markdown, 'Inbound delegations')).toBe(
      '| Inbound delegations | 3 | 4 | ▼ -1 (-25%) |',
    );
    expect(markdownRow(markdown, 'Outbound delegations')).toBe(
      '| Outbound delegations | 1 | 1 | = 0 |',
    );
    expect(markdownRow(markdown, 'Awards')).toBe('| Awards | 2 | 4 | ▼ -2 (-50%) |');
    expect(markdownRow(markdown, 'Brazil')).toBe('| Brazil | 1 | 0 | ▲ +1 (new) |');
    expect(markdownRow(markdown, 'Belgium')).toBe('| Belgium | 20 | 25 | ▼ -5 (-20%) |');
  });

  it('has a table for each breakdown, events with participants and expected participants', () => {
    expect(markdown).toContain('**New international students by programme**');
    expect(markdownRow(markdown, 'Dual degree')).toBe('| Dual degree | 11 | 9 | ▲ +2 (+22.2%) |');
    expect(markdownRow(markdown, 'Performance')).toBe(
      '| Performance | 2 | 1 | ▲ +1 (+100%) | 40 | 55 | ▼ -15 (-27.3%) | 80 |',
    );
    // A kind without events in either year is left out.
    expect(markdownRow(markdown, 'Sports')).toBeUndefined();
    expect(markdownRow(markdown, 'Mar')).toBe('| Mar | 2 | 0 |');
    expect(markdownRow(markdown, 'Dec')).toBe('| Dec | 0 | 1 |');
    expect(markdownRow(markdown, 'Jan')).toBeUndefined();
    expect(markdownRow(markdown, 'Partner')).toBe('| Partner | 3 |');
    expect(markdownRow(markdown, 'Italy')).toBe('| Italy | 1 |');
  });

  it('aligns figures right and labels left', () => {
    expect(markdown).toContain('| :--- | ---: | ---: | ---: |');
  });

  it('lists the awards with every name escaped, so nothing turns into markup', () => {
    expect(markdown).toContain('- Zhou Lan — Outstanding contribution (staff)');
    expect(markdown).toContain(
      '- \\<script\\>alert("x")\\</script\\> \\| \\*Zhou\\* \\[link\\](http://evil.example) \\& co — Student \\# 1',
    );
    expect(markdown).not.toContain('<script>');
  });

  it('is written in Chinese and in French too', () => {
    const zh = renderYearEndMarkdown(handBuiltDocument(), 'zh');
    expect(zh.startsWith('# 2025年度工作总结\n')).toBe(true);
    expect(markdownRow(zh, '新增国际学生')).toBe('| 新增国际学生 | 45 | 38 | ▲ +7 (+18.4%) |');
    expect(markdownRow(zh, '法国')).toBe('| 法国 | 30 | 26 | ▲ +4 (+15.4%) |');
    expect(markdownRow(zh, '巴西')).toBe('| 巴西 | 1 | 0 | ▲ +1 (新增) |');
    const fr = renderYearEndMarkdown(handBuiltDocument(), 'fr');
    expect(fr.startsWith('# Bilan de l’année 2025\n')).toBe(true);
    expect(markdownRow(fr, 'Nouveaux étudiants internationaux')).toBe(
      '| Nouveaux étudiants internationaux | 45 | 38 | ▲ +7 (+18,4\u00a0%) |',
    );
    expect(markdownRow(fr, 'Étudiants en séjour court')).toContain('| 370 | 320 |');
    expect(fr).toContain('Chiffres au 15 janvier 2026');
  });

  it('says when the year is not over', () => {
    const early = renderYearEndMarkdown(handBuiltDocument('2025-11-20'), 'en');
    expect(early).toContain('> 2025 is not over yet: the figures are those recorded to date.');
  });
});

describe('escapeMarkdown', () => {
  it('escapes markup and leading list markers, and folds line breaks', () => {
    expect(escapeMarkdown('a_b*c`d~e')).toBe('a\\_b\\*c\\`d\\~e');
    expect(escapeMarkdown('1. first')).toBe('1\\. first');
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('two\nlines')).toBe('two lines');
    expect(escapeMarkdown('Year-end (2025)')).toBe('Year-end (2025)');
  });
});

describe('renderYearEndHtml', () => {
  const html = renderYearEndHtml(handBuiltDocument(), 'en');
  const svgs = html.match(/<svg[^>]*>/g) ?? [];

  it('is one self-contained, printable page', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>Year-end review 2025</title>');
    expect(html).toContain('<h1>Year-end review 2025</h1>');
    expect(html).toMatch(/@page \{ size: A4;/);
    expect(html).toContain('@media print');
    // Nothing is fetched: no script, link, image, frame, external URL in markup or CSS.
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
    expect(html).not.toMatch(/url\(|@import/i);
    const withoutNamespaces = html.replaceAll('xmlns="http://www.w3.org/2000/svg"', '');
    expect(withoutNamespaces.replace('http://evil.example', '')).not.toMatch(/https?:/);
    expect(YEAR_END_HTML_CSP).toContain("default-src 'none'");
  });

  it('draws the charts as accessible SVG images with titles and descriptions', () => {
    const ids = [
      'chart-students-by-programme',
      'chart-students-by-country',
      'chart-short-term-by-country',
      'chart-events-by-kind',
      'chart-delegations-by-month',
      'chart-partners-by-stage',
      'chart-partners-by-country',
    ];
    expect(svgs).toHaveLength(ids.length);
    for (const id of ids) {
      const open = svgs.find((tag) => tag.includes(`id="${id}"`));
      expect(open, id).toContain('role="img"');
      expect(open, id).toContain(`aria-labelledby="${id}-title ${id}-desc"`);
      expect(html).toContain(`<title id="${id}-title">`);
      expect(html).toContain(`<desc id="${id}-desc">`);
    }
    expect(html).toContain(
      '<title id="chart-students-by-country-title">New international students by country</title>',
    );
    expect(html).toContain(
      '<desc id="chart-students-by-country-desc">France: 2025 30, 2024 26; Germany: 2025 3, 2024 3; Brazil: 2025 1, 2024 0</desc>',
    );
    expect(html).toContain('<title>France (2025): 30</title>');
    expect(html).toContain('<title>Performance (Participants, 2024): 55</title>');
    expect(html).toContain('<title>Mar (Inbound): 2</title>');
  });

  it('shows the headline figures and every change with its arrow and colour', () => {
    expect(html).toMatch(
      /<span class="label">New international students<\/span><span class="value">45<\/span><span class="change up"><span class="arrow" aria-hidden="true">▲<\/span> \+7 \(\+18\.4%\)<\/span><span class="previous">2024: 38<\/span>/,
    );
    expect(html).toContain(
      '<tr><th scope="row">Inbound delegations</th><td class="num">3</td><td class="num">4</td><td class="change down"><span class="arrow" aria-hidden="true">▼</span> -1 (-25%)</td></tr>',
    );
    expect(html).toContain(
      '<td class="change same"><span class="arrow" aria-hidden="true">=</span> 0</td>',
    );
    expect(html).toContain('▲</span> +1 (new)</td>');
  });

  it('escapes every text from the records', () => {
    expect(html).toContain(
      '<li>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; | *Zhou* [link](http://evil.example) &amp; co — Student # 1</li>',
    );
    expect(html).not.toContain('<script>');
  });

  it('is written in Chinese and in French too', () => {
    const zh = renderYearEndHtml(handBuiltDocument(), 'zh');
    expect(zh).toContain('<html lang="zh-Hans">');
    expect(zh).toContain('<h1>2025年度工作总结</h1>');
    expect(zh).toContain(
      '<title id="chart-students-by-country-title">新增国际学生（按国籍）</title>',
    );
    expect(zh).toContain('<title>法国 (2025): 30</title>');
    expect(zh).toContain('<span class="previous">2024年：38</span>');
    const fr = renderYearEndHtml(handBuiltDocument(), 'fr');
    expect(fr).toContain('<html lang="fr">');
    expect(fr).toContain('<h1>Bilan de l’année 2025</h1>');
    expect(fr).toContain('<title>mars (Reçues): 2</title>');
  });

  it('shows what there is when a year has no records', () => {
    const empty = handBuiltReview();
    empty.internationalStudents.byCountry = [];
    empty.shortTermVisitors.byCountry = [];
    empty.partners.byCountry = [];
    empty.awards = { count: zero, list: [] };
    const page = renderYearEndHtml(
      { review: empty, delegationsByMonth: delegationsByMonth([], 2025), asOf: '2026-01-15' },
      'en',
    );
    expect(page).not.toContain('chart-students-by-country');
    expect(page).not.toContain('chart-partners-by-country');
    expect(page).toContain('chart-delegations-by-month');
    expect(page).toContain('<p class="note">No award was recorded in 2025.</p>');
    const markdown = renderYearEndMarkdown(
      { review: empty, delegationsByMonth: delegationsByMonth([], 2025), asOf: '2026-01-15' },
      'en',
    );
    expect(markdown).not.toContain('New international students by country');
    expect(markdown).toContain('_No award was recorded in 2025._');
  });
});

describe('SVG charts', () => {
  const format = (value: number) => String(value);

  it('draws bars in proportion, none for a zero, with the value beside each', () => {
    const svg = horizontalBarChart({
      id: 'c',
      title: 'Title & more',
      categories: ['A <b>', 'B'],
      panels: [{ series: [{ name: 'n', color: '#000', values: [40, 10] }] }],
      format,
    });
    const widths = [...svg.matchAll(/<rect [^>]*width="([\d.]+)"[^>]*><title>/g)].map((m) =>
      Number(m[1]),
    );
    expect(widths).toHaveLength(2);
    expect((widths[0] ?? 0) / (widths[1] ?? 1)).toBeCloseTo(4, 1);
    expect(svg).toContain('<title id="c-title">Title &amp; more</title>');
    expect(svg).toContain('>A &lt;b&gt;</text>');
    expect(svg).not.toContain('class="legend"');
    const withZero = horizontalBarChart({
      id: 'z',
      title: 'Z',
      categories: ['A'],
      panels: [{ series: [{ name: 'n', color: '#000', values: [0] }] }],
      format,
    });
    expect(withZero).not.toMatch(/<rect/);
    expect(withZero).toContain('>0</text>');
  });

  it('draws grouped columns on an axis that starts at zero', () => {
    const svg = columnChart({
      id: 'm',
      title: 'Months',
      width: 400,
      categories: ['Jan', 'Feb'],
      series: [
        { name: 'In', color: '#111', values: [3, 0] },
        { name: 'Out', color: '#222', values: [1, 7] },
      ],
      format,
    });
    expect(svg).toContain('viewBox="0 0 400 ');
    expect(svg.match(/<rect [^>]*><title>/g)).toHaveLength(3);
    expect(svg).toContain('<title>Feb (Out): 7</title>');
    expect(svg).toContain('<desc id="m-desc">Jan: In 3, Out 1; Feb: In 0, Out 7</desc>');
    expect(svg).toContain('class="legend"');
  });

  it('picks a readable axis', () => {
    expect(niceAxis(0)).toEqual({ top: 1, step: 1 });
    expect(niceAxis(2)).toEqual({ top: 2, step: 1 });
    expect(niceAxis(7)).toEqual({ top: 8, step: 2 });
    expect(niceAxis(23)).toEqual({ top: 25, step: 5 });
    expect(niceAxis(370)).toEqual({ top: 400, step: 100 });
  });

  it('measures Chinese wider than Latin text, and escapes for XML', () => {
    expect(textWidth('法国')).toBeGreaterThan(textWidth('FR'));
    expect(textWidth('illicit')).toBeLessThan(textWidth('MMMMMMM'));
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });
});

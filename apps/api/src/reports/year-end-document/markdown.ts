/**
 * The year-end document as Markdown (CommonMark with GFM tables): every figure in tables with
 * its year-on-year change, no charts. Every text, ours or from the records, is escaped, so a
 * name such as `<b>|*x*` shows as written and never as markup or a broken table.
 */
import type { Language } from '@passerelle/core';
import {
  type Block,
  type Cell,
  type Chart,
  type DocumentContent,
  documentContent,
  type Table,
} from './content';
import type { Change } from './i18n';
import type { YearEndDocument } from './model';

/**
 * Markdown's significant punctuation backslash-escaped, a leading list marker too; line breaks
 * folded into spaces. Parentheses stay as they are: without `[` and `]` they make no link.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[ \t]*[\r\n]+[ \t]*/g, ' ')
    .replace(/[\\`*_[\]<>|~#&]/g, (char) => `\\${char}`)
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/^([-+])/, '\\$1');
}

function changeText(change: Change): string {
  return `${change.arrow} ${change.text}`;
}

function cellText(cell: Cell): string {
  return 'change' in cell ? escapeMarkdown(changeText(cell.change)) : escapeMarkdown(cell.text);
}

function table(head: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const numeric = head.map((_, column) =>
    rows.some((row) => {
      const cell = row[column];
      return cell !== undefined && ('change' in cell || cell.numeric === true);
    }),
  );
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(head.map(escapeMarkdown)),
    line(numeric.map((right) => (right ? '---:' : ':---'))),
    ...rows.map((row) => line(row.map(cellText))),
  ].join('\n');
}

function tableBlock(content: Table): string | undefined {
  return content.rows.length === 0 ? undefined : table(content.head, content.rows);
}

/** A chart's title in bold and its table: the figures the HTML draws. */
function figure(chart: Chart, content: Table): string | undefined {
  const rows = tableBlock(content);
  return rows === undefined ? undefined : `**${escapeMarkdown(chart.spec.title)}**\n\n${rows}`;
}

function block(content: Block): string | undefined {
  switch (content.kind) {
    case 'figure':
      return figure(content.chart, content.table);
    case 'figures': {
      const parts = content.figures
        .map((entry) => figure(entry.chart, entry.table))
        .filter((part) => part !== undefined);
      return parts.length === 0 ? undefined : parts.join('\n\n');
    }
    case 'table':
      return tableBlock(content.table);
    case 'note':
      return `_${escapeMarkdown(content.text)}_`;
    case 'list':
      return content.items.map((item) => `- ${escapeMarkdown(item)}`).join('\n');
  }
}

export function renderMarkdown(content: DocumentContent): string {
  const lines: string[] = [
    `# ${escapeMarkdown(content.title)}`,
    '',
    `${escapeMarkdown(content.office)} · ${escapeMarkdown(content.subtitle)} · ${escapeMarkdown(content.asOf)}`,
  ];
  if (content.inProgress !== undefined) lines.push('', `> ${escapeMarkdown(content.inProgress)}`);
  for (const section of content.sections) {
    lines.push('', `## ${escapeMarkdown(section.heading)}`);
    for (const part of section.blocks) {
      const text = block(part);
      if (text !== undefined) lines.push('', text);
    }
  }
  lines.push('', '---', '', `_${escapeMarkdown(content.footer)}_`, '');
  return lines.join('\n');
}

/** The year-end document in Markdown, in one language. */
export function renderYearEndMarkdown(document: YearEndDocument, language: Language): string {
  return renderMarkdown(documentContent(document, language));
}

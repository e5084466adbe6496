/**
 * The year-end document as one printable, self-contained HTML page: inline CSS (with A4 print
 * styles), inline SVG charts, no script, no font, image or style sheet fetched from anywhere
 * (the route also sends a Content-Security-Policy that forbids it). Every text is escaped.
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
import { columnChart, escapeXml, horizontalBarChart, palette } from './svg';

/** The Content-Security-Policy the page is served with: nothing but its own inline styles. */
export const YEAR_END_HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const htmlLanguage: Record<Language, string> = { en: 'en', zh: 'zh-Hans', fr: 'fr' };

const escapeHtml = escapeXml;

const STYLE = `
@page { size: A4; margin: 14mm 14mm 16mm; @bottom-right { content: counter(page) " / " counter(pages); font: 8pt sans-serif; color: ${palette.muted}; } }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; background: #eceff3; }
body { margin: 0; color: ${palette.ink}; font: 10pt/1.45 "Noto Sans", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Segoe UI", "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; }
main { width: 210mm; min-height: 297mm; margin: 8mm auto; padding: 14mm; background: #fff; box-shadow: 0 1px 6px rgba(0, 0, 0, 0.15); }
header.masthead { border-bottom: 2px solid ${palette.current}; padding-bottom: 4mm; margin-bottom: 5mm; }
.office { margin: 0; color: ${palette.current}; font-size: 9pt; font-weight: 600; letter-spacing: 0.06em; text-transform: uppercase; }
h1 { margin: 1mm 0 1mm; font-size: 22pt; line-height: 1.2; }
.subtitle { margin: 0; color: ${palette.muted}; }
.in-progress { margin: 2mm 0 0; padding: 1.5mm 3mm; border-left: 3px solid ${palette.accent}; background: #fdf3ea; font-size: 9pt; }
h2 { margin: 7mm 0 2.5mm; padding-bottom: 1mm; border-bottom: 1px solid ${palette.grid}; font-size: 13pt; color: ${palette.current}; break-after: avoid; }
.highlights { display: grid; grid-template-columns: repeat(4, 1fr); gap: 3mm; margin: 0; padding: 0; list-style: none; }
.highlights li { border: 1px solid ${palette.grid}; border-top: 3px solid ${palette.current}; border-radius: 1.5mm; padding: 2.5mm 3mm; break-inside: avoid; }
.highlights .label { display: block; min-height: 2.9em; color: ${palette.muted}; font-size: 8.5pt; line-height: 1.3; }
.highlights .value { display: block; font-size: 21pt; font-weight: 700; line-height: 1.2; font-variant-numeric: tabular-nums; }
.highlights .change, .highlights .previous { display: block; font-size: 8.5pt; }
.highlights .previous { color: ${palette.muted}; }
figure { margin: 3mm 0 2mm; break-inside: avoid; }
.beside { display: grid; grid-template-columns: 57fr 43fr; gap: 5mm; align-items: start; margin: 2mm 0 3mm; break-inside: avoid; }
.beside figure { margin: 0; }
.beside table { margin-top: 5.5mm; }
.halves { display: grid; grid-template-columns: 1fr 1fr; gap: 5mm; align-items: start; break-inside: avoid; }
figcaption { margin-bottom: 1mm; font-size: 9.5pt; font-weight: 600; }
svg.chart { display: block; width: 100%; height: auto; }
table { width: 100%; margin: 1mm 0 3mm; border-collapse: collapse; font-size: 8.5pt; font-variant-numeric: tabular-nums; break-inside: avoid; }
th, td { padding: 0.9mm 2mm; border-bottom: 1px solid ${palette.grid}; text-align: right; vertical-align: baseline; }
thead th { border-bottom: 1px solid ${palette.axis}; color: ${palette.muted}; font-weight: 600; }
th:first-child, td:first-child { text-align: left; }
tbody th { font-weight: normal; }
td.change { white-space: nowrap; }
.up { color: #17703a; }
.down { color: #b42318; }
.same { color: ${palette.muted}; }
.note { margin: 1mm 0 3mm; color: ${palette.muted}; font-size: 8.5pt; }
ul.awards { margin: 0; padding-left: 5mm; }
ul.awards li { margin: 0.8mm 0; }
section { break-inside: auto; }
footer { margin-top: 8mm; padding-top: 2mm; border-top: 1px solid ${palette.grid}; color: ${palette.muted}; font-size: 8pt; }
@media print {
  html { background: none; }
  main { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
  h1 { font-size: 20pt; }
}
`;

function changeHtml(change: Change): string {
  return `<span class="arrow" aria-hidden="true">${escapeHtml(change.arrow)}</span> ${escapeHtml(change.text)}`;
}

function cellHtml(cell: Cell, column: number): string {
  if ('change' in cell) {
    return `<td class="change ${cell.change.direction}">${changeHtml(cell.change)}</td>`;
  }
  if (column === 0) return `<th scope="row">${escapeHtml(cell.text)}</th>`;
  return `<td${cell.numeric === true ? ' class="num"' : ''}>${escapeHtml(cell.text)}</td>`;
}

function tableHtml(table: Table): string {
  if (table.rows.length === 0) return '';
  const head = table.head.map((text) => `<th scope="col">${escapeHtml(text)}</th>`);
  const rows = table.rows.map(
    (row) => `<tr>${row.map((cell, column) => cellHtml(cell, column)).join('')}</tr>`,
  );
  return `<table><thead><tr>${head.join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** A chart with its caption; nothing when it has nothing to show. */
function chartHtml(chart: Chart): string {
  if (chart.spec.categories.length === 0) return '';
  const svg = chart.type === 'bars' ? horizontalBarChart(chart.spec) : columnChart(chart.spec);
  // The caption is what a sighted reader sees; assistive technology reads the SVG's title.
  return `<figure><figcaption aria-hidden="true">${escapeHtml(chart.spec.title)}</figcaption>${svg}</figure>`;
}

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'figure': {
      const chart = chartHtml(block.chart);
      if (block.placement === 'hidden') return chart;
      const table = tableHtml(block.table);
      if (block.placement === 'below') return `${chart}${table}`;
      return chart === '' ? table : `<div class="beside">${chart}${table}</div>`;
    }
    case 'figures':
      return `<div class="halves">${block.figures.map((entry) => chartHtml(entry.chart)).join('')}</div>`;
    case 'table':
      return tableHtml(block.table);
    case 'note':
      return `<p class="note">${escapeHtml(block.text)}</p>`;
    case 'list':
      return `<ul class="awards">${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
  }
}

export function renderHtml(content: DocumentContent): string {
  const highlights = content.highlights.map(
    (highlight) =>
      `<li><span class="label">${escapeHtml(highlight.label)}</span><span class="value">${escapeHtml(highlight.value)}</span><span class="change ${highlight.change.direction}">${changeHtml(highlight.change)}</span><span class="previous">${escapeHtml(highlight.previous)}</span></li>`,
  );
  const sections = content.sections.map(
    (section) =>
      `<section id="${escapeHtml(section.id)}" aria-labelledby="${escapeHtml(section.id)}-heading"><h2 id="${escapeHtml(section.id)}-heading">${escapeHtml(section.heading)}</h2>${section.blocks.map(blockHtml).join('')}</section>`,
  );
  return [
    '<!doctype html>',
    `<html lang="${htmlLanguage[content.language]}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(content.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    '<header class="masthead">',
    `<p class="office">${escapeHtml(content.office)}</p>`,
    `<h1>${escapeHtml(content.title)}</h1>`,
    `<p class="subtitle">${escapeHtml(content.subtitle)} · <span class="as-of">${escapeHtml(content.asOf)}</span></p>`,
    content.inProgress === undefined
      ? ''
      : `<p class="in-progress">${escapeHtml(content.inProgress)}</p>`,
    '</header>',
    `<ul class="highlights">${highlights.join('')}</ul>`,
    ...sections,
    `<footer>${escapeHtml(content.footer)}</footer>`,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The year-end document as a printable HTML page, in one language. */
export function renderYearEndHtml(document: YearEndDocument, language: Language): string {
  return renderHtml(documentContent(document, language));
}

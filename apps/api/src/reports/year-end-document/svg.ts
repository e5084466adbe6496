/**
 * Bar charts as inline SVG strings: horizontal bars (one or more series per category, in one
 * or more panels that each have their own scale) and vertical columns (grouped series over
 * categories, with a value axis). No library and no external resource: the strings go straight
 * into the HTML page. Each chart is an image to assistive technology (`role="img"`) named by
 * its `<title>` and described, figure by figure, by its `<desc>`; every bar has its own
 * `<title>` (a tooltip on screen).
 */

export interface ChartSeries {
  name: string;
  /** A CSS colour (from this module's palette). */
  color: string;
  /** One value per category. */
  values: readonly number[];
}

export interface BarPanel {
  /** Shown above the panel when the chart has more than one. */
  heading?: string;
  series: readonly ChartSeries[];
}

export interface BarChart {
  /** Unique in the page: the ids of the title and description derive from it. */
  id: string;
  title: string;
  /** The drawing's width in px (default 680, the width of an A4 page's text). */
  width?: number;
  categories: readonly string[];
  panels: readonly BarPanel[];
  format: (value: number) => string;
}

export interface ColumnChart {
  id: string;
  title: string;
  width?: number;
  categories: readonly string[];
  series: readonly ChartSeries[];
  format: (value: number) => string;
}

/** Colours that print well in colour and stay apart in grey. */
export const palette = {
  current: '#1d4e89',
  previous: '#a3b8d6',
  accent: '#d9731f',
  single: '#2c6e8f',
  grid: '#e3e7ed',
  axis: '#8a94a3',
  ink: '#1f2933',
  muted: '#5f6b7a',
} as const;

const FULL_WIDTH = 680;
const FONT_SIZE = 12;
const SMALL_FONT_SIZE = 10.5;
const LEGEND_HEIGHT = 22;

/** Text and attribute values are escaped for XML (and so for HTML). */
export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/**
 * About how wide a text is drawn, in px: wide for CJK, narrower for Latin letters. It errs on
 * the wide side (DejaVu Sans, the widest usual fallback), so labels never run off the chart.
 */
export function textWidth(text: string, fontSize = FONT_SIZE): number {
  let em = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0x2e80) em += 1;
    else if (/[A-Z0-9mw%]/.test(char)) em += 0.72;
    else if (/[iljtfr.,:;'’|! ]/.test(char)) em += 0.34;
    else em += 0.6;
  }
  return em * fontSize;
}

const round = (value: number): number => Math.round(value * 10) / 10;

function svgOpen(
  id: string,
  title: string,
  description: string,
  width: number,
  height: number,
): string {
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" id="${escapeXml(id)}" class="chart" viewBox="0 0 ${width} ${round(height)}" width="100%" preserveAspectRatio="xMinYMin meet" role="img" aria-labelledby="${escapeXml(titleId)} ${escapeXml(descId)}" font-size="${FONT_SIZE}" fill="${palette.ink}">`,
    `<title id="${escapeXml(titleId)}">${escapeXml(title)}</title>`,
    `<desc id="${escapeXml(descId)}">${escapeXml(description)}</desc>`,
  ].join('');
}

function text(
  x: number,
  y: number,
  content: string,
  options: {
    anchor?: 'start' | 'middle' | 'end';
    size?: number;
    color?: string;
    bold?: boolean;
  } = {},
): string {
  const attributes = [
    `x="${round(x)}"`,
    `y="${round(y)}"`,
    options.anchor === undefined || options.anchor === 'start'
      ? ''
      : `text-anchor="${options.anchor}"`,
    options.size === undefined ? '' : `font-size="${options.size}"`,
    options.color === undefined ? '' : `fill="${options.color}"`,
    options.bold === true ? 'font-weight="600"' : '',
  ].filter((attribute) => attribute !== '');
  return `<text ${attributes.join(' ')}>${escapeXml(content)}</text>`;
}

function rect(x: number, y: number, width: number, height: number, color: string, tip: string) {
  return `<rect x="${round(x)}" y="${round(y)}" width="${round(width)}" height="${round(height)}" rx="1.5" fill="${color}"><title>${escapeXml(tip)}</title></rect>`;
}

/** The series of a chart once each, in order, as a row of swatches. */
function legend(series: readonly ChartSeries[], x: number, y: number): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  let cursor = x;
  for (const entry of series) {
    const key = `${entry.name}\u0000${entry.color}`;
    if (seen.has(key)) continue;
    seen.add(key);
    parts.push(
      `<rect x="${round(cursor)}" y="${round(y - 9)}" width="10" height="10" rx="1.5" fill="${entry.color}"/>`,
      text(cursor + 14, y, entry.name, { size: SMALL_FONT_SIZE, color: palette.muted }),
    );
    cursor += 14 + textWidth(entry.name, SMALL_FONT_SIZE) + 18;
  }
  return `<g class="legend">${parts.join('')}</g>`;
}

/** The figures of a chart read out, one category after another, for `<desc>`. */
function describe(
  categories: readonly string[],
  panels: readonly BarPanel[],
  format: (value: number) => string,
): string {
  return categories
    .map((category, index) => {
      const figures = panels.flatMap((panel) =>
        panel.series.map((series) => {
          const name =
            panels.length > 1 && panel.heading !== undefined
              ? `${panel.heading}, ${series.name}`
              : series.name;
          return `${name} ${format(series.values[index] ?? 0)}`;
        }),
      );
      return `${category}: ${figures.join(', ')}`;
    })
    .join('; ');
}

/** Horizontal bars: a row per category, a bar per series, panels side by side. */
export function horizontalBarChart(chart: BarChart): string {
  const { categories, panels, format } = chart;
  const width = chart.width ?? FULL_WIDTH;
  const seriesPerRow = Math.max(1, ...panels.map((panel) => panel.series.length));
  const barHeight = seriesPerRow === 1 ? 16 : 10;
  const rowGap = seriesPerRow === 1 ? 9 : 7;
  const rowHeight = seriesPerRow * barHeight + (seriesPerRow - 1) * 2 + rowGap;
  const labelWidth = Math.min(
    width * 0.38,
    Math.max(40, ...categories.map((category) => textWidth(category))) + 12,
  );
  const panelGap = 20;
  const panelWidth = (width - labelWidth - panelGap * (panels.length - 1)) / panels.length;
  const headed = panels.length > 1 && panels.some((panel) => panel.heading !== undefined);
  const allSeries = panels.flatMap((panel) => panel.series);
  const showLegend = allSeries.length > 1;
  const top = (showLegend ? LEGEND_HEIGHT : 4) + (headed ? 18 : 0);
  const height = top + categories.length * rowHeight + 6;

  const parts: string[] = [];
  if (showLegend) parts.push(legend(allSeries, labelWidth, 13));
  categories.forEach((category, row) => {
    const y = top + row * rowHeight;
    const middle = y + (rowHeight - rowGap) / 2;
    parts.push(text(labelWidth - 10, middle + 4, category, { anchor: 'end' }));
  });
  panels.forEach((panel, index) => {
    const x0 = labelWidth + index * (panelWidth + panelGap);
    const values = panel.series.flatMap((series) => [...series.values]);
    const max = Math.max(0, ...values);
    const valueWidth =
      Math.max(...values.map((value) => textWidth(format(value), SMALL_FONT_SIZE)), 8) + 8;
    const scale = max === 0 ? 0 : (panelWidth - valueWidth) / max;
    const group: string[] = [];
    if (headed && panel.heading !== undefined) {
      group.push(text(x0, top - 8, panel.heading, { size: SMALL_FONT_SIZE, bold: true }));
    }
    categories.forEach((category, row) => {
      const y = top + row * rowHeight;
      panel.series.forEach((series, s) => {
        const value = series.values[row] ?? 0;
        const barY = y + s * (barHeight + 2);
        const width = value * scale;
        if (value > 0) {
          const name =
            panels.length > 1 && panel.heading !== undefined
              ? `${panel.heading}, ${series.name}`
              : series.name;
          group.push(
            rect(
              x0,
              barY,
              width,
              barHeight,
              series.color,
              `${category} (${name}): ${format(value)}`,
            ),
          );
        }
        group.push(
          text(x0 + width + 4, barY + barHeight - 2, format(value), {
            size: SMALL_FONT_SIZE,
            color: palette.muted,
          }),
        );
      });
    });
    group.push(
      `<line x1="${round(x0)}" x2="${round(x0)}" y1="${round(top - 3)}" y2="${round(height - 6)}" stroke="${palette.axis}" stroke-width="1"/>`,
    );
    parts.push(`<g class="panel">${group.join('')}</g>`);
  });

  return `${svgOpen(chart.id, chart.title, describe(categories, panels, format), width, height)}${parts.join('')}</svg>`;
}

/** The top of a value axis: 1, 2 or 5 times a power of ten, and its step (at most 5 steps). */
export function niceAxis(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 1, step: 1 };
  for (let power = 1; ; power *= 10) {
    for (const factor of [1, 2, 5]) {
      const step = factor * power;
      const top = Math.ceil(max / step) * step;
      if (top / step <= 5) return { top, step };
    }
  }
}

/** Vertical columns: a group per category, a column per series, a value axis with grid. */
export function columnChart(chart: ColumnChart): string {
  const { categories, series, format } = chart;
  const width = chart.width ?? FULL_WIDTH;
  const values = series.flatMap((entry) => [...entry.values]);
  const { top, step } = niceAxis(Math.max(0, ...values));
  const axisWidth =
    Math.max(...[0, top].map((value) => textWidth(format(value), SMALL_FONT_SIZE))) + 10;
  const plotTop = LEGEND_HEIGHT + 10;
  const plotHeight = 120;
  const plotBottom = plotTop + plotHeight;
  const height = plotBottom + 24;
  const plotLeft = axisWidth;
  const plotWidth = width - plotLeft - 4;
  const groupWidth = plotWidth / Math.max(1, categories.length);
  const columnWidth = Math.min(18, (groupWidth * 0.72) / Math.max(1, series.length));
  const y = (value: number) => plotBottom - (value / top) * plotHeight;

  const parts: string[] = [legend(series, plotLeft, 13)];
  for (let tick = 0; tick <= top; tick += step) {
    parts.push(
      `<line x1="${round(plotLeft)}" x2="${width - 4}" y1="${round(y(tick))}" y2="${round(y(tick))}" stroke="${tick === 0 ? palette.axis : palette.grid}" stroke-width="1"/>`,
      text(plotLeft - 6, y(tick) + 4, format(tick), {
        anchor: 'end',
        size: SMALL_FONT_SIZE,
        color: palette.muted,
      }),
    );
  }
  categories.forEach((category, index) => {
    const groupLeft = plotLeft + index * groupWidth;
    const first = groupLeft + (groupWidth - columnWidth * series.length) / 2;
    series.forEach((entry, s) => {
      const value = entry.values[index] ?? 0;
      if (value <= 0) return;
      const x = first + s * columnWidth;
      parts.push(
        rect(
          x + 1,
          y(value),
          columnWidth - 2,
          plotBottom - y(value),
          entry.color,
          `${category} (${entry.name}): ${format(value)}`,
        ),
        text(x + columnWidth / 2, y(value) - 3, format(value), {
          anchor: 'middle',
          size: SMALL_FONT_SIZE - 1,
          color: palette.muted,
        }),
      );
    });
    parts.push(
      text(groupLeft + groupWidth / 2, plotBottom + 16, category, {
        anchor: 'middle',
        size: SMALL_FONT_SIZE,
      }),
    );
  });

  const description = describe(categories, [{ series }], format);
  return `${svgOpen(chart.id, chart.title, description, width, height)}${parts.join('')}</svg>`;
}

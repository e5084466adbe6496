/**
 * The year-end document as content, before any markup: its title, the headline figures, and
 * sections of tables, charts, notes and lists, all in one language. The Markdown and HTML
 * renderers share it, so both say the same thing; only the HTML draws the charts (the tables
 * beside them carry the same figures).
 */
import type { Language, YearFigure } from '@passerelle/core';
import { type Change, type DocumentTexts, documentTexts, type FigureKey, formatsOf } from './i18n';
import { type YearEndDocument, yearInProgress } from './model';
import { type BarChart, type ColumnChart, palette } from './svg';

/** A table cell: plain text, or a year-on-year change. */
export type Cell = { text: string; numeric?: boolean } | { change: Change };

export interface Table {
  head: readonly string[];
  rows: readonly (readonly Cell[])[];
}

export type Chart = { type: 'bars'; spec: BarChart } | { type: 'columns'; spec: ColumnChart };

/**
 * Where the HTML puts a chart's table: `beside` it, `below` it, or nowhere (`hidden`) when
 * the table only repeats what the chart shows. Markdown has no charts and shows every table.
 */
export type TablePlacement = 'beside' | 'below' | 'hidden';

export type Block =
  | { kind: 'figure'; chart: Chart; table: Table; placement: TablePlacement }
  /** Charts side by side, whose tables only repeat them. */
  | { kind: 'figures'; figures: readonly { chart: Chart; table: Table }[] }
  | { kind: 'table'; table: Table }
  | { kind: 'note'; text: string }
  | { kind: 'list'; items: readonly string[] };

/** Widths of a chart drawn across the page, beside a table, and half the page. */
export const chartWidths = { full: 680, beside: 400, half: 330 } as const;

export interface Section {
  id: string;
  heading: string;
  blocks: readonly Block[];
}

export interface Highlight {
  label: string;
  value: string;
  change: Change;
  previous: string;
}

export interface DocumentContent {
  language: Language;
  title: string;
  subtitle: string;
  office: string;
  asOf: string;
  /** Said when the year is not over. */
  inProgress: string | undefined;
  yearLabel: string;
  previousYearLabel: string;
  highlights: readonly Highlight[];
  sections: readonly Section[];
  footer: string;
}

const HIGHLIGHTS: readonly FigureKey[] = [
  'newStudents',
  'shortTermVisitors',
  'visitingScholars',
  'events',
];

export function documentContent(document: YearEndDocument, language: Language): DocumentContent {
  const { review } = document;
  const t: DocumentTexts = documentTexts[language];
  const f = formatsOf(language);
  const year = String(review.year);
  const previousYear = String(review.previousYear);
  const num = (value: number): Cell => ({ text: f.number(value), numeric: true });
  const figureCells = (figure: YearFigure): Cell[] => [
    num(figure.value),
    num(figure.previous),
    { change: f.change(figure) },
  ];
  const yearSeries = (figures: readonly YearFigure[]) => [
    { name: year, color: palette.current, values: figures.map((figure) => figure.value) },
    {
      name: previousYear,
      color: palette.previous,
      values: figures.map((figure) => figure.previous),
    },
  ];

  const figures: Record<FigureKey, YearFigure> = {
    newStudents: review.internationalStudents.total,
    shortTermVisitors: review.shortTermVisitors.total,
    summerSessions: review.summerSchool.sessions,
    summerParticipants: review.summerSchool.participants,
    visitingScholars: review.visitingScholarsAndStaff,
    inboundDelegations: review.delegations.inbound,
    outboundDelegations: review.delegations.outbound,
    agreementsSigned: review.agreements.signed,
    agreementsExpiring: review.agreements.expiring,
    events: review.events.total,
    culturalEvents: review.events.cultural,
    publications: review.publications,
    awards: review.awards.count,
  };
  const figureKeys = Object.keys(figures) as FigureKey[];

  const keyFigures: Section = {
    id: 'key-figures',
    heading: t.keyFigures,
    blocks: [
      {
        kind: 'table',
        table: {
          head: [t.figure, year, previousYear, t.change],
          rows: figureKeys.map((key) => [{ text: t.figures[key] }, ...figureCells(figures[key])]),
        },
      },
    ],
  };

  /** A breakdown by some key: a chart of both years beside a table with the changes. */
  const breakdown = <T extends YearFigure>(
    id: string,
    title: string,
    keyHeading: string,
    entries: readonly T[],
    label: (entry: T) => string,
  ): Block => ({
    kind: 'figure',
    placement: 'beside',
    chart: {
      type: 'bars',
      spec: {
        id,
        title,
        width: chartWidths.beside,
        categories: entries.map(label),
        panels: [{ series: yearSeries(entries) }],
        format: f.number,
      },
    },
    table: {
      head: [keyHeading, year, previousYear, t.change],
      rows: entries.map((entry) => [{ text: label(entry) }, ...figureCells(entry)]),
    },
  });

  const students: Section = {
    id: 'students',
    heading: t.studentsSection,
    blocks: [
      breakdown(
        'chart-students-by-programme',
        t.byProgrammeKind,
        t.programmeKind,
        review.internationalStudents.byProgrammeKind,
        (entry) => t.programmeKinds[entry.programmeKind],
      ),
      breakdown(
        'chart-students-by-country',
        t.newStudentsByCountry,
        t.country,
        review.internationalStudents.byCountry,
        (entry) => f.country(entry.country),
      ),
      breakdown(
        'chart-short-term-by-country',
        t.shortTermByCountry,
        t.country,
        review.shortTermVisitors.byCountry,
        (entry) => f.country(entry.country),
      ),
    ],
  };

  const eventKinds = review.events.byKind.filter(
    (entry) => entry.events.value > 0 || entry.events.previous > 0,
  );
  const events: Section = {
    id: 'events',
    heading: t.eventsSection,
    blocks: [
      {
        kind: 'figure',
        placement: 'below',
        chart: {
          type: 'bars',
          spec: {
            id: 'chart-events-by-kind',
            title: t.eventsByKind,
            categories: eventKinds.map((entry) => t.eventKinds[entry.kind]),
            panels: [
              {
                heading: t.eventsCount,
                series: yearSeries(eventKinds.map((entry) => entry.events)),
              },
              {
                heading: t.participants,
                series: yearSeries(eventKinds.map((entry) => entry.attended)),
              },
            ],
            format: f.number,
          },
        },
        table: {
          head: [
            t.eventKind,
            `${t.eventsCount} ${year}`,
            previousYear,
            t.change,
            `${t.participants} ${year}`,
            previousYear,
            t.change,
            `${t.expected} ${year}`,
          ],
          rows: eventKinds.map((entry) => [
            { text: t.eventKinds[entry.kind] },
            ...figureCells(entry.events),
            ...figureCells(entry.attended),
            entry.registered.value === 0
              ? { text: '—', numeric: true }
              : num(entry.registered.value),
          ]),
        },
      },
      { kind: 'note', text: t.attendanceNote },
    ],
  };

  const months = document.delegationsByMonth;
  const delegations: Section = {
    id: 'delegations',
    heading: t.delegationsSection,
    blocks: [
      {
        kind: 'figure',
        placement: 'hidden',
        chart: {
          type: 'columns',
          spec: {
            id: 'chart-delegations-by-month',
            title: t.delegationsByMonth(review.year),
            categories: months.map((entry) => f.month(entry.month)),
            series: [
              { name: t.inbound, color: palette.current, values: months.map((m) => m.inbound) },
              { name: t.outbound, color: palette.accent, values: months.map((m) => m.outbound) },
            ],
            format: f.number,
          },
        },
        table: {
          head: [t.month, t.inbound, t.outbound],
          rows: months
            .filter((entry) => entry.inbound + entry.outbound > 0)
            .map((entry) => [
              { text: f.month(entry.month) },
              num(entry.inbound),
              num(entry.outbound),
            ]),
        },
      },
      {
        kind: 'table',
        table: {
          head: [t.figure, year, previousYear, t.change],
          rows: (['inboundDelegations', 'outboundDelegations', 'visitingScholars'] as const).map(
            (key) => [{ text: t.figures[key] }, ...figureCells(figures[key])],
          ),
        },
      },
    ],
  };

  /** Current counts by some key: a chart of one series, and its table. */
  const counts = <T extends { count: number }>(
    id: string,
    title: string,
    keyHeading: string,
    entries: readonly T[],
    label: (entry: T) => string,
  ) => ({
    chart: {
      type: 'bars' as const,
      spec: {
        id,
        title,
        width: chartWidths.half,
        categories: entries.map(label),
        panels: [
          {
            series: [
              {
                name: t.institutions,
                color: palette.single,
                values: entries.map((entry) => entry.count),
              },
            ],
          },
        ],
        format: f.number,
      },
    },
    table: {
      head: [keyHeading, t.institutions],
      rows: entries.map((entry) => [{ text: label(entry) }, num(entry.count)]),
    },
  });

  const partners = review.partners;
  const partnerSection: Section = {
    id: 'partners',
    heading: t.partnersSection,
    blocks: [
      { kind: 'note', text: t.partnersNote(partners.total) },
      {
        kind: 'figures',
        figures: [
          counts(
            'chart-partners-by-stage',
            t.partnersByStage,
            t.stage,
            partners.byStage,
            (entry) => t.stages[entry.stage],
          ),
          counts(
            'chart-partners-by-country',
            t.partnersByCountry,
            t.country,
            partners.byCountry,
            (entry) => f.country(entry.country),
          ),
        ],
      },
    ],
  };

  const awardList = review.awards.list;
  const awards: Section = {
    id: 'awards',
    heading: t.awardsSection,
    blocks: [
      awardList.length === 0
        ? { kind: 'note', text: t.noAwards(review.year) }
        : { kind: 'list', items: awardList.map((award) => `${award.person} — ${award.category}`) },
    ],
  };

  return {
    language,
    title: t.title(review.year),
    subtitle: t.subtitle(review.year, review.previousYear),
    office: t.office,
    asOf: t.asOf(f.date(document.asOf)),
    inProgress: yearInProgress(document) ? t.inProgress(review.year) : undefined,
    yearLabel: year,
    previousYearLabel: previousYear,
    highlights: HIGHLIGHTS.map((key) => ({
      label: t.figures[key],
      value: f.number(figures[key].value),
      previous: t.previous(review.previousYear, f.number(figures[key].previous)),
      change: f.change(figures[key]),
    })),
    sections: [keyFigures, students, events, delegations, partnerSection, awards],
    footer: t.footer,
  };
}

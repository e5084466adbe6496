/**
 * `/passerelle report 2025`: the year-end review as a Block Kit summary (key figures with their
 * change against the year before, ▲/▼) and a link to the full HTML report: a signed,
 * short-lived link from the API (`reports.yearEndLink`) that a browser opens without a token.
 */
import type { Language, Messages, YearEndReview, YearFigure } from '@passerelle/core';
import type { SlackMessage } from './blocks';

/** The words that ask for the report, and the language they are in. */
const reportWords: Record<string, Language> = {
  report: 'en',
  rapport: 'fr',
  报告: 'zh',
  年报: 'zh',
};

/** `report 2025` → the year and language; undefined when the command is something else. */
export function parseReportCommand(
  text: string,
  thisYear: number,
): { year: number; language: Language } | undefined {
  const match = /^(\S+)(?:\s+(\d{4}))?\s*$/u.exec(text.trim().toLowerCase());
  const language = match?.[1] === undefined ? undefined : reportWords[match[1]];
  if (match === null || language === undefined) return undefined;
  return { year: match[2] === undefined ? thisYear - 1 : Number(match[2]), language };
}

const en = {
  title: 'Year-end review',
  students: 'New international students',
  visitors: 'Short-term visitors',
  summer: 'Summer school participants',
  scholars: 'Visiting scholars and staff',
  inbound: 'Inbound delegations',
  outbound: 'Outbound delegations',
  signed: 'Agreements signed',
  events: 'Events',
  publications: 'Publications',
  awards: 'Awards',
  vs: 'vs',
  full: 'Full report',
};

const labels: Record<Language, typeof en> = {
  en,
  fr: {
    title: 'Bilan annuel',
    students: 'Nouveaux étudiants internationaux',
    visitors: 'Visiteurs de courte durée',
    summer: "Participants à l'école d'été",
    scholars: 'Chercheurs et personnels invités',
    inbound: 'Délégations reçues',
    outbound: 'Délégations envoyées',
    signed: 'Accords signés',
    events: 'Événements',
    publications: 'Publications',
    awards: 'Distinctions',
    vs: 'contre',
    full: 'Rapport complet',
  },
  zh: {
    title: '年度总结',
    students: '新增国际学生',
    visitors: '短期访问人员',
    summer: '暑期学校学员',
    scholars: '访问学者和教职工',
    inbound: '来访代表团',
    outbound: '出访代表团',
    signed: '签署协议',
    events: '活动',
    publications: '出版物',
    awards: '奖项',
    vs: '对比',
    full: '完整报告',
  },
};

export const reportRefused: Messages = {
  en: 'Only staff can see the year-end review.',
  fr: 'Seul le personnel peut consulter le bilan annuel.',
  zh: '只有工作人员可以查看年度总结。',
};

export const reportFailed: Messages = {
  en: 'Sorry, the year-end review could not be read. Please try again in a moment.',
  fr: "Désolé, le bilan annuel n'a pas pu être lu. Réessayez dans un instant.",
  zh: '抱歉，暂时无法读取年度总结，请稍后再试。',
};

/** "12 ▲ +3 (+33.3%)", "4 ▼ −1 (−20%)", "7 = 0". */
export function figureText(figure: YearFigure): string {
  const arrow = figure.change > 0 ? '▲' : figure.change < 0 ? '▼' : '=';
  const sign = figure.change > 0 ? '+' : figure.change < 0 ? '−' : '';
  const percent =
    figure.changePercent === null || figure.change === 0
      ? ''
      : ` (${sign}${Math.abs(figure.changePercent)}%)`;
  return `${figure.value} ${arrow} ${sign}${Math.abs(figure.change)}${percent}`;
}

/** The address of the full report: a signed link's path and query under the public URL. */
export function reportUrl(publicUrl: string, linkPath: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${linkPath}`;
}

/** The summary message; `url` is the full report's (signed) address. */
export function renderYearEnd(
  review: YearEndReview,
  language: Language,
  url: string,
): SlackMessage {
  const l = labels[language];
  const figures: [string, YearFigure][] = [
    [l.students, review.internationalStudents.total],
    [l.visitors, review.shortTermVisitors.total],
    [l.summer, review.summerSchool.participants],
    [l.scholars, review.visitingScholarsAndStaff],
    [l.inbound, review.delegations.inbound],
    [l.outbound, review.delegations.outbound],
    [l.signed, review.agreements.signed],
    [l.events, review.events.total],
    [l.publications, review.publications],
    [l.awards, review.awards.count],
  ];
  const heading = `${l.title} ${review.year} (${l.vs} ${review.previousYear})`;
  const fields = figures.map(([label, figure]) => ({
    type: 'mrkdwn' as const,
    text: `*${label}*\n${figureText(figure)}`,
  }));
  return {
    text: `${heading}: ${figures.map(([label, f]) => `${label} ${figureText(f)}`).join('; ')}. ${l.full}: ${url}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: heading.slice(0, 150) } },
      // A section holds at most 10 fields.
      { type: 'section', fields: fields.slice(0, 10) },
      { type: 'section', text: { type: 'mrkdwn', text: `<${url}|${l.full}>` } },
    ],
  };
}

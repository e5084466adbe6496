/**
 * The words of the year-end document in English, Chinese and French, and the number, date,
 * country and change formats of each language. Country and month names come from the
 * runtime's ICU data (Node ships full ICU), so they need no table here.
 */
import type {
  EventKind,
  Language,
  NewStudentKind,
  RelationshipStage,
  YearFigure,
} from '@passerelle/core';

/** The figures of the year that have a previous year to compare with. */
export type FigureKey =
  | 'newStudents'
  | 'shortTermVisitors'
  | 'summerSessions'
  | 'summerParticipants'
  | 'visitingScholars'
  | 'inboundDelegations'
  | 'outboundDelegations'
  | 'agreementsSigned'
  | 'agreementsExpiring'
  | 'events'
  | 'culturalEvents'
  | 'publications'
  | 'awards';

export interface DocumentTexts {
  title(year: number): string;
  subtitle(year: number, previousYear: number): string;
  office: string;
  asOf(date: string): string;
  /** "2024: 38": the previous year's value under a headline figure. */
  previous(year: number, value: string): string;
  inProgress(year: number): string;
  keyFigures: string;
  figure: string;
  change: string;
  figures: Record<FigureKey, string>;
  studentsSection: string;
  byProgrammeKind: string;
  newStudentsByCountry: string;
  shortTermByCountry: string;
  programmeKind: string;
  country: string;
  programmeKinds: Record<NewStudentKind, string>;
  eventsSection: string;
  eventsByKind: string;
  eventKind: string;
  eventKinds: Record<EventKind, string>;
  eventsCount: string;
  participants: string;
  expected: string;
  attendanceNote: string;
  delegationsSection: string;
  delegationsByMonth(year: number): string;
  month: string;
  inbound: string;
  outbound: string;
  partnersSection: string;
  partnersNote(total: number): string;
  partnersByStage: string;
  partnersByCountry: string;
  stage: string;
  institutions: string;
  stages: Record<RelationshipStage, string>;
  awardsSection: string;
  noAwards(year: number): string;
  /** Marks a change from nothing in the previous year. */
  fresh: string;
  /** Read out for a chart: "FR: 30 in 2025, 26 in 2024". */
  chartNumbers: string;
  footer: string;
}

const en: DocumentTexts = {
  title: (year) => `Year-end review ${year}`,
  subtitle: (year, previousYear) => `Figures of ${year} compared with ${previousYear}`,
  office: 'International Affairs Office',
  asOf: (date) => `Figures as of ${date}`,
  previous: (year, value) => `${year}: ${value}`,
  inProgress: (year) => `${year} is not over yet: the figures are those recorded to date.`,
  keyFigures: 'Key figures',
  figure: 'Figure',
  change: 'Change',
  figures: {
    newStudents: 'New international students',
    shortTermVisitors: 'Short-term visiting students',
    summerSessions: 'Summer school sessions',
    summerParticipants: 'Summer school participants',
    visitingScholars: 'Visiting scholars and staff',
    inboundDelegations: 'Inbound delegations',
    outboundDelegations: 'Outbound delegations',
    agreementsSigned: 'Agreements signed',
    agreementsExpiring: 'Agreements expiring',
    events: 'Events held',
    culturalEvents: 'Cultural exchange activities',
    publications: 'Publications',
    awards: 'Awards',
  },
  studentsSection: 'International students',
  byProgrammeKind: 'New international students by programme',
  newStudentsByCountry: 'New international students by country',
  shortTermByCountry: 'Short-term visiting students by country',
  programmeKind: 'Programme',
  country: 'Country',
  programmeKinds: {
    degree: 'Degree',
    exchange: 'Exchange',
    dual_degree: 'Dual degree',
    intern: 'Internship',
  },
  eventsSection: 'Events',
  eventsByKind: 'Events by kind, with participants',
  eventKind: 'Kind of event',
  eventKinds: {
    cultural: 'Cultural event',
    academic_seminar: 'Academic seminar',
    performance: 'Performance',
    themed_salon: 'Themed salon',
    sports: 'Sports',
    summer_school: 'Summer school',
    welcome_orientation: 'Welcome orientation',
    online_workshop: 'Online workshop',
    year_end_review: 'Year-end review meeting',
    info_session: 'Information session',
  },
  eventsCount: 'Events',
  participants: 'Participants',
  expected: 'Expected',
  attendanceNote:
    'Participants are the registrations marked as attended. For events whose attendance was never recorded, the registrations are shown as expected participants.',
  delegationsSection: 'Delegations',
  delegationsByMonth: (year) => `Delegations in ${year} by month of arrival or departure`,
  month: 'Month',
  inbound: 'Inbound',
  outbound: 'Outbound',
  partnersSection: 'Partner institutions',
  partnersNote: (total) =>
    `The ${total} institutions on record today, by relationship stage; countries count the institutions at the partner stage. These are current counts, without a comparison with last year.`,
  partnersByStage: 'Institutions by relationship stage',
  partnersByCountry: 'Partner institutions by country',
  stage: 'Stage',
  institutions: 'Institutions',
  stages: {
    prospect: 'Prospect',
    contacted: 'Contacted',
    negotiating: 'Negotiating',
    partner: 'Partner',
    dormant: 'Dormant',
  },
  awardsSection: 'Awards',
  noAwards: (year) => `No award was recorded in ${year}.`,
  fresh: 'new',
  chartNumbers: 'Figures shown',
  footer: 'Produced by Passerelle from the records of the office.',
};

const zh: DocumentTexts = {
  title: (year) => `${year}年度工作总结`,
  subtitle: (year, previousYear) => `${year}年数据及与${previousYear}年对比`,
  office: '国际合作与交流处',
  asOf: (date) => `数据截至${date}`,
  previous: (year, value) => `${year}年：${value}`,
  inProgress: (year) => `${year}年尚未结束：以下为截至目前的记录数据。`,
  keyFigures: '主要数据',
  figure: '指标',
  change: '同比变化',
  figures: {
    newStudents: '新增国际学生',
    shortTermVisitors: '短期来访学生',
    summerSessions: '暑期学校期数',
    summerParticipants: '暑期学校学员',
    visitingScholars: '来访学者及人员',
    inboundDelegations: '来访代表团',
    outboundDelegations: '出访代表团',
    agreementsSigned: '新签协议',
    agreementsExpiring: '到期协议',
    events: '举办活动',
    culturalEvents: '文化交流活动',
    publications: '宣传报道',
    awards: '获奖',
  },
  studentsSection: '国际学生',
  byProgrammeKind: '新增国际学生（按项目类型）',
  newStudentsByCountry: '新增国际学生（按国籍）',
  shortTermByCountry: '短期来访学生（按国籍）',
  programmeKind: '项目类型',
  country: '国家',
  programmeKinds: {
    degree: '学位生',
    exchange: '交换生',
    dual_degree: '双学位',
    intern: '实习生',
  },
  eventsSection: '活动',
  eventsByKind: '各类活动及参与人数',
  eventKind: '活动类型',
  eventKinds: {
    cultural: '文化活动',
    academic_seminar: '学术讲座',
    performance: '文艺演出',
    themed_salon: '主题沙龙',
    sports: '体育活动',
    summer_school: '暑期学校',
    welcome_orientation: '迎新活动',
    online_workshop: '线上工作坊',
    year_end_review: '年终总结会',
    info_session: '宣讲会',
  },
  eventsCount: '场次',
  participants: '参与人数',
  expected: '预计人数',
  attendanceNote:
    '参与人数为登记出席的报名人数；未登记出席情况的活动，以报名人数作为预计人数列出。',
  delegationsSection: '代表团',
  delegationsByMonth: (year) => `${year}年各月代表团（按出发或抵达月份）`,
  month: '月份',
  inbound: '来访',
  outbound: '出访',
  partnersSection: '合作院校',
  partnersNote: (total) =>
    `目前记录在册的${total}所院校，按合作阶段统计；国家分布统计处于合作阶段的院校。以上为当前数据，不与上年比较。`,
  partnersByStage: '院校（按合作阶段）',
  partnersByCountry: '合作院校（按国家）',
  stage: '合作阶段',
  institutions: '院校数',
  stages: {
    prospect: '潜在合作',
    contacted: '已建立联系',
    negotiating: '洽谈中',
    partner: '合作伙伴',
    dormant: '暂停合作',
  },
  awardsSection: '获奖情况',
  noAwards: (year) => `${year}年无获奖记录。`,
  fresh: '新增',
  chartNumbers: '图中数据',
  footer: '由 Passerelle 根据本处记录生成。',
};

const fr: DocumentTexts = {
  title: (year) => `Bilan de l’année ${year}`,
  subtitle: (year, previousYear) => `Les chiffres de ${year} comparés à ceux de ${previousYear}`,
  office: 'Bureau des relations internationales',
  asOf: (date) => `Chiffres au ${date}`,
  previous: (year, value) => `${year} : ${value}`,
  inProgress: (year) =>
    `L’année ${year} n’est pas terminée : les chiffres sont ceux enregistrés à ce jour.`,
  keyFigures: 'Chiffres clés',
  figure: 'Indicateur',
  change: 'Évolution',
  figures: {
    newStudents: 'Nouveaux étudiants internationaux',
    shortTermVisitors: 'Étudiants en séjour court',
    summerSessions: 'Sessions d’école d’été',
    summerParticipants: 'Participants aux écoles d’été',
    visitingScholars: 'Enseignants et personnels invités',
    inboundDelegations: 'Délégations reçues',
    outboundDelegations: 'Délégations envoyées',
    agreementsSigned: 'Accords signés',
    agreementsExpiring: 'Accords arrivant à échéance',
    events: 'Événements organisés',
    culturalEvents: 'Activités d’échange culturel',
    publications: 'Publications',
    awards: 'Distinctions',
  },
  studentsSection: 'Étudiants internationaux',
  byProgrammeKind: 'Nouveaux étudiants internationaux par programme',
  newStudentsByCountry: 'Nouveaux étudiants internationaux par pays',
  shortTermByCountry: 'Étudiants en séjour court par pays',
  programmeKind: 'Programme',
  country: 'Pays',
  programmeKinds: {
    degree: 'Diplôme',
    exchange: 'Échange',
    dual_degree: 'Double diplôme',
    intern: 'Stage',
  },
  eventsSection: 'Événements',
  eventsByKind: 'Événements par type, avec participants',
  eventKind: 'Type d’événement',
  eventKinds: {
    cultural: 'Événement culturel',
    academic_seminar: 'Séminaire académique',
    performance: 'Spectacle',
    themed_salon: 'Salon thématique',
    sports: 'Sport',
    summer_school: 'École d’été',
    welcome_orientation: 'Accueil et intégration',
    online_workshop: 'Atelier en ligne',
    year_end_review: 'Réunion de bilan annuel',
    info_session: 'Réunion d’information',
  },
  eventsCount: 'Événements',
  participants: 'Participants',
  expected: 'Attendus',
  attendanceNote:
    'Les participants sont les inscriptions marquées présentes. Pour les événements dont la présence n’a pas été relevée, les inscriptions sont indiquées comme participants attendus.',
  delegationsSection: 'Délégations',
  delegationsByMonth: (year) => `Délégations de ${year} par mois d’arrivée ou de départ`,
  month: 'Mois',
  inbound: 'Reçues',
  outbound: 'Envoyées',
  partnersSection: 'Établissements partenaires',
  partnersNote: (total) =>
    `Les ${total} établissements enregistrés à ce jour, par étape de la relation ; les pays comptent les établissements à l’étape partenaire. Ce sont des chiffres actuels, sans comparaison avec l’an dernier.`,
  partnersByStage: 'Établissements par étape de la relation',
  partnersByCountry: 'Établissements partenaires par pays',
  stage: 'Étape',
  institutions: 'Établissements',
  stages: {
    prospect: 'Piste',
    contacted: 'Contacté',
    negotiating: 'En négociation',
    partner: 'Partenaire',
    dormant: 'En sommeil',
  },
  awardsSection: 'Distinctions',
  noAwards: (year) => `Aucune distinction enregistrée en ${year}.`,
  fresh: 'nouveau',
  chartNumbers: 'Chiffres représentés',
  footer: 'Produit par Passerelle à partir des dossiers du bureau.',
};

export const documentTexts: Readonly<Record<Language, DocumentTexts>> = { en, zh, fr };

/** Number, date, country and change formats of one language. */
export interface Formats {
  number(value: number): string;
  /** "FR" → "France" / "法国"; the code itself when ICU does not know it. */
  country(code: string): string;
  /** 1 → "Jan" / "1月" / "janv." */
  month(month: number): string;
  /** A calendar date (YYYY-MM-DD), written out. */
  date(date: string): string;
  /** How a figure moved: the arrow, and "+7 (+18.4%)" or "+1 (new)". */
  change(figure: YearFigure): Change;
}

export type ChangeDirection = 'up' | 'down' | 'same';

export interface Change {
  direction: ChangeDirection;
  /** ▲, ▼ or =. */
  arrow: string;
  /** The change without the arrow: "+7 (+18.4%)", "−3 (−7.5%)", "0", "+1 (new)". */
  text: string;
}

export function formatsOf(language: Language): Formats {
  const numbers = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  const signed = new Intl.NumberFormat(language, {
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  });
  const percent = new Intl.NumberFormat(language, {
    style: 'percent',
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  });
  const countries = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });
  const months = new Intl.DateTimeFormat(language, { month: 'short', timeZone: 'UTC' });
  const dates = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' });
  const texts = documentTexts[language];

  return {
    number: (value) => numbers.format(value),
    country: (code) => countries.of(code) ?? code,
    month: (month) => months.format(new Date(Date.UTC(2001, month - 1, 15))),
    date: (date) => dates.format(new Date(`${date}T12:00:00Z`)),
    change(figure) {
      if (figure.change === 0) return { direction: 'same', arrow: '=', text: signed.format(0) };
      const direction: ChangeDirection = figure.change > 0 ? 'up' : 'down';
      const share =
        figure.changePercent === null ? texts.fresh : percent.format(figure.changePercent / 100);
      return {
        direction,
        arrow: direction === 'up' ? '▲' : '▼',
        text: `${signed.format(figure.change)} (${share})`,
      };
    },
  };
}

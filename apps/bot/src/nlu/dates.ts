import {
  addDays,
  addMonths,
  type CalendarDate,
  dateInZone,
  dayNumber,
  isoWeekday,
  isValidDate,
} from '@passerelle/core';
import {
  AMBIGUOUS_MONTHS,
  COUNT_PATTERN,
  HAN_COUNT_PATTERN,
  MONTH_PATTERN,
  MONTHS,
  parseCount,
  parseHanNumber,
} from './lexicon';
import { fold, WORD_CHAR } from './text';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
/** The open start of "before …": no earlier bound. */
export const OPEN_START: CalendarDate = '1900-01-01';
/** The open end of "after …": no later bound. */
export const OPEN_END: CalendarDate = '9999-12-31';

export type DateRangeLabel =
  | 'today'
  | 'tomorrow'
  | 'yesterday'
  | 'this_week'
  | 'next_week'
  | 'last_week'
  | 'this_weekend'
  | 'next_weekend'
  | 'this_month'
  | 'next_month'
  | 'last_month'
  | 'this_year'
  | 'next_year'
  | 'last_year'
  | 'next_days'
  | 'next_weeks'
  | 'next_months'
  | 'next_years'
  | 'end_of_month'
  | 'end_of_year'
  | 'weekday'
  | 'date'
  | 'month'
  | 'range'
  | 'before'
  | 'after';

/** A closed range of calendar days; weeks start on Monday. */
export interface DateRange {
  from: CalendarDate;
  to: CalendarDate;
  label: DateRangeLabel;
}

export interface DateContext {
  now: Date;
  /** IANA time zone in which "today" is read; Asia/Shanghai by default. */
  timeZone?: string;
}

type MentionKind = 'explicit' | 'relative' | 'end';

interface Mention extends DateRange {
  kind: MentionKind;
  start: number;
  end: number;
  /** The year was inferred, not written. */
  yearless?: boolean;
}

function yearLater(mention: Mention): CalendarDate {
  if (mention.label === 'month') return addDays(addMonths(addMonths(mention.from, 12), 1), -1);
  return addMonths(mention.to, 12);
}

const W = WORD_CHAR;
const HAN_NUM = '[〇零一二两三四五六七八九十]';

/** The first date or range a message speaks of, relative to `now` in the time zone. */
export function extractDateRange(text: string, context: DateContext): DateRange | undefined {
  const today = dateInZone(context.now, context.timeZone ?? DEFAULT_TIME_ZONE);
  return rangeInFolded(fold(text), today);
}

/** As `extractDateRange`, for folded text and a known "today". */
export function rangeInFolded(folded: string, today: CalendarDate): DateRange | undefined {
  const mentions = collectMentions(folded, today);
  if (mentions.length === 0) return undefined;
  const joined = joinRanges(folded, mentions);
  const first = joined[0];
  if (first === undefined) return undefined;
  const bounded = applyBound(folded, first);
  return { from: bounded.from, to: bounded.to, label: bounded.label };
}

function collectMentions(f: string, today: CalendarDate): Mention[] {
  const found: Mention[] = [];
  const add = (mention: Mention) => {
    if (found.some((other) => mention.start < other.end && other.start < mention.end)) return;
    found.push(mention);
  };
  for (const mention of compactRanges(f, today)) add(mention);
  for (const mention of explicitDates(f, today)) add(mention);
  for (const mention of rollingPeriods(f, today)) add(mention);
  for (const mention of relativeWords(f, today)) add(mention);
  for (const mention of explicitMonths(f, today)) add(mention);
  return found.sort((a, b) => a.start - b.start);
}

// --- explicit dates -------------------------------------------------------------------------

function makeDate(year: number, month: number, day: number): CalendarDate | undefined {
  const value = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isValidDate(value) ? value : undefined;
}

function monthEnd(year: number, month: number): CalendarDate {
  return addDays(addMonths(`${year}-${String(month).padStart(2, '0')}-01`, 1), -1);
}

function monthStart(year: number, month: number): CalendarDate {
  return `${year}-${String(month).padStart(2, '0')}-01`;
}

/** The year that puts month/day closest to today (a date without a year). */
function nearestYear(today: CalendarDate, month: number, day: number): number {
  const year = Number(today.slice(0, 4));
  let best = year;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of [year, year + 1, year - 1]) {
    const date = makeDate(candidate, month, Math.min(day, 28)) ?? today;
    const distance = Math.abs(dayNumber(date) - dayNumber(today));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function monthNumber(word: string): number | undefined {
  const han = /^(.+)月$/.exec(word);
  if (han?.[1] !== undefined) {
    const value = /^\d+$/.test(han[1]) ? Number(han[1]) : parseHanNumber(han[1]);
    return value !== undefined && value >= 1 && value <= 12 ? value : undefined;
  }
  return MONTHS.get(word.replace(/\.$/, ''));
}

function dayValue(word: string): number | undefined {
  const value = /^\d+$/.test(word) ? Number(word) : parseHanNumber(word);
  return value !== undefined && value >= 1 && value <= 31 ? value : undefined;
}

function hanYear(word: string | undefined): number | undefined {
  if (word === undefined) return undefined;
  if (/^\d{4}$/.test(word)) return Number(word);
  const digits = [...word].map((char) =>
    char === '〇' || char === '零' ? 0 : parseHanNumber(char),
  );
  if (digits.length !== 4 || digits.some((digit) => digit === undefined)) return undefined;
  return Number(digits.join(''));
}

function dateMention(
  today: CalendarDate,
  year: number | undefined,
  month: number | undefined,
  day: number | undefined,
  start: number,
  end: number,
): Mention | undefined {
  if (month === undefined || day === undefined) return undefined;
  const date = makeDate(year ?? nearestYear(today, month, day), month, day);
  if (date === undefined) return undefined;
  return {
    from: date,
    to: date,
    label: 'date',
    kind: 'explicit',
    start,
    end,
    yearless: year === undefined,
  };
}

const ISO_RE = /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/gu;
const ZH_DATE_RE = new RegExp(
  `(?:(\\d{4}|[〇零一二三四五六七八九]{4})年)?(\\d{1,2}|${HAN_NUM}{1,3})月(\\d{1,2}|${HAN_NUM}{1,3})[日号]`,
  'gu',
);
const DAY_MONTH_RE = new RegExp(
  `(?<!${W})(?:the )?(\\d{1,2})(?:st|nd|rd|th|er)? (?:of )?(${MONTH_PATTERN})\\.?(?:,? (\\d{4}))?(?!${W})`,
  'gu',
);
const MONTH_DAY_RE = new RegExp(
  `(?<!${W})(${MONTH_PATTERN})\\.? (?:the )?(\\d{1,2})(?:st|nd|rd|th)?(?!${W})(?:,? (\\d{4})(?!${W}))?`,
  'gu',
);

function explicitDates(f: string, today: CalendarDate): Mention[] {
  const out: Mention[] = [];
  for (const m of f.matchAll(ISO_RE)) {
    const date = makeDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (date !== undefined) {
      out.push({
        from: date,
        to: date,
        label: 'date',
        kind: 'explicit',
        start: m.index,
        end: m.index + m[0].length,
      });
    }
  }
  for (const m of f.matchAll(ZH_DATE_RE)) {
    const mention = dateMention(
      today,
      hanYear(m[1]),
      monthNumber(`${m[2]}月`),
      dayValue(m[3] ?? ''),
      m.index,
      m.index + m[0].length,
    );
    if (mention !== undefined) out.push(mention);
  }
  for (const m of f.matchAll(DAY_MONTH_RE)) {
    const mention = dateMention(
      today,
      m[3] === undefined ? undefined : Number(m[3]),
      monthNumber(m[2] ?? ''),
      dayValue(m[1] ?? ''),
      m.index,
      m.index + m[0].length,
    );
    if (mention !== undefined) out.push(mention);
  }
  for (const m of f.matchAll(MONTH_DAY_RE)) {
    const mention = dateMention(
      today,
      m[3] === undefined ? undefined : Number(m[3]),
      monthNumber(m[1] ?? ''),
      dayValue(m[2] ?? ''),
      m.index,
      m.index + m[0].length,
    );
    if (mention !== undefined) out.push(mention);
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

// --- compact ranges: "8-12 December 2025", "du 8 au 12 décembre", "12月8日至12日" -------------

const RANGE_DAY_FIRST_RE = new RegExp(
  `(?<!${W})(?:from |du |between |entre le |entre )?(\\d{1,2})(?:st|nd|rd|th|er)? ?(?:-|to|au|a|and|et|until|till) ?(\\d{1,2})(?:st|nd|rd|th)? (?:of )?(${MONTH_PATTERN})\\.?(?:,? (\\d{4}))?(?!${W})`,
  'gu',
);
const RANGE_MONTH_FIRST_RE = new RegExp(
  `(?<!${W})(${MONTH_PATTERN})\\.? (\\d{1,2})(?:st|nd|rd|th)? ?(?:-|to|through|until|till) ?(\\d{1,2})(?:st|nd|rd|th)?(?!${W})(?:,? (\\d{4})(?!${W}))?`,
  'gu',
);
const RANGE_ZH_RE = new RegExp(
  `(?:(\\d{4})年)?(\\d{1,2}|${HAN_NUM}{1,3})月(\\d{1,2}|${HAN_NUM}{1,3})[日号]?(?:至|到|-|~)(\\d{1,2}|${HAN_NUM}{1,3})[日号]`,
  'gu',
);

function dayRange(
  today: CalendarDate,
  yearWord: string | undefined,
  month: number | undefined,
  firstWord: string | undefined,
  lastWord: string | undefined,
  start: number,
  end: number,
): Mention | undefined {
  const first = dayValue(firstWord ?? '');
  const last = dayValue(lastWord ?? '');
  if (month === undefined || first === undefined || last === undefined || last < first) {
    return undefined;
  }
  const year = yearWord === undefined ? nearestYear(today, month, first) : Number(yearWord);
  const from = makeDate(year, month, first);
  const to = makeDate(year, month, last);
  if (from === undefined || to === undefined) return undefined;
  return { from, to, label: 'range', kind: 'explicit', start, end };
}

function compactRanges(f: string, today: CalendarDate): Mention[] {
  const out: Mention[] = [];
  for (const m of f.matchAll(RANGE_DAY_FIRST_RE)) {
    const mention = dayRange(
      today,
      m[4],
      monthNumber(m[3] ?? ''),
      m[1],
      m[2],
      m.index,
      m.index + m[0].length,
    );
    if (mention !== undefined) out.push(mention);
  }
  for (const m of f.matchAll(RANGE_MONTH_FIRST_RE)) {
    const mention = dayRange(
      today,
      m[4],
      monthNumber(m[1] ?? ''),
      m[2],
      m[3],
      m.index,
      m.index + m[0].length,
    );
    if (mention !== undefined) out.push(mention);
  }
  for (const m of f.matchAll(RANGE_ZH_RE)) {
    const mention = dayRange(
      today,
      m[1],
      monthNumber(`${m[2]}月`),
      m[3],
      m[4],
      m.index,
      m.index + m[0].length,
    );
    if (mention !== undefined) out.push(mention);
  }
  return out;
}

// --- months: "December", "in May", "décembre 2025", "12月", "2025年12月", "2025-12" -------

const MONTH_RE = new RegExp(
  `(?<!${W})(${MONTH_PATTERN})\\.?(?: (?:of )?(\\d{4})(?!${W}))?(?!${W})`,
  'gu',
);
const ZH_MONTH_RE = /(?:(\d{4})年)?(\d{1,2}|十[一二]?|[一二三四五六七八九])月(?:份)?/gu;
const ISO_MONTH_RE = /(?<![\d-])(\d{4})-(\d{2})(?![\d-])/gu;
const MONTH_LEAD_RE =
  /(?:^|[^\p{L}])(?:in|en|of|during|since|until|till|before|after|by|from|to|between|and|et|early|late|mid|end|debut|fin|de|du|d|au|through|this|next|last|ce|cet|cette|pendant|avant|apres|depuis|jusqu'en|jusqu'a|mois de)\s*$/u;

function monthMention(
  today: CalendarDate,
  month: number,
  yearWord: string | undefined,
  start: number,
  end: number,
): Mention {
  let year: number;
  if (yearWord !== undefined) {
    year = Number(yearWord);
  } else {
    const current = Number(today.slice(0, 4));
    const currentMonth = Number(today.slice(5, 7));
    const ahead = (month - currentMonth + 12) % 12;
    // The nearest such month: at most five months back, otherwise the coming one.
    if (ahead === 0) year = current;
    else if (ahead <= 6) year = month > currentMonth ? current : current + 1;
    else year = month < currentMonth ? current : current - 1;
  }
  return {
    from: monthStart(year, month),
    to: monthEnd(year, month),
    label: 'month',
    kind: 'explicit',
    start,
    end,
    yearless: yearWord === undefined,
  };
}

function explicitMonths(f: string, today: CalendarDate): Mention[] {
  const out: Mention[] = [];
  for (const m of f.matchAll(MONTH_RE)) {
    const word = m[1] ?? '';
    const month = MONTHS.get(word);
    if (month === undefined) continue;
    if (m[2] === undefined && AMBIGUOUS_MONTHS.has(word)) {
      if (!MONTH_LEAD_RE.test(f.slice(Math.max(0, m.index - 16), m.index))) continue;
    }
    out.push(monthMention(today, month, m[2], m.index, m.index + m[0].length));
  }
  for (const m of f.matchAll(ZH_MONTH_RE)) {
    const month = monthNumber(`${m[2]}月`);
    if (month === undefined) continue;
    // "一月" is January but "一个月" is "one month", and "十二月八日" is a date found earlier.
    out.push(monthMention(today, month, m[1], m.index, m.index + m[0].length));
  }
  for (const m of f.matchAll(ISO_MONTH_RE)) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) continue;
    out.push(monthMention(today, month, m[1], m.index, m.index + m[0].length));
  }
  return out;
}

// --- rolling periods: "in the next 6 months", "30天内", "未来三个月", "d'ici 6 mois" --------

type Unit = 'day' | 'week' | 'month' | 'year';

const UNIT_WORDS: Record<string, Unit> = {
  day: 'day',
  days: 'day',
  jour: 'day',
  jours: 'day',
  week: 'week',
  weeks: 'week',
  semaine: 'week',
  semaines: 'week',
  month: 'month',
  months: 'month',
  mois: 'month',
  year: 'year',
  years: 'year',
  an: 'year',
  ans: 'year',
  annee: 'year',
  annees: 'year',
  天: 'day',
  日: 'day',
  周: 'week',
  星期: 'week',
  个星期: 'week',
  礼拜: 'week',
  个礼拜: 'week',
  月: 'month',
  个月: 'month',
  年: 'year',
};

const EN_UNITS = 'days?|weeks?|months?|years?';
const FR_UNITS = 'jours?|semaines?|mois|ans|annees?';
const ZH_UNITS = '天|日|个星期|星期|个礼拜|礼拜|周|个月|月|年';

const ROLLING_RES: RegExp[] = [
  new RegExp(
    `(?<!${W})(?:(?:in|within|over|during|for) )?(?:the )?(?:next|coming|following|upcoming) (${COUNT_PATTERN}) (${EN_UNITS})(?!${W})`,
    'gu',
  ),
  new RegExp(`(?<!${W})(?:within|in) (?:the )?(${COUNT_PATTERN}) (${EN_UNITS})(?!${W})`, 'gu'),
  new RegExp(
    `(?<!${W})(?:dans|pendant|durant|au cours|sur)? ?(?:les|des) (${COUNT_PATTERN}) prochain(?:e)?s (${FR_UNITS})(?!${W})`,
    'gu',
  ),
  new RegExp(
    `(?<!${W})(?:d'ici|dans|sous|en) (?:les )?(${COUNT_PATTERN}) (${FR_UNITS})(?!${W})`,
    'gu',
  ),
  new RegExp(
    `(?:未来|接下来的?|今后|往后)(${HAN_COUNT_PATTERN})(${ZH_UNITS})(?:内|之内|以内)?`,
    'gu',
  ),
  new RegExp(`(${HAN_COUNT_PATTERN})(${ZH_UNITS})(?:内|之内|以内)`, 'gu'),
];

const ROLLING_LABEL: Record<Unit, DateRangeLabel> = {
  day: 'next_days',
  week: 'next_weeks',
  month: 'next_months',
  year: 'next_years',
};

function rollingPeriods(f: string, today: CalendarDate): Mention[] {
  const out: Mention[] = [];
  for (const re of ROLLING_RES) {
    for (const m of f.matchAll(re)) {
      const count = parseCount(m[1] ?? '');
      const unit = UNIT_WORDS[m[2] ?? ''];
      if (count === undefined || unit === undefined || count < 1 || count > 120) continue;
      let to: CalendarDate;
      if (unit === 'day') to = addDays(today, count);
      else if (unit === 'week') to = addDays(today, 7 * count);
      else if (unit === 'month') to = addMonths(today, count);
      else to = addMonths(today, 12 * count);
      out.push({
        from: today,
        to,
        label: ROLLING_LABEL[unit],
        kind: 'relative',
        start: m.index,
        end: m.index + m[0].length,
      });
    }
  }
  return out;
}

// --- relative words: today, this week, 下个月, la semaine prochaine ---------------------------

type Resolver = (today: CalendarDate) => { from: CalendarDate; to: CalendarDate };

const day =
  (offset: number): Resolver =>
  (today) => ({ from: addDays(today, offset), to: addDays(today, offset) });
const week =
  (offset: number): Resolver =>
  (today) => {
    const monday = addDays(today, 1 - isoWeekday(today) + 7 * offset);
    return { from: monday, to: addDays(monday, 6) };
  };
const weekend =
  (offset: number): Resolver =>
  (today) => {
    const monday = addDays(today, 1 - isoWeekday(today) + 7 * offset);
    return { from: addDays(monday, 5), to: addDays(monday, 6) };
  };
const month =
  (offset: number): Resolver =>
  (today) => {
    const first = addMonths(`${today.slice(0, 7)}-01`, offset);
    return { from: first, to: addDays(addMonths(first, 1), -1) };
  };
const year =
  (offset: number): Resolver =>
  (today) => {
    const value = Number(today.slice(0, 4)) + offset;
    return { from: `${value}-01-01`, to: `${value}-12-31` };
  };

interface RelativeRule {
  re: RegExp;
  label: DateRangeLabel;
  kind?: MentionKind;
  resolve: Resolver;
}

const rel = (
  latin: string[],
  han: string[],
  label: DateRangeLabel,
  resolve: Resolver,
  kind: MentionKind = 'relative',
): RelativeRule => {
  const parts: string[] = [];
  if (latin.length > 0) parts.push(`(?<!${W})(?:${latin.join('|')})(?!${W})`);
  if (han.length > 0) parts.push(`(?:${han.join('|')})`);
  return { re: new RegExp(parts.join('|'), 'gu'), label, resolve, kind };
};

const RELATIVE_RULES: RelativeRule[] = [
  rel(['today', 'tonight', "aujourd'hui", 'ce soir'], ['今天', '今日', '今晚'], 'today', day(0)),
  rel(['day after tomorrow', 'apres-demain'], ['后天'], 'date', day(2)),
  rel(['tomorrow', 'demain'], ['明天', '明日', '明晚'], 'tomorrow', day(1)),
  rel(['yesterday', 'hier'], ['昨天', '昨日'], 'yesterday', day(-1)),
  rel(
    ['next weekend', 'le week-end prochain', 'week-end prochain'],
    ['下周末', '下个周末'],
    'next_weekend',
    weekend(1),
  ),
  rel(
    [
      'this weekend',
      '(?:on |over )?the weekend',
      'ce week-end',
      'ce weekend',
      'le week-end',
      'ce week end',
    ],
    ['这个周末', '本周末', '这周末', '周末'],
    'this_weekend',
    weekend(0),
  ),
  rel(
    [
      'next week',
      'the coming week',
      'the following week',
      'la semaine prochaine',
      'semaine prochaine',
    ],
    ['下周', '下个星期', '下星期', '下个礼拜', '下礼拜'],
    'next_week',
    week(1),
  ),
  rel(
    ['last week', 'the past week', 'la semaine derniere', 'semaine derniere'],
    ['上周', '上个星期', '上星期', '上个礼拜'],
    'last_week',
    week(-1),
  ),
  rel(
    ['this week', 'the current week', 'cette semaine'],
    ['本周', '这周', '这个星期', '这星期', '本星期', '这个礼拜', '这礼拜'],
    'this_week',
    week(0),
  ),
  rel(
    ['end of (?:the |this )?month', 'fin du mois', 'fin de ce mois'],
    ['月底', '月末'],
    'end_of_month',
    (today) => {
      const { to } = month(0)(today);
      return { from: addDays(to, -6), to };
    },
    'end',
  ),
  rel(
    ['end of (?:the |this )?year', "fin de l'annee", "fin d'annee", 'fin de cette annee'],
    ['年底', '年末'],
    'end_of_year',
    (today) => ({ from: `${today.slice(0, 4)}-12-01`, to: `${today.slice(0, 4)}-12-31` }),
    'end',
  ),
  rel(
    ['next month', 'the coming month', 'le mois prochain', 'mois prochain'],
    ['下个月', '下月'],
    'next_month',
    month(1),
  ),
  rel(
    ['last month', 'the past month', 'le mois dernier', 'mois dernier'],
    ['上个月', '上月'],
    'last_month',
    month(-1),
  ),
  rel(
    ['this month', 'the current month', 'ce mois-ci', 'ce mois ci', 'ce mois'],
    ['本月', '这个月', '这月', '当月'],
    'this_month',
    month(0),
  ),
  rel(
    ['next year', "l'annee prochaine", "l'an prochain", 'annee prochaine'],
    ['明年', '下一年', '来年'],
    'next_year',
    year(1),
  ),
  rel(
    [
      'last year',
      'the past year',
      "l'annee derniere",
      "l'an dernier",
      "l'annee passee",
      'annee derniere',
    ],
    ['去年', '上一年'],
    'last_year',
    year(-1),
  ),
  rel(
    ['this year', 'the current year', 'cette annee', "l'annee en cours"],
    ['今年', '本年度', '本年'],
    'this_year',
    year(0),
  ),
];

const WEEKDAYS: Record<string, number> = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
  lundi: 1,
  mardi: 2,
  mercredi: 3,
  jeudi: 4,
  vendredi: 5,
  samedi: 6,
  dimanche: 7,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  日: 7,
  天: 7,
};
const WEEKDAY_LATIN_RE = new RegExp(
  `(?<!${W})(?:(this|next|on|ce|prochain) )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)(?: (prochain))?(?!${W})`,
  'gu',
);
const WEEKDAY_ZH_RE = /(本|这|下个?|这个)?(?:周|星期|礼拜)([一二三四五六日天])/gu;

function weekdayMention(
  today: CalendarDate,
  weekday: number,
  next: boolean,
  start: number,
  end: number,
): Mention {
  const current = isoWeekday(today);
  const offset = next ? 7 - current + weekday : (weekday - current + 7) % 7;
  const date = addDays(today, offset);
  return { from: date, to: date, label: 'weekday', kind: 'relative', start, end };
}

function relativeWords(f: string, today: CalendarDate): Mention[] {
  const out: Mention[] = [];
  for (const rule of RELATIVE_RULES) {
    for (const m of f.matchAll(rule.re)) {
      const { from, to } = rule.resolve(today);
      out.push({
        from,
        to,
        label: rule.label,
        kind: rule.kind ?? 'relative',
        start: m.index,
        end: m.index + m[0].length,
      });
    }
  }
  for (const m of f.matchAll(WEEKDAY_LATIN_RE)) {
    const weekday = WEEKDAYS[m[2] ?? ''];
    if (weekday === undefined) continue;
    const next = m[1] === 'next' || m[1] === 'prochain' || m[3] === 'prochain';
    out.push(weekdayMention(today, weekday, next, m.index, m.index + m[0].length));
  }
  for (const m of f.matchAll(WEEKDAY_ZH_RE)) {
    const weekday = WEEKDAYS[m[2] ?? ''];
    if (weekday === undefined) continue;
    const next = (m[1] ?? '').startsWith('下');
    out.push(weekdayMention(today, weekday, next, m.index, m.index + m[0].length));
  }
  // Longer phrases first where two start together ("本周五" before "本周").
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

// --- joining and bounding -------------------------------------------------------------------

const CONNECTOR_RE =
  /^\s*(?:-|~|to|until|till|through|thru|and|au|a|et|jusqu'au|jusqu'a|至|到|和|与)\s*$/u;

/** "between March and June", "du 1er mars au 30 juin", "2025-12-08 to 2025-12-12". */
function joinRanges(f: string, mentions: Mention[]): Mention[] {
  const out: Mention[] = [];
  for (let i = 0; i < mentions.length; i++) {
    const current = mentions[i];
    const next = mentions[i + 1];
    if (current === undefined) continue;
    if (
      next !== undefined &&
      current.kind === 'explicit' &&
      next.kind === 'explicit' &&
      CONNECTOR_RE.test(f.slice(current.end, next.start))
    ) {
      // "between November and February": a second month without a year follows the first.
      let to = next.to;
      if (to < current.from && next.yearless === true) to = yearLater(next);
      if (to < current.from) {
        out.push(current);
        continue;
      }
      out.push({ ...current, to, label: 'range', end: next.end });
      i += 1;
      continue;
    }
    out.push(current);
  }
  return out;
}

const BEFORE_RE =
  /(?:^|[^\p{L}])(?:before|prior to|earlier than|avant(?: le| la| l'| fin)?)(?: the)?\s*$/u;
const UNTIL_RE =
  /(?:^|[^\p{L}])(?:by|until|till|up to|no later than|jusqu'au|jusqu'a|jusqu'en|d'ici(?: le| la| a| au)?|au plus tard le|截至|截止到?|到)(?: the)?\s*$/u;
const AFTER_RE = /(?:^|[^\p{L}])(?:after|later than|apres(?: le| la)?)(?: the)?\s*$/u;
const FROM_RE =
  /(?:^|[^\p{L}])(?:from|since|starting|starting from|as of|a partir du|a partir de|a compter du|depuis(?: le)?|des le|从|自)\s*$/u;
const ZH_BEFORE_RE = /^\s*(?:之前|以前|前)/u;
const ZH_AFTER_RE = /^\s*(?:之后|以后|后)/u;
const ZH_FROM_RE = /^\s*(?:起|开始|以来)/u;

function applyBound(f: string, mention: Mention): DateRange {
  if (mention.label === 'range') return mention;
  const before = f.slice(Math.max(0, mention.start - 24), mention.start);
  const after = f.slice(mention.end, mention.end + 6);
  const inclusiveEnd = mention.kind === 'end';
  if (BEFORE_RE.test(before) || ZH_BEFORE_RE.test(after)) {
    return {
      from: OPEN_START,
      to: inclusiveEnd ? mention.to : addDays(mention.from, -1),
      label: 'before',
    };
  }
  if (UNTIL_RE.test(before)) return { from: OPEN_START, to: mention.to, label: 'before' };
  if (AFTER_RE.test(before) || ZH_AFTER_RE.test(after)) {
    return { from: addDays(mention.to, 1), to: OPEN_END, label: 'after' };
  }
  if (mention.kind === 'explicit' && (FROM_RE.test(before) || ZH_FROM_RE.test(after))) {
    return { from: mention.from, to: OPEN_END, label: 'after' };
  }
  return mention;
}

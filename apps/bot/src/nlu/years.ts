import { type AcademicYear, academicYearOf, dateInZone } from '@passerelle/core';
import { DEFAULT_TIME_ZONE } from './dates';
import { cue, fold, WORD_CHAR } from './text';

/** A year a message speaks of: a calendar year, an academic year, or both. */
export interface YearRef {
  year: number;
  /** Set when the message names an academic year ("2025-2026", "this academic year"). */
  academicYear?: AcademicYear;
  /** Set when the year was said relatively ("last year", "去年", "l'an dernier"). */
  relative?: 'last' | 'this' | 'next';
}

export interface YearContext {
  now: Date;
  timeZone?: string;
}

const W = WORD_CHAR;
const ACADEMIC_RE = new RegExp(
  `(?<!${W}|\\d-)((?:19|20)\\d{2}) ?[-/] ?((?:19|20)?\\d{2})(?!${W}|-\\d)`,
  'u',
);
const YEAR_RE = new RegExp(`(?<!${W}|[\\d-])((?:19|20)\\d{2})(?!${W}|-\\d{1,2}(?!\\d))`, 'gu');
const HAN_YEAR_RE = /(?<![\d])((?:19|20)\d{2})\s*年/u;
const THIS_ACADEMIC_RE = cue(
  [
    'this academic year',
    'the current academic year',
    'cette annee universitaire',
    "l'annee universitaire en cours",
    'cette annee scolaire',
  ],
  ['本学年', '这个学年', '这学年'],
);
const RELATIVE: ReadonlyArray<{ re: RegExp; offset: number; relative: YearRef['relative'] }> = [
  {
    re: cue(
      [
        'last year',
        'past year',
        "l'an dernier",
        "l'annee derniere",
        "l'annee passee",
        'an dernier',
        'annee derniere',
      ],
      ['去年', '上一年'],
    ),
    offset: -1,
    relative: 'last',
  },
  {
    re: cue(['the year before last', 'il y a deux ans'], ['前年']),
    offset: -2,
    relative: 'last',
  },
  {
    re: cue(
      ['next year', "l'annee prochaine", "l'an prochain", 'annee prochaine'],
      ['明年', '来年'],
    ),
    offset: 1,
    relative: 'next',
  },
  {
    re: cue(['this year', 'current year', 'cette annee', "l'annee en cours"], ['今年', '本年度']),
    offset: 0,
    relative: 'this',
  },
];

/**
 * The year a message speaks of: "2025", "in 2025", "2025年", "en 2025", an academic year
 * "2025-2026" (its first calendar year is `year`), or a relative year ("last year", "去年",
 * "l'an dernier"). Years inside full dates ("2025-12-08") count too: they name the year.
 */
export function extractYear(text: string, context: YearContext): YearRef | undefined {
  return yearInFolded(fold(text), dateInZone(context.now, context.timeZone ?? DEFAULT_TIME_ZONE));
}

/** As `extractYear`, for folded text and a known "today". */
export function yearInFolded(folded: string, today: string): YearRef | undefined {
  const academic = ACADEMIC_RE.exec(folded);
  if (academic !== null) {
    const first = Number(academic[1]);
    const secondWord = academic[2] ?? '';
    const second =
      secondWord.length === 2
        ? Math.floor(first / 100) * 100 + Number(secondWord)
        : Number(secondWord);
    if (second === first + 1) return { year: first, academicYear: `${first}-${second}` };
  }
  if (THIS_ACADEMIC_RE.test(folded)) {
    const academicYear = academicYearOf(today);
    return { year: Number(academicYear.slice(0, 4)), academicYear, relative: 'this' };
  }
  const current = Number(today.slice(0, 4));
  let best: { index: number; ref: YearRef } | undefined;
  const offer = (index: number, ref: YearRef) => {
    if (best === undefined || index < best.index) best = { index, ref };
  };
  for (const { re, offset, relative } of RELATIVE) {
    const m = re.exec(folded);
    if (m !== null && relative !== undefined) offer(m.index, { year: current + offset, relative });
  }
  const han = HAN_YEAR_RE.exec(folded);
  if (han !== null) offer(han.index, { year: Number(han[1]) });
  for (const m of folded.matchAll(YEAR_RE)) {
    offer(m.index, { year: Number(m[1]) });
    break;
  }
  for (const m of folded.matchAll(/(?<!\d)((?:19|20)\d{2})-\d{1,2}-\d{1,2}(?!\d)/gu)) {
    offer(m.index, { year: Number(m[1]) });
    break;
  }
  return best?.ref;
}

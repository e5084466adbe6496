import type { CountryCode } from '@passerelle/core';
import { dateInZone } from '@passerelle/core';
import { countryHits } from './countries';
import { DEFAULT_TIME_ZONE } from './dates';
import { AMBIGUOUS_MONTHS, MONTHS, parseHanNumber } from './lexicon';
import { cue, fold, normalize, WORD_CHAR } from './text';
import { yearInFolded } from './years';

/** Which side of a delegation a question is about. */
export type DelegationAspect =
  | 'dates'
  | 'members'
  | 'itinerary'
  | 'outcomes'
  | 'follow_ups'
  | 'summary';

/** A delegation named by where it went (or came from) and when. */
export interface DelegationRef {
  country?: CountryCode;
  /** 1 to 12. */
  month?: number;
  year?: number;
}

export interface DelegationContext {
  now: Date;
  timeZone?: string;
}

const DELEGATION_CUE = cue(
  [
    'delegations?',
    'trip',
    'trips',
    'mission',
    'missions',
    'visit to',
    'visit in',
    'visit from',
    'visits to',
    'study tour',
    'voyage',
    'visite en',
    'visite a',
    'deplacement',
  ],
  ['代表团', '出访', '访问团', '来访', '访法', '访华', '赴法', '出国访问', '考察团'],
);

/** Chinese short forms: 访法 "visit to France", 赴德 "going to Germany". */
const HAN_SHORT_COUNTRIES: ReadonlyArray<readonly [RegExp, CountryCode]> = [
  [/[访赴]法/u, 'FR'],
  [/[访赴]德/u, 'DE'],
  [/[访赴]英/u, 'GB'],
  [/[访赴]美/u, 'US'],
];

const W = WORD_CHAR;
const MONTH_WORD_RE = new RegExp(
  `(?<!${W})(${[...MONTHS.keys()].sort((a, b) => b.length - a.length).join('|')})(?!${W})`,
  'gu',
);
const HAN_MONTH_RE = /(\d{1,2}|十[一二]?|[一二三四五六七八九])月/u;

const ASPECTS: ReadonlyArray<readonly [DelegationAspect, RegExp]> = [
  [
    'follow_ups',
    cue(
      [
        'follow-ups?',
        'follow ups?',
        'followups?',
        'next steps?',
        'actions?',
        'action items?',
        'to-?dos?',
        'pending',
        'tasks?',
        'suivis?',
        'suites',
        'actions de suivi',
        'prochaines etapes',
        'a faire',
      ],
      ['后续', '跟进', '待办', '下一步', '落实'],
    ),
  ],
  [
    'outcomes',
    cue(
      [
        'outcomes?',
        'results?',
        'achievements?',
        'achieved',
        'accomplished',
        'came out of',
        'agreed',
        'consensus',
        'deliverables',
        'resultats?',
        'retombees',
        'acquis',
        'aboutissements?',
        'obtenu',
      ],
      ['成果', '结果', '收获', '达成', '共识', '成效'],
    ),
  ],
  [
    'members',
    cue(
      [
        'members?',
        'who (?:went|is going|was|were|are|is|took part|participated|joined|led|leads)',
        'who',
        'participants?',
        'composition',
        'team',
        'leader',
        'led by',
        'membres?',
        'qui (?:etait|etaient|faisait|faisaient|fait|font|part|partait|participe|participait|participaient|a participe|dirige|dirigeait|compose|composait)',
        'qui en faisait partie',
        'chef de delegation',
        'dirigee par',
      ],
      ['成员', '谁', '人员', '名单', '带队', '团长', '哪些人'],
    ),
  ],
  [
    'itinerary',
    cue(
      [
        'itinerary',
        'itineraries',
        'schedule',
        'programme',
        'program',
        'agenda',
        'plan',
        'route',
        'where did',
        'where will',
        'which (?:schools|institutions|universities|partners) did',
        'visited',
        'itineraire',
        'planning',
        'etapes',
        'deroule',
        'deroulement',
      ],
      ['行程', '日程', '安排', '路线', '去了哪', '拜访了哪', '访问了哪'],
    ),
  ],
  [
    'dates',
    cue(
      ['when', 'dates?', 'how long', 'quand', 'duree', 'what days'],
      ['什么时候', '哪天', '日期', '何时', '几号', '多久'],
    ),
  ],
];

/** True when a message speaks of a delegation, a visit or a trip. */
export function mentionsDelegation(text: string): boolean {
  return DELEGATION_CUE.test(fold(text));
}

/** What a delegation question asks: dates, members, itinerary, outcomes, follow-ups, or all. */
export function extractDelegationAspect(text: string): DelegationAspect {
  return delegationAspectIn(fold(text));
}

export function delegationAspectIn(folded: string): DelegationAspect {
  for (const [aspect, re] of ASPECTS) if (re.test(folded)) return aspect;
  return 'summary';
}

/**
 * The delegation a message points at: "the France delegation" → { country: 'FR' },
 * "法国代表团", "la délégation en France", "December delegation" → { month: 12 }.
 * Undefined when the message speaks of no delegation.
 */
export function extractDelegationRef(
  text: string,
  context: DelegationContext,
): DelegationRef | undefined {
  const normal = normalize(text);
  return delegationRefIn(
    normal,
    fold(normal),
    dateInZone(context.now, context.timeZone ?? DEFAULT_TIME_ZONE),
  );
}

/** As `extractDelegationRef`, for a text already normalized and folded, and a known today. */
export function delegationRefIn(
  normal: string,
  folded: string,
  today: string,
): DelegationRef | undefined {
  if (!DELEGATION_CUE.test(folded)) return undefined;
  const ref: DelegationRef = {};
  const country =
    countryHits(normal, folded)[0]?.value ??
    HAN_SHORT_COUNTRIES.find(([re]) => re.test(folded))?.[1];
  if (country !== undefined) ref.country = country;
  const month = monthIn(folded);
  if (month !== undefined) ref.month = month;
  const year = yearInFolded(folded, today);
  if (year !== undefined) ref.year = year.year;
  return ref;
}

function monthIn(folded: string): number | undefined {
  for (const m of folded.matchAll(MONTH_WORD_RE)) {
    const word = m[1] ?? '';
    if (
      AMBIGUOUS_MONTHS.has(word) &&
      !/\d/.test(folded.slice(Math.max(0, m.index - 4), m.index + word.length + 6))
    ) {
      continue;
    }
    return MONTHS.get(word);
  }
  const han = HAN_MONTH_RE.exec(folded);
  if (han?.[1] === undefined) return undefined;
  const value = /^\d+$/.test(han[1]) ? Number(han[1]) : parseHanNumber(han[1]);
  return value !== undefined && value >= 1 && value <= 12 ? value : undefined;
}

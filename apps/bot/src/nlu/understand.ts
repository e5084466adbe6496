import type {
  AgreementKind,
  CalendarDate,
  CountryCode,
  EffectiveAgreementStatus,
  EventKind,
  Language,
  ProgrammeKind,
  StudentStatus,
} from '@passerelle/core';
import { dateInZone } from '@passerelle/core';
import { extractBindingCode } from './binding';
import { countryHits } from './countries';
import { type DateRange, DEFAULT_TIME_ZONE, rangeInFolded } from './dates';
import {
  type DelegationAspect,
  type DelegationRef,
  delegationAspectIn,
  delegationRefIn,
} from './delegation';
import { detectInjection } from './injection';
import {
  createInstitutionMatcher,
  type InstitutionMatch,
  type InstitutionMatcher,
  type InstitutionName,
} from './institutions';
import { CUES, INTENT_PRIORITY, type Intent, type Role, STAFF_INTENTS } from './intents';
import {
  agreementKindsIn,
  agreementStatusesIn,
  type DocumentKind,
  documentKindsIn,
  eventKindsIn,
  programmeKindsIn,
  studentStatusesIn,
} from './kinds';
import { detectLanguage } from './language';
import { fold, normalize, tokenize } from './text';
import { createTitleMatcher, type TitledItem, type TitleMatch, type TitleMatcher } from './titles';
import { correctTypos } from './typos';
import { type YearRef, yearInFolded } from './years';

export interface UnderstandContext {
  now: Date;
  /** Where "today" is read; Asia/Shanghai by default. */
  timeZone?: string;
  /** Who writes, from the channel's binding. Nothing in the text can change it. */
  role: Role;
  /** Partner institutions, or a matcher built once with `createInstitutionMatcher`. */
  institutions?: readonly InstitutionName[] | InstitutionMatcher;
  /** Events to recognise by title, or a matcher built once with `createTitleMatcher`. */
  events?: readonly TitledItem[] | TitleMatcher;
  /** The language of the conversation so far, used when a message is too short to tell. */
  previousLanguage?: Language;
}

export interface Entities {
  dateRange?: DateRange;
  year?: YearRef;
  countries: CountryCode[];
  programmeKinds: ProgrammeKind[];
  /** Only for questions about students (counts, lists, alerts). */
  studentStatuses: StudentStatus[];
  /** Only for questions about agreements and partners. */
  agreementKinds: AgreementKind[];
  /** Only for questions about agreements and partners. */
  agreementStatuses: EffectiveAgreementStatus[];
  /** Only for questions about events. */
  eventKinds: EventKind[];
  documentKinds: DocumentKind[];
  institutions: InstitutionMatch[];
  events: TitleMatch[];
  delegation?: DelegationRef;
  /** Only for `delegation_info`. */
  aspect?: DelegationAspect;
  bindingCode?: string;
  /** The message tried to change the bot's rules or the asker's role; the role is unchanged. */
  injectionAttempt: boolean;
}

export interface Understanding {
  language: Language;
  intent: Intent;
  /** 0 to 1: how sure the classifier is. */
  confidence: number;
  /** The role of the asker, always the context's. */
  role: Role;
  /** True when the intent is for staff only; the answer layer refuses it to others. */
  staffOnly: boolean;
  entities: Entities;
}

/** Messages are understood from their first characters; longer ones are pasted documents. */
export const MAX_ANALYSED_CHARS = 2000;

const ONLY_SYMBOLS_RE =
  /^(?:[\s\p{P}\p{S}\p{Emoji_Presentation}\p{Extended_Pictographic}]|\u200d|\ufe0f)*$/u;
const HELP_ONLY_RE =
  /^[\s\p{P}\p{S}]*(?:help|help me|aide|aidez-moi|aide-moi|au secours|帮助|求助|帮忙|menu|commands|info|start|\/start|\/help|h|\?)[\s\p{P}\p{S}]*$/u;

const institutionMatchers = new WeakMap<readonly InstitutionName[], InstitutionMatcher>();
const titleMatchers = new WeakMap<readonly TitledItem[], TitleMatcher>();

function institutionMatcherOf(
  source: UnderstandContext['institutions'],
): InstitutionMatcher | undefined {
  if (source === undefined || 'match' in source) return source;
  let matcher = institutionMatchers.get(source);
  if (matcher === undefined) {
    matcher = createInstitutionMatcher(source);
    institutionMatchers.set(source, matcher);
  }
  return matcher;
}

function titleMatcherOf(source: UnderstandContext['events']): TitleMatcher | undefined {
  if (source === undefined || 'match' in source) return source;
  let matcher = titleMatchers.get(source);
  if (matcher === undefined) {
    matcher = createTitleMatcher(source);
    titleMatchers.set(source, matcher);
  }
  return matcher;
}

const EVENT_INTENTS = new Set<Intent>([
  'events_upcoming',
  'event_register',
  'event_cancel',
  'my_registrations',
  'reminders_on',
  'reminders_off',
]);
const STUDENT_QUERY_INTENTS = new Set<Intent>(['students_count', 'students_list', 'alerts']);
const AGREEMENT_INTENTS = new Set<Intent>(['agreements_query', 'partner_info']);

/**
 * Understands one message: its language, what it asks (intent) and what it names (entities).
 * Offline and deterministic; the asker's role comes from the context only.
 */
export function understand(text: string, context: UnderstandContext): Understanding {
  const injectionAttempt = detectInjection(text);
  const excerpt = text.length > MAX_ANALYSED_CHARS ? text.slice(0, MAX_ANALYSED_CHARS) : text;
  const normal = normalize(excerpt);
  // Cues and lexicons read the text with misspelt key words put right; names are matched on
  // the text as written, by matchers with their own tolerance.
  const folded = correctTypos(fold(normal));
  const language = detectLanguage(normal, context.previousLanguage);
  const today: CalendarDate = dateInZone(context.now, context.timeZone ?? DEFAULT_TIME_ZONE);

  const countries = distinct(countryHits(normal, folded).map((hit) => hit.value));
  const programmeKinds = programmeKindsIn(folded, language);
  const documentKinds = documentKindsIn(folded);
  const eventKinds = eventKindsIn(folded);
  const institutions = institutionMatcherOf(context.institutions)?.match(normal) ?? [];
  const events = titleMatcherOf(context.events)?.match(normal) ?? [];
  const dateRange = rangeInFolded(folded, today);
  const year = yearInFolded(folded, today);
  const bindingCode = extractBindingCode(normal);

  const scores = scoreIntents({
    language,
    normal,
    folded,
    role: context.role,
    programmeKinds,
    documentKinds,
    eventKinds,
    hasInstitution: institutions.length > 0,
    hasEventTitle: events.length > 0,
    hasDate: dateRange !== undefined,
    hasYear: year !== undefined,
    hasCountry: countries.length > 0,
    bindingCode,
  });
  const ranked = INTENT_PRIORITY.map((intent) => ({ intent, score: scores.get(intent) ?? 0 })).sort(
    (a, b) => b.score - a.score,
  );
  const top = ranked[0] ?? { intent: 'kb_question' as Intent, score: 0.3 };
  const runnerUp = ranked[1]?.score ?? 0;
  let confidence = top.score;
  if (runnerUp > 0.3 && top.score - runnerUp < 0.05) confidence -= 0.1;
  const intent = top.intent;

  const entities: Entities = {
    countries,
    programmeKinds,
    studentStatuses: STUDENT_QUERY_INTENTS.has(intent) ? studentStatusesIn(folded) : [],
    agreementKinds: AGREEMENT_INTENTS.has(intent) ? agreementKindsIn(folded, language) : [],
    agreementStatuses: AGREEMENT_INTENTS.has(intent) ? agreementStatusesIn(folded) : [],
    eventKinds: EVENT_INTENTS.has(intent) ? eventKinds : [],
    documentKinds,
    institutions,
    events,
    injectionAttempt,
  };
  if (dateRange !== undefined) entities.dateRange = dateRange;
  if (year !== undefined) entities.year = year;
  if (bindingCode !== undefined) entities.bindingCode = bindingCode;
  if (intent === 'delegation_info') {
    entities.delegation = delegationRefIn(normal, folded, today) ?? {};
    entities.aspect = delegationAspectIn(folded);
  }

  return {
    language,
    intent,
    confidence: Math.round(Math.max(0.05, Math.min(0.99, confidence)) * 100) / 100,
    role: context.role,
    staffOnly: STAFF_INTENTS.has(intent),
    entities,
  };
}

interface Signals {
  language: Language;
  normal: string;
  folded: string;
  role: Role;
  programmeKinds: ProgrammeKind[];
  documentKinds: DocumentKind[];
  eventKinds: EventKind[];
  hasInstitution: boolean;
  hasEventTitle: boolean;
  hasDate: boolean;
  hasYear: boolean;
  hasCountry: boolean;
  bindingCode: string | undefined;
}

/** Scores every intent from 0 to 1; the highest wins (ties by `INTENT_PRIORITY`). */
function scoreIntents(s: Signals): Map<Intent, number> {
  const f = s.folded;
  const has = (re: RegExp) => re.test(f);
  const scores = new Map<Intent, number>();
  const raise = (intent: Intent, score: number) => {
    if (score > (scores.get(intent) ?? 0)) scores.set(intent, score);
  };

  if (f.length === 0) {
    raise('help', 0.3);
    return scores;
  }
  if (ONLY_SYMBOLS_RE.test(s.normal)) {
    raise('greeting', 0.5);
    return scores;
  }

  const firstPerson = has(CUES.firstPerson);
  const students = has(CUES.students) || s.programmeKinds.length > 0;
  const expiry = has(CUES.expiry);
  const howTo = has(CUES.howTo);
  const documents = s.documentKinds.length > 0 || has(CUES.documentWord);
  const eventContext = has(CUES.eventWord) || s.eventKinds.length > 0 || s.hasEventTitle;

  raise('kb_question', has(CUES.kbTopic) ? 0.6 : 0.3);
  if (howTo) raise('kb_question', 0.62);

  // Greetings and help only when nothing else is asked.
  if (HELP_ONLY_RE.test(f)) raise('help', 0.95);
  if (has(CUES.helpPhrase)) raise('help', 0.9);
  if (has(CUES.greeting) || has(CUES.thanks)) {
    const rest = f
      .replace(CUES.greeting, ' ')
      .replace(CUES.thanks, ' ')
      .replace(/\b(?:bot|passerelle|there|everyone|all|a tous|tout le monde)\b/gu, ' ');
    raise('greeting', tokenize(rest).length <= 1 && !/\p{Script=Han}{2,}/u.test(rest) ? 0.9 : 0.2);
  }

  if (has(CUES.handoff)) raise('handoff', 0.95);

  if (s.bindingCode !== undefined) raise('bind', 0.97);
  else if (
    /^(?:bind|binding|lier|绑定)(?:\s|$)|how (?:do|can) i bind|绑定账号|lier mon compte/u.test(f)
  ) {
    raise('bind', 0.75);
  }

  // Reminders: "turn off reminders", "取消提醒", "arrête les rappels".
  const reminder = has(CUES.reminder) || (/\balerts?\b|alertes?/u.test(f) && !students);
  if (reminder) {
    if (has(CUES.off)) raise('reminders_off', 0.93);
    else if (has(CUES.on)) raise('reminders_on', 0.9);
    else if (/remind me|rappelle-moi|提醒我/u.test(f)) raise('reminders_on', 0.8);
  }

  if (has(CUES.myRegistrations)) raise('my_registrations', 0.9);
  if (has(CUES.cancel)) {
    const aboutRegistration = eventContext || /registration|inscription|报名/u.test(f);
    raise('event_cancel', aboutRegistration ? 0.9 : 0.5);
  }
  if (has(CUES.registerMe)) raise('event_register', eventContext ? 0.9 : 0.85);
  else if (has(CUES.register)) raise('event_register', eventContext ? 0.88 : 0.4);

  if (eventContext) {
    raise('events_upcoming', has(CUES.eventWord) ? 0.8 : 0.65);
    if (s.hasDate) raise('events_upcoming', 0.85);
  }

  if (documents) {
    if (firstPerson && !students) {
      if (howTo && !expiry) raise('my_documents', 0.45);
      else raise('my_documents', expiry ? 0.9 : 0.8);
    } else if (expiry && (students || has(CUES.whose))) {
      raise('alerts', has(CUES.whose) || has(CUES.beforeProgrammeEnd) ? 0.92 : 0.8);
    } else if (expiry && !howTo) {
      raise('my_documents', s.role === 'staff' ? 0.5 : 0.7);
    }
  }
  if (has(CUES.beforeProgrammeEnd)) raise('alerts', 0.9);
  // "Urgent"/"紧急"/"urgence" is a staff alert only for staff; for anyone else it is the
  // Survival Guide's emergencies.
  if (has(CUES.alerts)) {
    raise('alerts', s.role !== 'staff' && has(CUES.kbTopic) ? 0.5 : 0.85);
  }

  // "伙伴" (buddy) is also in "合作伙伴" (partner institution).
  if (
    has(CUES.profile) &&
    !has(CUES.partner) &&
    (firstPerson || /who is|c'est qui|qui est|是谁/u.test(f))
  ) {
    raise('my_profile', 0.85);
  }

  if (has(CUES.yearEndStrong)) raise('year_end_review', 0.95);
  else if (has(CUES.yearEndWeak) && s.hasYear) raise('year_end_review', 0.75);
  else if (has(CUES.yearEndWeak)) raise('year_end_review', 0.5);

  if (has(CUES.gaps)) raise('gaps', 0.92);

  if (has(CUES.delegationStrong)) raise('delegation_info', 0.9);
  else if (s.role === 'staff' && has(CUES.delegationWeak) && (s.hasCountry || s.hasDate)) {
    raise('delegation_info', 0.7);
  }

  if (has(CUES.agreement)) raise('agreements_query', 0.88);

  if (students && has(CUES.count)) raise('students_count', 0.9);
  if (students && has(CUES.list)) raise('students_list', 0.8);
  if (s.role === 'staff' && students && (s.hasInstitution || s.hasCountry)) {
    raise('students_list', 0.6);
  }

  const stage = has(CUES.stage) || (s.language !== 'fr' && has(CUES.stageEnglish));
  if (s.hasInstitution) {
    if (stage) raise('partner_info', has(CUES.agreement) ? 0.85 : 0.9);
    else raise('partner_info', s.role === 'staff' ? 0.55 : 0.25);
  }
  if (has(CUES.partner)) raise('partner_info', stage || has(CUES.list) ? 0.8 : 0.6);

  return scores;
}

function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

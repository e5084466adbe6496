export { extractBindingCode, mentionsBinding } from './binding';
export { countryHits, extractCountries } from './countries';
export {
  type DateContext,
  type DateRange,
  type DateRangeLabel,
  DEFAULT_TIME_ZONE,
  extractDateRange,
  OPEN_END,
  OPEN_START,
  rangeInFolded,
} from './dates';
export {
  type DelegationAspect,
  type DelegationContext,
  type DelegationRef,
  delegationAspectIn,
  delegationRefIn,
  extractDelegationAspect,
  extractDelegationRef,
  mentionsDelegation,
} from './delegation';
export { detectInjection } from './injection';
export {
  createInstitutionMatcher,
  type InstitutionMatch,
  type InstitutionMatcher,
  type InstitutionName,
} from './institutions';
export { CUES, INTENT_PRIORITY, type Intent, type Role, STAFF_INTENTS } from './intents';
export {
  agreementKindsIn,
  agreementStatusesIn,
  type DocumentKind,
  documentKindsIn,
  eventKindsIn,
  extractAgreementKinds,
  extractAgreementStatuses,
  extractDocumentKinds,
  extractEventKinds,
  extractProgrammeKinds,
  extractStudentStatuses,
  programmeKindsIn,
  studentStatusesIn,
} from './kinds';
export { detectLanguage, ENGLISH_WORDS, FRENCH_WORDS } from './language';
export {
  AMBIGUOUS_MONTHS,
  MONTHS,
  parseCount,
  parseHanNumber,
} from './lexicon';
export { createPhraseMatcher, distinctValues, type PhraseHit, type PhraseMatcher } from './phrases';
export {
  countHan,
  cue,
  editDistance,
  fold,
  normalize,
  phraseVariants,
  type Token,
  tokenize,
  typoBudget,
} from './text';
export { createTitleMatcher, type TitledItem, type TitleMatch, type TitleMatcher } from './titles';
export { correctTypos } from './typos';
export {
  type Entities,
  MAX_ANALYSED_CHARS,
  type UnderstandContext,
  type Understanding,
  understand,
} from './understand';
export { extractYear, type YearContext, type YearRef, yearInFolded } from './years';

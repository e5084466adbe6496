import type {
  AgreementKind,
  EffectiveAgreementStatus,
  EventKind,
  Language,
  ProgrammeKind,
  StudentStatus,
} from '@passerelle/core';
import { createPhraseMatcher, distinctValues, type PhraseMatcher } from './phrases';
import { fold } from './text';

/** A document a student holds and the bot tracks (never its number). */
export type DocumentKind = 'passport' | 'visa' | 'residence_permit' | 'insurance';

type Lexicon<T> = ReadonlyArray<readonly [T, readonly string[]]>;

function flatten<T>(lexicon: Lexicon<T>): Array<readonly [string, T]> {
  return lexicon.flatMap(([value, phrases]) => phrases.map((phrase) => [phrase, value] as const));
}

/**
 * Programme kinds. "dual degree" is listed so that its "degree" is not read as a degree
 * student; French "stage" (internship) is added only for French text, since English
 * "stage" is a relationship stage.
 */
const PROGRAMME_KINDS: Lexicon<ProgrammeKind | null> = [
  [
    'dual_degree',
    [
      'dual degree',
      'dual-degree',
      'dual degrees',
      'double degree',
      'double-degree',
      'double-diplôme',
      'double degrees',
      'joint degree',
      'dual-degree students',
      'double diplôme',
      'doubles diplômes',
      'double diplomation',
      'bi-diplôme',
      'bidiplôme',
      '双学位',
      '双学位生',
      '双文凭',
      '双硕士',
    ],
  ],
  [
    'degree',
    [
      'degree',
      'degrees',
      'degree student',
      'degree students',
      'degree-seeking',
      'full-degree',
      'full degree',
      'diplômant',
      'diplômants',
      'diplômante',
      'diplômantes',
      'en diplôme',
      'cursus complet',
      'cursus diplômant',
      '学位生',
      '学历生',
      '学位留学生',
      '学位项目',
    ],
  ],
  [
    'exchange',
    [
      'exchange',
      'exchanges',
      'exchange student',
      'exchange students',
      'échange',
      'échanges',
      'en échange',
      '交换生',
      '交换学生',
      '交流生',
      '交换',
    ],
  ],
  [
    'intern',
    [
      'intern',
      'interns',
      'internship',
      'internships',
      'trainee',
      'trainees',
      'stagiaire',
      'stagiaires',
      '实习生',
      '实习',
    ],
  ],
  [
    'short_term',
    [
      'short-term',
      'short term',
      'short stay',
      'short-stay',
      'visiting student',
      'visiting students',
      'short-term visitors',
      'court séjour',
      'courts séjours',
      'courte durée',
      'court terme',
      'étudiants visiteurs',
      '短期',
      '短期生',
      '短期访问',
      '短期交流',
      '访问学生',
    ],
  ],
  [
    'summer_school',
    [
      'summer school',
      'summer schools',
      'summer programme',
      'summer program',
      'summer camp',
      "école d'été",
      "écoles d'été",
      "université d'été",
      '暑期学校',
      '暑校',
      '暑期项目',
      '夏令营',
      '暑期班',
    ],
  ],
  // Phrases that contain a kind word but name something else.
  [null, ['faculty exchange', 'staff exchange', 'teacher exchange', 'échange de personnel']],
];

const STUDENT_STATUSES: Lexicon<StudentStatus> = [
  [
    'applied',
    [
      'applied',
      'applicant',
      'applicants',
      'applications',
      'candidat',
      'candidats',
      'candidates',
      'candidature',
      'candidatures',
      '申请人',
      '申请者',
      '已申请',
    ],
  ],
  ['admitted', ['admitted', 'admis', 'admise', 'admises', '录取', '已录取']],
  ['enrolled', ['enrolled', 'enrolment', 'inscrits', 'inscrites', '已注册', '注册学生']],
  ['arrived', ['arrived', 'arrivals', 'arrivés', 'arrivées', '已到校', '已抵达', '抵达', '到校']],
  [
    'active',
    [
      'active students',
      'current students',
      'currently enrolled',
      'en cours',
      '在读',
      '在校生',
      '在校',
    ],
  ],
  [
    'completed',
    [
      'completed',
      'graduated',
      'graduates',
      'alumni',
      'diplômés',
      'terminé',
      '毕业',
      '已毕业',
      '已完成',
      '结业',
    ],
  ],
  [
    'withdrawn',
    [
      'withdrawn',
      'withdrew',
      'dropped out',
      'abandon',
      'abandonné',
      'désistés',
      '退学',
      '已退出',
      '中途退出',
    ],
  ],
];

const AGREEMENT_KINDS: Lexicon<AgreementKind> = [
  [
    'mou',
    [
      'mou',
      'mous',
      'memorandum',
      'memorandum of understanding',
      'framework agreement',
      "protocole d'accord",
      'accord-cadre',
      'accord cadre',
      'accords-cadres',
      '备忘录',
      '谅解备忘录',
      '框架协议',
    ],
  ],
  [
    'student_exchange',
    [
      'exchange agreement',
      'exchange agreements',
      'student exchange',
      'student exchanges',
      "accord d'échange",
      "accords d'échange",
      "échange d'étudiants",
      'échange étudiant',
      '交换协议',
      '学生交换',
      '交换生协议',
    ],
  ],
  [
    'dual_degree',
    [
      'dual degree',
      'dual-degree',
      'double degree',
      'joint degree',
      'double diplôme',
      'doubles diplômes',
      '双学位',
      '双学位协议',
    ],
  ],
  [
    'summer_school',
    ['summer school', 'summer schools', "école d'été", "écoles d'été", '暑期学校', '暑校'],
  ],
  [
    'faculty_exchange',
    [
      'faculty exchange',
      'staff exchange',
      'teacher exchange',
      "échange d'enseignants",
      'échange de personnel',
      '教师交流',
      '教师互访',
      '师资交流',
    ],
  ],
  [
    'research',
    ['research', 'research cooperation', 'recherche', '科研', '科研合作', '研究合作', '联合研究'],
  ],
  ['internship', ['internship', 'internships', 'internship agreement', '实习', '实习协议']],
  [
    'teacher_training',
    [
      'teacher training',
      'teacher-training',
      'formation des enseignants',
      'formation des professeurs',
      '教师培训',
      '师资培训',
    ],
  ],
];

const AGREEMENT_STATUSES: Lexicon<EffectiveAgreementStatus> = [
  ['draft', ['draft', 'drafts', 'brouillon', '草案', '草稿']],
  [
    'negotiating',
    [
      'negotiating',
      'under negotiation',
      'in negotiation',
      'en négociation',
      '谈判中',
      '洽谈中',
      '协商中',
    ],
  ],
  ['signed', ['signed', 'signé', 'signés', 'signées', '已签', '已签署', '签署']],
  [
    'active',
    [
      'active',
      'in force',
      'valid',
      'current',
      'en vigueur',
      'actifs',
      'actives',
      '有效',
      '生效',
      '在有效期',
    ],
  ],
  [
    'expiring',
    [
      'expiring',
      'expire',
      'expires',
      'due for renewal',
      'up for renewal',
      'expirent',
      'arrivent à échéance',
      'à renouveler',
      '即将到期',
      '到期',
      '快到期',
      '续签',
    ],
  ],
  ['expired', ['expired', 'lapsed', 'expirés', 'expirées', '已过期', '过期', '已到期', '失效']],
  ['terminated', ['terminated', 'cancelled agreements', 'résilié', 'résiliés', '终止', '已终止']],
];

const EVENT_KINDS: Lexicon<EventKind> = [
  [
    'cultural',
    [
      'cultural',
      'culture',
      'cultural event',
      'culturel',
      'culturelle',
      'culturels',
      'culturelles',
      '文化活动',
      '文化',
      '中法文化',
    ],
  ],
  [
    'academic_seminar',
    [
      'seminar',
      'seminars',
      'lecture',
      'lectures',
      'conference',
      'conferences',
      'talks',
      'symposium',
      'séminaire',
      'séminaires',
      'conférence',
      'conférences',
      'colloque',
      '讲座',
      '学术讲座',
      '研讨会',
      '论坛',
      '报告会',
    ],
  ],
  [
    'performance',
    [
      'performance',
      'performances',
      'concert',
      'concerts',
      'spectacle',
      'spectacles',
      '演出',
      '表演',
      '音乐会',
      '晚会',
    ],
  ],
  ['themed_salon', ['salon', 'salons', 'themed salon', 'salon thématique', '沙龙', '主题沙龙']],
  [
    'sports',
    [
      'sport',
      'sports',
      'sports event',
      'match',
      'tournament',
      'sportif',
      'sportive',
      'sportifs',
      'tournoi',
      '体育',
      '运动会',
      '运动',
      '比赛',
    ],
  ],
  [
    'summer_school',
    [
      'summer school',
      'summer schools',
      "école d'été",
      "université d'été",
      '暑期学校',
      '暑校',
      '夏令营',
    ],
  ],
  [
    'welcome_orientation',
    [
      'orientation',
      'welcome week',
      'welcome event',
      'welcome events',
      'welcome activities',
      'welcome party',
      'welcome orientation',
      'induction',
      'accueil',
      "journée d'accueil",
      "journée d'intégration",
      'intégration',
      '迎新',
      '入学教育',
      '新生见面会',
      '欢迎会',
    ],
  ],
  [
    'online_workshop',
    [
      'workshop',
      'workshops',
      'online workshop',
      'webinar',
      'webinars',
      'atelier',
      'ateliers',
      'atelier en ligne',
      '工作坊',
      '线上研讨',
      '在线研讨',
      '线上工作坊',
    ],
  ],
  [
    'year_end_review',
    [
      'year-end review',
      'year end review',
      'year-end meeting',
      'bilan de fin d’année',
      "réunion de fin d'année",
      '年终总结会',
      '年度总结会',
      '年会',
    ],
  ],
  [
    'info_session',
    [
      'info session',
      'information session',
      'info sessions',
      'briefing',
      "réunion d'information",
      "séance d'information",
      '说明会',
      '宣讲会',
      '介绍会',
    ],
  ],
];

const DOCUMENT_KINDS: Lexicon<DocumentKind> = [
  [
    'residence_permit',
    [
      'residence permit',
      'residence permits',
      'resident permit',
      'permit',
      'permits',
      'titre de séjour',
      'titres de séjour',
      'carte de séjour',
      'permis de séjour',
      '居留许可',
      '居留证',
      '居留',
    ],
  ],
  ['visa', ['visa', 'visas', 'x1 visa', 'x2 visa', '签证']],
  ['passport', ['passport', 'passports', 'passeport', 'passeports', '护照']],
  [
    'insurance',
    [
      'insurance',
      'health insurance',
      'assurance',
      'assurances',
      'assurance maladie',
      'mutuelle',
      '保险',
      '医保',
      '医疗保险',
    ],
  ],
];

let programmeMatcher: PhraseMatcher<ProgrammeKind | null> | undefined;
let frenchStageMatcher: PhraseMatcher<ProgrammeKind> | undefined;
let statusMatcher: PhraseMatcher<StudentStatus> | undefined;
let agreementKindMatcher: PhraseMatcher<AgreementKind> | undefined;
let frenchInternshipMatcher: PhraseMatcher<AgreementKind> | undefined;
let agreementStatusMatcher: PhraseMatcher<EffectiveAgreementStatus> | undefined;
let eventKindMatcher: PhraseMatcher<EventKind> | undefined;
let documentMatcher: PhraseMatcher<DocumentKind> | undefined;

/** Programme kinds a text names: "exchange students", "交换生", "double diplôme", "stagiaires". */
export function extractProgrammeKinds(text: string, language?: Language): ProgrammeKind[] {
  return programmeKindsIn(fold(text), language);
}

export function programmeKindsIn(folded: string, language?: Language): ProgrammeKind[] {
  programmeMatcher ??= createPhraseMatcher(flatten(PROGRAMME_KINDS));
  const found = distinctValues(programmeMatcher.findFolded(folded)).filter(
    (kind): kind is ProgrammeKind => kind !== null,
  );
  if (language === 'fr') {
    frenchStageMatcher ??= createPhraseMatcher([
      ['stage', 'intern'],
      ['stages', 'intern'],
      ['en stage', 'intern'],
    ]);
    for (const kind of distinctValues(frenchStageMatcher.findFolded(folded))) {
      if (!found.includes(kind)) found.push(kind);
    }
  }
  return found;
}

/** Student statuses a text names: "admitted", "已录取", "inscrits". */
export function extractStudentStatuses(text: string): StudentStatus[] {
  return studentStatusesIn(fold(text));
}

export function studentStatusesIn(folded: string): StudentStatus[] {
  statusMatcher ??= createPhraseMatcher(flatten(STUDENT_STATUSES));
  return distinctValues(statusMatcher.findFolded(folded));
}

/** Agreement kinds a text names: "dual-degree agreements", "备忘录", "accord d'échange". */
export function extractAgreementKinds(text: string, language?: Language): AgreementKind[] {
  return agreementKindsIn(fold(text), language);
}

export function agreementKindsIn(folded: string, language?: Language): AgreementKind[] {
  agreementKindMatcher ??= createPhraseMatcher(flatten(AGREEMENT_KINDS));
  const found = distinctValues(agreementKindMatcher.findFolded(folded));
  if (language === 'fr') {
    frenchInternshipMatcher ??= createPhraseMatcher([
      ['stage', 'internship'],
      ['stages', 'internship'],
    ]);
    for (const kind of distinctValues(frenchInternshipMatcher.findFolded(folded))) {
      if (!found.includes(kind)) found.push(kind);
    }
  }
  return found;
}

/** Agreement statuses a text names: "expiring", "signed", "已过期", "en vigueur". */
export function extractAgreementStatuses(text: string): EffectiveAgreementStatus[] {
  return agreementStatusesIn(fold(text));
}

export function agreementStatusesIn(folded: string): EffectiveAgreementStatus[] {
  agreementStatusMatcher ??= createPhraseMatcher(flatten(AGREEMENT_STATUSES));
  return distinctValues(agreementStatusMatcher.findFolded(folded));
}

/** Event kinds a text names: "cultural events", "讲座", "salon", "conférence", "sport". */
export function extractEventKinds(text: string): EventKind[] {
  return eventKindsIn(fold(text));
}

export function eventKindsIn(folded: string): EventKind[] {
  eventKindMatcher ??= createPhraseMatcher(flatten(EVENT_KINDS));
  return distinctValues(eventKindMatcher.findFolded(folded));
}

/** Documents a text names: "residence permit", "签证", "titre de séjour", "passeport". */
export function extractDocumentKinds(text: string): DocumentKind[] {
  return documentKindsIn(fold(text));
}

export function documentKindsIn(folded: string): DocumentKind[] {
  documentMatcher ??= createPhraseMatcher(flatten(DOCUMENT_KINDS));
  return distinctValues(documentMatcher.findFolded(folded));
}

/**
 * Generated records for the benchmarks: valid `@passerelle/core` records (a sample of each batch
 * is parsed with the core schema), deterministic (the n-th record is always the same), with ids
 * `stu_bench0000000042` that sort in creation order like the API's own.
 */
import {
  type Article,
  academicYearOf,
  addDays,
  type CountryCode,
  type Event,
  type EventKind,
  type ProgrammeKind,
  type Registration,
  type Student,
  type StudentStatus,
  type StudyLevel,
} from '@passerelle/core';

const pad = (n: number) => String(n).padStart(10, '0');

export const benchStudentId = (n: number) => `stu_bench${pad(n)}` as Student['id'];
export const benchEventId = (n: number) => `evt_bench${pad(n)}` as Event['id'];

/** ASCII names, so the SQL generator's lower() is the API's foldText (see sql.ts). */
export const FIRST_NAMES = [
  'Camille',
  'Wei',
  'Lucas',
  'Mei',
  'Hugo',
  'Yuki',
  'Amara',
  'Jonas',
  'Lea',
  'Chen',
  'Ines',
  'Omar',
  'Sofia',
  'Arjun',
  'Zoe',
  'Mateo',
  'Hana',
  'Nils',
  'Aicha',
] as const;
export const LAST_NAMES = [
  'Martin',
  'Zhang',
  'Dubois',
  'Schmidt',
  'Rossi',
  'Tanaka',
  'Okafor',
  'Silva',
  'Nguyen',
  'Moreau',
  'Kowalski',
  'Haddad',
  'Larsen',
  'Fernandez',
  'Petit',
] as const;

export const NATIONALITIES: readonly CountryCode[] = [
  'FR',
  'DE',
  'IT',
  'ES',
  'US',
  'JP',
  'KR',
  'BR',
  'NG',
  'IN',
  'GB',
  'SE',
];
export const PROGRAMME_KINDS: readonly ProgrammeKind[] = [
  'exchange',
  'degree',
  'dual_degree',
  'intern',
  'short_term',
  'summer_school',
];
/** Seven statuses: `status=active` keeps one student in seven. */
export const STUDENT_STATUSES: readonly StudentStatus[] = [
  'applied',
  'admitted',
  'enrolled',
  'arrived',
  'active',
  'completed',
  'withdrawn',
];
export const LEVELS: readonly StudyLevel[] = ['bachelor', 'master', 'phd'];

/** Nine kinds (no online workshop, which needs partner details): `kind=…` keeps one in nine. */
export const EVENT_KINDS: readonly EventKind[] = [
  'cultural',
  'academic_seminar',
  'performance',
  'themed_salon',
  'sports',
  'summer_school',
  'welcome_orientation',
  'year_end_review',
  'info_session',
];

const pick = <T>(list: readonly T[], n: number): T => {
  const item = list[n % list.length];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
};

export interface StudentOptions {
  /** The first day programmes may start. */
  startFrom: string;
  /** Programme starts are spread over this many days from `startFrom`. */
  startSpreadDays: number;
  /** When the records were created: record n is created n seconds after this. */
  createdFrom: string;
}

export function benchStudent(n: number, options: StudentOptions): Student {
  const programmeStart = addDays(options.startFrom, (n * 7919) % options.startSpreadDays);
  const created = new Date(Date.parse(options.createdFrom) + n * 1000).toISOString();
  const first = pick(FIRST_NAMES, n);
  const last = pick(LAST_NAMES, Math.floor(n / FIRST_NAMES.length));
  return {
    id: benchStudentId(n),
    fullName: `${first} ${last} ${n}`,
    email: `student${n}@bench.example.org`,
    nationality: pick(NATIONALITIES, n),
    programmeKind: pick(PROGRAMME_KINDS, n),
    level: pick(LEVELS, n),
    hostInstitute: 'SPEIT',
    programmeStart,
    programmeEnd: addDays(programmeStart, 300),
    status: pick(STUDENT_STATUSES, n),
    documents: {
      passportNumber: `P${pad(n)}`,
      passportExpiry: addDays(programmeStart, 900 + (n % 400)),
      permit: {
        type: 'residence_permit',
        number: `R${pad(n)}`,
        expiry: addDays(programmeStart, 200 + (n % 200)),
      },
      insuranceExpiry: addDays(programmeStart, 365),
    },
    orientationAttended: n % 2 === 0,
    remindersEnabled: true,
    academicYear: academicYearOf(programmeStart),
    checkIns: [],
    createdAt: created,
    updatedAt: created,
    version: 1,
  };
}

export interface EventOptions {
  /** The first day events happen. */
  startFrom: string;
  /** Events are spread over this many days from `startFrom`. */
  startSpreadDays: number;
  createdFrom: string;
}

export function benchEvent(n: number, options: EventOptions): Event {
  const day = addDays(options.startFrom, (n * 104_729) % options.startSpreadDays);
  const hour = 9 + (n % 9);
  const start = new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);
  const end = new Date(start.getTime() + 90 * 60_000);
  const created = new Date(Date.parse(options.createdFrom) + n * 1000).toISOString();
  const kind = pick(EVENT_KINDS, n);
  return {
    id: benchEventId(n),
    kind,
    title: {
      en: `${kind.replace(/_/g, ' ')} ${n}`,
      fr: `Rencontre ${n}`,
      zh: `活动 ${n}`,
    },
    sessions: [
      {
        id: `ses_bench${pad(n)}` as Event['sessions'][number]['id'],
        start: start.toISOString(),
        end: end.toISOString(),
        timeZone: 'Asia/Shanghai',
        place: 'Lecture hall A',
      },
    ],
    capacity: 50 + (n % 100),
    audience: n % 3 === 0 ? ['all_students'] : n % 3 === 1 ? ['exchange', 'staff'] : ['public'],
    languages: ['en', 'zh'],
    interpretation: false,
    organiser: 'International Affairs Division',
    partnerInstitutionIds: [],
    academicYear: academicYearOf(day),
    cancelled: false,
    createdAt: created,
    updatedAt: created,
    version: 1,
  };
}

/** The student of the `k`-th registration (from 1) for event `n`, among `students` students. */
export function registrantOf(n: number, k: number, perEvent: number, students: number): number {
  return (n * perEvent + k) % students;
}

/** The `k`-th registration (from 1) for event `n`: registered, some attended or cancelled. */
export function benchRegistration(
  n: number,
  k: number,
  event: Pick<Event, 'id' | 'createdAt'>,
  studentId: Student['id'],
): Registration {
  return {
    id: `reg_bench${pad(n)}${String(k).padStart(3, '0')}` as Registration['id'],
    eventId: event.id,
    participant: { kind: 'student', studentId },
    status: k % 5 === 0 ? 'cancelled' : k % 2 === 0 ? 'attended' : 'registered',
    sequence: k,
    registeredAt: event.createdAt,
    updatedAt: event.createdAt,
    version: 1,
  };
}

/**
 * A generated article: sentences of the demo articles in that language, mixed by `n`, under a
 * made-up topic. It shares the demo's words (so their posting lists grow as in a real guide) but
 * never its titles, so questions about the demo topics still find the demo articles first.
 */
export function benchArticle(n: number, sources: readonly Article[], createdFrom: string): Article {
  const source = sources[n % sources.length];
  if (source === undefined) throw new Error('no source articles');
  const others = sources.filter((article) => article.language === source.language);
  const sentences = (article: Article) =>
    article.body
      .split(/(?<=[.!?。！？])\s*/u)
      .map((sentence) => sentence.trim())
      .filter((sentence) => sentence !== '');
  const picked: string[] = [];
  for (let i = 0; i < 6; i++) {
    const from = others[(n * 31 + i * 17) % others.length] ?? source;
    const list = sentences(from);
    const sentence = list[(n + i * 7) % Math.max(1, list.length)];
    if (sentence !== undefined) picked.push(sentence);
  }
  const created = new Date(Date.parse(createdFrom) + n * 1000).toISOString();
  return {
    id: `art_bench${pad(n)}` as Article['id'],
    topic: `generated-${n}`,
    language: source.language,
    title:
      source.language === 'zh'
        ? `常见问题 第${n}号`
        : source.language === 'fr'
          ? `Question fréquente n° ${n}`
          : `Frequently asked question no. ${n}`,
    body: picked.length > 0 ? picked.join(' ') : source.body,
    tags: [`generated-${n % 100}`],
    audience: source.audience,
    lastReviewedOn: '2025-09-01',
    createdAt: created,
    updatedAt: created,
    version: 1,
  };
}

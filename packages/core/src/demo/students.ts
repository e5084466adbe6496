import type { StudyLevel } from '../partners/schemas';
import {
  academicYearOf,
  addDays,
  type CalendarDate,
  type CountryCode,
  type InstitutionId,
  type Language,
  type StaffId,
} from '../shared';
import type { ProgrammeKind, Student, StudentStatus } from '../students/schemas';
import {
  at,
  demoId,
  idSequence,
  pick,
  repeat,
  seededRandom,
  shuffled,
  slug,
  stamp,
} from './common';
import { DEMO_IDS } from './ids';
import { SUMMER_SCHOOLS } from './schedule';

/** Invented given names and family names per nationality. */
type NameLists = readonly [readonly string[], readonly string[]];
const FR_NAMES: NameLists = [
  [
    'Camille',
    'Lucas',
    'Léa',
    'Hugo',
    'Chloé',
    'Louis',
    'Manon',
    'Gabriel',
    'Inès',
    'Arthur',
    'Jade',
    'Raphaël',
    'Louise',
    'Nathan',
    'Emma',
    'Théo',
    'Sarah',
    'Jules',
    'Clara',
    'Maxime',
    'Juliette',
    'Antoine',
    'Zoé',
    'Paul',
    'Alice',
    'Victor',
    'Lucie',
    'Baptiste',
    'Margaux',
    'Étienne',
  ],
  [
    'Martin',
    'Bernard',
    'Dubois',
    'Thomas',
    'Robert',
    'Richard',
    'Petit',
    'Durand',
    'Leroy',
    'Moreau',
    'Simon',
    'Laurent',
    'Lefebvre',
    'Michel',
    'David',
    'Bertrand',
    'Roux',
    'Vincent',
    'Fournier',
    'Morel',
    'André',
    'Blanc',
    'Guérin',
    'Boyer',
    'Garnier',
    'Chevalier',
    'Faure',
    'Rousseau',
    'Lambert',
    'Bonnet',
  ],
];
const NAMES: Partial<Record<CountryCode, NameLists>> = {
  FR: FR_NAMES,
  BE: [
    ['Lucas', 'Emma', 'Louis', 'Olivia', 'Noah', 'Elena', 'Arthur', 'Lina'],
    ['Peeters', 'Janssens', 'Maes', 'Dupont', 'Lambert', 'Dubois', 'Claes', 'Goossens'],
  ],
  CH: [
    ['Noé', 'Mia', 'Liam', 'Léna', 'Elias', 'Chiara'],
    ['Müller', 'Meier', 'Favre', 'Rochat', 'Keller', 'Perret'],
  ],
  CA: [
    ['William', 'Florence', 'Félix', 'Charlotte', 'Samuel', 'Rosalie'],
    ['Tremblay', 'Gagnon', 'Roy', 'Côté', 'Bouchard', 'Gauthier'],
  ],
  DE: [
    ['Lukas', 'Anna', 'Felix', 'Lena', 'Jonas', 'Marie', 'Leon', 'Sophie'],
    ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Wagner', 'Becker', 'Hoffmann'],
  ],
  IT: [
    ['Giulia', 'Marco', 'Chiara', 'Luca', 'Sofia', 'Matteo'],
    ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Colombo'],
  ],
  US: [
    ['Emily', 'Michael', 'Olivia', 'Daniel', 'Hannah', 'Ethan'],
    ['Smith', 'Johnson', 'Brown', 'Miller', 'Davis', 'Wilson'],
  ],
  GB: [
    ['Oliver', 'Amelia', 'George', 'Isla', 'Harry', 'Ava'],
    ['Taylor', 'Evans', 'Walker', 'Wright', 'Clarke', 'Hall'],
  ],
  JP: [
    ['Haruto', 'Yui', 'Sota', 'Aoi', 'Ren', 'Hina'],
    ['Sato', 'Suzuki', 'Takahashi', 'Watanabe', 'Ito', 'Yamamoto'],
  ],
  MA: [
    ['Youssef', 'Salma', 'Amine', 'Imane', 'Omar', 'Yasmine'],
    ['El Amrani', 'Alaoui', 'Bennani', 'Chraibi', 'Tazi', 'Idrissi'],
  ],
  VN: [
    ['Minh', 'Linh', 'Duc', 'Mai', 'Quang', 'Thao'],
    ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Vu'],
  ],
  BR: [
    ['Pedro', 'Ana', 'Mateus', 'Beatriz', 'Rafael', 'Larissa'],
    ['Silva', 'Santos', 'Oliveira', 'Souza', 'Costa', 'Almeida'],
  ],
  ES: [
    ['Pablo', 'Lucía', 'Javier', 'María', 'Diego', 'Carmen'],
    ['García', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Romero'],
  ],
};

const BUDDIES = [
  'Chen Yuxuan',
  'Liu Siyu',
  'Zhang Haoran',
  'Wu Jiayi',
  'Zhao Mingze',
  'Huang Xinyi',
];
const FRENCH_PARTNERS: readonly InstitutionId[] = [
  DEMO_IDS.polytechnique,
  DEMO_IDS.ensta,
  DEMO_IDS.telecomParis,
  DEMO_IDS.minesParis,
  DEMO_IDS.polytechParisSaclay,
  DEMO_IDS.pontsEtChaussees,
];
const ADVISORS: readonly StaffId[] = [DEMO_IDS.staff, DEMO_IDS.advisorFrench];

/** A group of students who share a programme, its dates and where they come from. */
interface Group {
  count: number;
  programmeKind: ProgrammeKind;
  nationality: CountryCode;
  start: CalendarDate;
  end: CalendarDate;
  level?: StudyLevel;
  homes?: readonly InstitutionId[];
  agreementId?: `agr_${string}`;
}

const SPRING = (year: number) => ({
  start: year === 2024 ? '2024-02-26' : '2025-02-24',
  end: year === 2024 ? '2024-07-05' : '2025-07-04',
});
const FALL = (year: number) => ({
  start: year === 2024 ? '2024-09-02' : '2025-09-01',
  end: year === 2024 ? '2025-01-17' : '2026-01-16',
});

/**
 * New international students of 2025 (45: 14 exchange, 11 dual degree, 12 degree, 8 interns;
 * 30 from France) and of 2024 (38).
 */
function newStudentGroups(year: 2024 | 2025): Group[] {
  const fallStart = FALL(year).start;
  const exchange = (
    count: number,
    nationality: CountryCode,
    term: { start: string; end: string },
    home: InstitutionId,
    agreementId: `agr_${string}`,
  ): Group => ({
    count,
    programmeKind: 'exchange',
    nationality,
    ...term,
    level: 'master',
    homes: [home],
    agreementId,
  });
  const dual = (count: number, home: InstitutionId): Group => ({
    count,
    programmeKind: 'dual_degree',
    nationality: 'FR',
    start: fallStart,
    end: `${year + 3}-07-02`,
    level: 'master',
    homes: [home],
    agreementId: DEMO_IDS.strategicDualDegree,
  });
  const degree = (count: number, nationality: CountryCode, level: StudyLevel): Group => ({
    count,
    programmeKind: 'degree',
    nationality,
    start: fallStart,
    end: `${year + (level === 'master' ? 2 : 4)}-07-03`,
    level,
  });
  const intern = (count: number, nationality: CountryCode, spring: boolean): Group => ({
    count,
    programmeKind: 'intern',
    nationality,
    start: spring ? `${year}-03-0${year === 2024 ? 4 : 3}` : `${year}-09-0${year === 2024 ? 9 : 8}`,
    end: spring ? `${year}-08-29` : `${year + 1}-02-27`,
    level: 'master',
    ...(nationality === 'FR'
      ? { homes: [DEMO_IDS.ensta, DEMO_IDS.telecomParis, DEMO_IDS.polytechParisSaclay] }
      : {}),
  });
  if (year === 2025) {
    return [
      exchange(4, 'FR', SPRING(2025), DEMO_IDS.polytechnique, DEMO_IDS.polytechniqueExchange),
      exchange(2, 'FR', FALL(2025), DEMO_IDS.polytechnique, DEMO_IDS.polytechniqueExchange),
      exchange(
        2,
        'FR',
        FALL(2025),
        DEMO_IDS.polytechParisSaclay,
        DEMO_IDS.polytechExchangeExpiringSoon,
      ),
      exchange(2, 'FR', FALL(2025), DEMO_IDS.pontsEtChaussees, DEMO_IDS.pontsExchange),
      exchange(2, 'IT', FALL(2025), DEMO_IDS.politecnicoMilano, DEMO_IDS.politecnicoExchange),
      exchange(1, 'US', SPRING(2025), DEMO_IDS.michigan, DEMO_IDS.michiganExchangeExpired),
      exchange(1, 'US', FALL(2025), DEMO_IDS.michigan, DEMO_IDS.michiganExchange),
      dual(3, DEMO_IDS.polytechnique),
      dual(3, DEMO_IDS.ensta),
      dual(3, DEMO_IDS.telecomParis),
      dual(2, DEMO_IDS.minesParis),
      degree(3, 'FR', 'master'),
      degree(3, 'DE', 'master'),
      degree(2, 'JP', 'phd'),
      degree(2, 'MA', 'bachelor'),
      degree(2, 'VN', 'master'),
      intern(3, 'FR', true),
      intern(3, 'FR', false),
      intern(1, 'BR', true),
      intern(1, 'ES', false),
    ];
  }
  return [
    exchange(3, 'FR', SPRING(2024), DEMO_IDS.polytechnique, DEMO_IDS.polytechniqueExchange),
    exchange(2, 'FR', FALL(2024), DEMO_IDS.polytechnique, DEMO_IDS.polytechniqueExchange),
    exchange(
      2,
      'FR',
      SPRING(2024),
      DEMO_IDS.polytechParisSaclay,
      DEMO_IDS.polytechExchangeExpiringSoon,
    ),
    exchange(
      2,
      'FR',
      FALL(2024),
      DEMO_IDS.polytechParisSaclay,
      DEMO_IDS.polytechExchangeExpiringSoon,
    ),
    exchange(2, 'IT', FALL(2024), DEMO_IDS.politecnicoMilano, DEMO_IDS.politecnicoExchange),
    exchange(1, 'US', FALL(2024), DEMO_IDS.michigan, DEMO_IDS.michiganExchangeExpired),
    dual(3, DEMO_IDS.polytechnique),
    dual(2, DEMO_IDS.ensta),
    dual(2, DEMO_IDS.telecomParis),
    dual(2, DEMO_IDS.minesParis),
    degree(2, 'FR', 'master'),
    degree(3, 'DE', 'master'),
    degree(2, 'JP', 'phd'),
    degree(2, 'MA', 'bachelor'),
    degree(1, 'VN', 'master'),
    intern(3, 'FR', true),
    intern(3, 'FR', false),
    intern(1, 'ES', true),
  ];
}

/** Short-term visiting students: study tours of two to four weeks (370 in 2025, 320 in 2024). */
function shortTermGroups(year: 2024 | 2025): Group[] {
  const nationalities: [CountryCode, number][] =
    year === 2025
      ? [
          ['FR', 300],
          ['BE', 20],
          ['CH', 15],
          ['CA', 15],
          ['MA', 10],
          ['DE', 10],
        ]
      : [
          ['FR', 260],
          ['BE', 18],
          ['CH', 12],
          ['CA', 12],
          ['MA', 8],
          ['DE', 10],
        ];
  const waves: [string, number][] = [
    ['01-06', 21],
    ['03-17', 14],
    ['04-14', 14],
    ['05-19', 21],
    ['06-30', 28],
    ['07-14', 21],
    ['10-20', 14],
    ['11-17', 14],
  ];
  const list = repeat(nationalities);
  return list.map((nationality, index) => {
    const [monthDay, days] = at(waves, index);
    const start = `${year}-${monthDay}`;
    return {
      count: 1,
      programmeKind: 'short_term',
      nationality,
      start,
      end: addDays(start, days - 1),
      level: 'bachelor',
      ...(nationality === 'FR'
        ? { homes: FRENCH_PARTNERS }
        : nationality === 'DE'
          ? { homes: [DEMO_IDS.tuMunich] }
          : {}),
    };
  });
}

/** Generated students have completed their programme, follow it, or are about to start. */
function statusOn(group: Group, today: CalendarDate): StudentStatus {
  if (group.end < today) return 'completed';
  return group.start <= today ? 'active' : 'enrolled';
}

/** Everything the demo knows about its students, and the groups events draw on. */
export interface DemoStudents {
  all: Student[];
  /** The current students of `DEMO_IDS`, with documents relative to `now`. */
  current: Student[];
  newStudents: Record<2024 | 2025, Student[]>;
  /** Participants of each summer-school session, by event id. */
  summerSchool: Map<string, Student[]>;
}

const documentNumber = (random: () => number, letter: string): string =>
  `${letter}${String(Math.floor(random() * 100_000_000)).padStart(8, '0')}`;

/**
 * The demo students. Generated cohorts use invented names from a seeded generator, so the
 * same call gives the same students; the current students' documents are relative to `today`.
 */
export function demoStudents(today: CalendarDate): DemoStudents {
  const random = seededRandom(20_251_208);
  const nextId = idSequence('stu', 1001);

  const make = (group: Group, extra: { orientation: boolean }): Student => {
    const id = nextId();
    const number = Number(id.slice(-6));
    const [givenNames, familyNames] = NAMES[group.nationality] ?? FR_NAMES;
    const first = pick(random, givenNames);
    const last = pick(random, familyNames);
    const fullName = group.nationality === 'VN' ? `${last} ${first}` : `${first} ${last}`;
    const academicYear = academicYearOf(group.start);
    const longStay =
      group.programmeKind !== 'short_term' && group.programmeKind !== 'summer_school';
    const home = group.homes === undefined ? undefined : pick(random, group.homes);
    const language: Language = ['FR', 'BE', 'CH', 'CA', 'MA'].includes(group.nationality)
      ? 'fr'
      : 'en';
    return {
      id,
      fullName,
      email: `${slug(first)}.${slug(last)}.${number}@students.demo.example`,
      nationality: group.nationality,
      programmeKind: group.programmeKind,
      ...(group.level === undefined ? {} : { level: group.level }),
      ...(home === undefined ? {} : { homeInstitutionId: home }),
      hostInstitute: 'SPEIT',
      ...(group.agreementId === undefined ? {} : { agreementId: group.agreementId }),
      programmeStart: group.start,
      programmeEnd: group.end,
      ...(longStay ? { advisorId: at(ADVISORS, number), buddy: at(BUDDIES, number) } : {}),
      preferredLanguage: language,
      status: statusOn(group, today),
      documents: longStay
        ? {
            passportNumber: documentNumber(random, 'P'),
            passportExpiry: addDays(group.end, 900 + Math.floor(random() * 1500)),
            permit: {
              type: 'residence_permit',
              number: documentNumber(random, 'E'),
              expiry: addDays(group.end, 30),
            },
            insuranceExpiry: addDays(group.end, 30),
            insuranceProvider: 'Demo Campus Health Plan',
          }
        : { passportExpiry: addDays(group.end, 700 + Math.floor(random() * 2000)) },
      orientationAttended: extra.orientation,
      remindersEnabled: true,
      academicYear,
      checkIns: [],
      ...(group.agreementId === undefined
        ? {}
        : {
            admission: {
              agreementId: group.agreementId,
              academicYear,
              admittedAt: `${addDays(group.start, -120)}T02:00:00.000Z`,
              by: DEMO_IDS.staff,
            },
          }),
      ...stamp,
    };
  };
  const expand = (groups: Group[], orientation: boolean) =>
    groups.flatMap((group) =>
      Array.from({ length: group.count }, () => make(group, { orientation })),
    );

  const current = currentStudents(today);
  const applicants = upcomingApplicants(today);
  const new2025 = expand(newStudentGroups(2025), true);
  const new2024 = expand(newStudentGroups(2024), true);
  const shortTerm = [
    ...expand(shortTermGroups(2025), false),
    ...expand(shortTermGroups(2024), false),
  ];
  const summerSchool = new Map<string, Student[]>();
  for (const session of SUMMER_SCHOOLS) {
    const nationalities = shuffled(random, repeat(session.nationalities));
    const participants = nationalities.map((nationality) =>
      make(
        {
          count: 1,
          programmeKind: 'summer_school',
          nationality,
          start: session.start,
          end: session.end,
          level: 'bachelor',
          ...(nationality === 'DE' ? { homes: [DEMO_IDS.tuMunich] } : {}),
        },
        { orientation: false },
      ),
    );
    summerSchool.set(session.eventId, participants);
  }
  return {
    all: [
      ...current,
      ...applicants,
      ...new2025,
      ...new2024,
      ...shortTerm,
      ...[...summerSchool.values()].flat(),
    ],
    current,
    newStudents: { 2024: new2024, 2025: new2025 },
    summerSchool,
  };
}

/**
 * Current students started in a September outside the reviewed years 2024 and 2025, so that
 * the year-end figures do not move with `now`.
 */
function currentStart(today: CalendarDate): CalendarDate {
  const year = Number(today.slice(0, 4)) - 3;
  return `${year === 2024 || year === 2025 ? 2023 : year}-09-04`;
}

function currentStudents(today: CalendarDate): Student[] {
  const start = currentStart(today);
  const academicYear = academicYearOf(start);
  const student = (
    n: number,
    fields: Omit<
      Student,
      | 'id'
      | 'hostInstitute'
      | 'programmeStart'
      | 'status'
      | 'orientationAttended'
      | 'remindersEnabled'
      | 'academicYear'
      | 'createdAt'
      | 'updatedAt'
      | 'version'
    >,
  ): Student => ({
    id: demoId('stu', n),
    hostInstitute: 'SPEIT',
    programmeStart: start,
    status: 'active',
    orientationAttended: true,
    remindersEnabled: true,
    academicYear,
    ...fields,
    ...stamp,
  });
  const admission = (agreementId: `agr_${string}`) => ({
    agreementId,
    academicYear,
    admittedAt: `${addDays(start, -120)}T02:00:00.000Z`,
    by: DEMO_IDS.staff,
  });
  const checkIn = (
    n: number,
    daysAgo: number,
    by: StaffId,
    followUpNeeded: boolean,
    notes: string,
  ) => ({
    id: demoId('chk', n),
    on: addDays(today, -daysAgo),
    by,
    followUpNeeded,
    notes,
  });

  const endCamille = addDays(today, 220);
  const endLukas = addDays(today, 200);
  const endGiulia = addDays(today, 230);
  const endHugo = addDays(today, 250);
  const endAiko = addDays(today, 200);
  const endMehdi = addDays(today, 560);
  return [
    student(1, {
      fullName: 'Camille Rousseau',
      preferredName: 'Camille',
      email: 'camille.rousseau@students.demo.example',
      nationality: 'FR',
      programmeKind: 'dual_degree',
      level: 'master',
      homeInstitutionId: DEMO_IDS.polytechnique,
      agreementId: DEMO_IDS.strategicDualDegree,
      programmeEnd: endCamille,
      advisorId: DEMO_IDS.staff,
      buddy: 'Chen Yuxuan',
      preferredLanguage: 'en',
      documents: {
        passportNumber: '19FR45821',
        passportExpiry: addDays(endCamille, 1200),
        permit: { type: 'residence_permit', number: 'E12345678', expiry: addDays(endCamille, 30) },
        insuranceExpiry: addDays(endCamille, 30),
        insuranceProvider: 'Demo Campus Health Plan',
      },
      checkIns: [
        checkIn(
          1,
          45,
          DEMO_IDS.staff,
          false,
          'Settled in well; asked about internships in Shanghai.',
        ),
      ],
      admission: admission(DEMO_IDS.strategicDualDegree),
    }),
    student(2, {
      fullName: 'Lukas Becker',
      email: 'lukas.becker@students.demo.example',
      nationality: 'DE',
      programmeKind: 'degree',
      level: 'master',
      programmeEnd: endLukas,
      advisorId: DEMO_IDS.advisorFrench,
      preferredLanguage: 'en',
      documents: {
        passportNumber: 'C7K2L9M4P',
        passportExpiry: addDays(endLukas, 1500),
        permit: { type: 'residence_permit', number: 'E23456789', expiry: addDays(today, 18) },
        insuranceExpiry: addDays(endLukas, 30),
        insuranceProvider: 'Demo Campus Health Plan',
      },
      checkIns: [
        checkIn(
          2,
          10,
          DEMO_IDS.advisorFrench,
          true,
          'Reminded him to book the permit renewal appointment.',
        ),
      ],
    }),
    student(3, {
      fullName: 'Giulia Romano',
      email: 'giulia.romano@students.demo.example',
      nationality: 'IT',
      programmeKind: 'degree',
      level: 'bachelor',
      programmeEnd: endGiulia,
      advisorId: DEMO_IDS.staff,
      buddy: 'Liu Siyu',
      preferredLanguage: 'en',
      documents: {
        passportNumber: 'YA3456789',
        passportExpiry: addDays(endGiulia, 1300),
        permit: { type: 'residence_permit', number: 'E34567890', expiry: addDays(endGiulia, 30) },
        insuranceExpiry: addDays(today, 12),
        insuranceProvider: 'Demo Campus Health Plan',
      },
      checkIns: [],
    }),
    student(4, {
      fullName: 'Hugo Lefèvre',
      email: 'hugo.lefevre@students.demo.example',
      nationality: 'FR',
      programmeKind: 'dual_degree',
      level: 'master',
      homeInstitutionId: DEMO_IDS.ensta,
      agreementId: DEMO_IDS.strategicDualDegree,
      programmeEnd: endHugo,
      advisorId: DEMO_IDS.advisorFrench,
      preferredLanguage: 'fr',
      documents: {
        passportNumber: '21FR78214',
        passportExpiry: addDays(endHugo, 1000),
        permit: { type: 'residence_permit', number: 'E45678901', expiry: addDays(today, 90) },
        insuranceExpiry: addDays(endHugo, 30),
        insuranceProvider: 'Demo Campus Health Plan',
      },
      checkIns: [],
      admission: admission(DEMO_IDS.strategicDualDegree),
    }),
    student(5, {
      fullName: 'Aiko Tanaka',
      email: 'aiko.tanaka@students.demo.example',
      nationality: 'JP',
      programmeKind: 'degree',
      level: 'phd',
      programmeEnd: endAiko,
      advisorId: DEMO_IDS.staff,
      preferredLanguage: 'en',
      documents: {
        passportNumber: 'TK5067421',
        passportExpiry: addDays(endAiko, 100),
        permit: { type: 'residence_permit', number: 'E56789012', expiry: addDays(endAiko, 30) },
        insuranceExpiry: addDays(endAiko, 30),
        insuranceProvider: 'Demo Campus Health Plan',
      },
      checkIns: [
        checkIn(
          3,
          20,
          DEMO_IDS.staff,
          true,
          'Passport renewal to plan at the embassy before the defence.',
        ),
      ],
    }),
    student(6, {
      fullName: 'Mehdi Benali',
      email: 'mehdi.benali@students.demo.example',
      nationality: 'MA',
      programmeKind: 'degree',
      level: 'bachelor',
      programmeEnd: endMehdi,
      advisorId: DEMO_IDS.advisorFrench,
      buddy: 'Zhang Haoran',
      preferredLanguage: 'fr',
      documents: {
        passportNumber: 'MA8845120',
        passportExpiry: addDays(endMehdi, 1400),
        permit: { type: 'residence_permit', number: 'E67890123', expiry: addDays(endMehdi, 30) },
        insuranceExpiry: addDays(endMehdi, 30),
        insuranceProvider: 'Demo Campus Health Plan',
      },
      checkIns: [],
    }),
  ];
}

/** Applications for the next semester, not yet admitted (they count in no year-end figure). */
function upcomingApplicants(today: CalendarDate): Student[] {
  const year = Number(today.slice(0, 4));
  const nextIsSpring = Number(today.slice(5, 7)) >= 8;
  const start = nextIsSpring ? `${year + 1}-02-22` : `${year}-09-01`;
  const end = nextIsSpring ? `${year + 1}-07-02` : `${year + 1}-01-15`;
  const applicants: [string, string][] = [
    ['Léo Garnier', 'leo.garnier'],
    ['Anaïs Perrot', 'anais.perrot'],
    ['Mathis Colin', 'mathis.colin'],
  ];
  return applicants.map(([fullName, email], index) => ({
    id: demoId('stu', 7 + index),
    fullName,
    email: `${email}@students.demo.example`,
    nationality: 'FR',
    programmeKind: 'exchange',
    level: 'master',
    homeInstitutionId: DEMO_IDS.polytechnique,
    agreementId: DEMO_IDS.polytechniqueExchange,
    hostInstitute: 'SPEIT',
    programmeStart: start,
    programmeEnd: end,
    preferredLanguage: 'fr',
    status: 'applied',
    documents: {},
    orientationAttended: false,
    remindersEnabled: true,
    academicYear: academicYearOf(start),
    checkIns: [],
    ...stamp,
  }));
}

import type {
  AudienceGroup,
  Event,
  Participant,
  Registration,
  RegistrationStatus,
} from '../events/schemas';
import {
  academicYearOf,
  addDays,
  type CalendarDate,
  isoWeekday,
  type LocalizedText,
} from '../shared';
import type { Student } from '../students/schemas';
import {
  at,
  demoId,
  idSequence,
  nextWeekday,
  seededRandom,
  shanghai,
  shuffled,
  stamp,
} from './common';
import { DEMO_IDS } from './ids';
import { SUMMER_SCHOOLS } from './schedule';
import type { DemoStudents } from './students';
import { CAMPUS_TIME_ZONE, demoWorkshops } from './workshops';

const CULTURAL_KINDS = [
  'academic_seminar',
  'performance',
  'themed_salon',
  'sports',
  'cultural',
] as const;
type CulturalKind = (typeof CULTURAL_KINDS)[number];

interface Template {
  title: LocalizedText;
  place: string;
  time: readonly [string, string];
}

const t = (en: string, zh: string, fr: string): LocalizedText => ({ en, zh, fr });

/** Sino-French cultural exchange activities (seed 000), reused from one year to the next. */
const TEMPLATES: Record<CulturalKind, readonly Template[]> = {
  academic_seminar: [
    {
      title: t(
        'Sino-French seminar on advanced materials',
        '中法先进材料学术研讨会',
        'Séminaire franco-chinois sur les matériaux avancés',
      ),
      place: 'SPEIT lecture hall',
      time: ['14:00', '16:30'],
    },
    {
      title: t(
        'Seminar: artificial intelligence in engineering education',
        '研讨会：人工智能与工程教育',
        "Séminaire : l'intelligence artificielle dans la formation d'ingénieurs",
      ),
      place: 'SPEIT lecture hall',
      time: ['14:00', '16:30'],
    },
    {
      title: t(
        'Seminar on nuclear energy and the energy transition',
        '核能与能源转型研讨会',
        "Séminaire sur l'énergie nucléaire et la transition énergétique",
      ),
      place: 'SPEIT lecture hall',
      time: ['14:00', '16:30'],
    },
    {
      title: t(
        'Lecture: the French grandes écoles and engineering education',
        '讲座：法国大学校与工程师教育',
        "Conférence : les grandes écoles et la formation d'ingénieurs",
      ),
      place: 'SPEIT lecture hall',
      time: ['14:00', '16:00'],
    },
    {
      title: t(
        'Seminar on applied mathematics and modelling',
        '应用数学与建模研讨会',
        'Séminaire de mathématiques appliquées et modélisation',
      ),
      place: 'Room 201',
      time: ['14:00', '16:30'],
    },
    {
      title: t(
        'Seminar on smart cities and urban engineering',
        '智慧城市与城市工程研讨会',
        'Séminaire sur la ville intelligente et le génie urbain',
      ),
      place: 'Room 201',
      time: ['14:00', '16:30'],
    },
    {
      title: t(
        'Seminar on sustainable aviation',
        '可持续航空研讨会',
        "Séminaire sur l'aviation durable",
      ),
      place: 'SPEIT lecture hall',
      time: ['14:00', '16:30'],
    },
  ],
  performance: [
    {
      title: t(
        'Sino-French Spring Festival gala',
        '中法新春联欢晚会',
        'Gala franco-chinois du Nouvel An chinois',
      ),
      place: 'Campus auditorium',
      time: ['19:00', '21:30'],
    },
    {
      title: t(
        'Fête de la Musique on campus',
        '校园音乐节（Fête de la Musique）',
        'Fête de la musique sur le campus',
      ),
      place: 'Central lawn',
      time: ['18:30', '21:00'],
    },
    {
      title: t('French theatre evening', '法语戏剧之夜', 'Soirée théâtre en français'),
      place: 'Campus auditorium',
      time: ['19:00', '21:00'],
    },
    {
      title: t(
        'Chinese opera workshop and performance',
        '戏曲体验与演出',
        "Atelier et représentation d'opéra chinois",
      ),
      place: 'Campus auditorium',
      time: ['19:00', '21:00'],
    },
    {
      title: t(
        'Sino-French New Year concert',
        '中法新年音乐会',
        'Concert franco-chinois du Nouvel An',
      ),
      place: 'Campus auditorium',
      time: ['19:00', '21:00'],
    },
  ],
  themed_salon: [
    {
      title: t(
        'Sino-French salon: Francophonie Day',
        '中法沙龙：法语国家日',
        'Salon franco-chinois : journée de la Francophonie',
      ),
      place: 'SPEIT student lounge',
      time: ['19:00', '21:00'],
    },
    {
      title: t(
        'Sino-French salon: tea culture',
        '中法沙龙：茶文化',
        'Salon franco-chinois : la culture du thé',
      ),
      place: 'SPEIT student lounge',
      time: ['19:00', '21:00'],
    },
    {
      title: t(
        'Sino-French salon: careers in French companies in China',
        '中法沙龙：在华法企职业发展',
        'Salon franco-chinois : carrières dans les entreprises françaises en Chine',
      ),
      place: 'SPEIT student lounge',
      time: ['19:00', '21:00'],
    },
    {
      title: t('Sino-French salon: cinema', '中法沙龙：电影', 'Salon franco-chinois : cinéma'),
      place: 'SPEIT student lounge',
      time: ['19:00', '21:30'],
    },
    {
      title: t(
        'Sino-French salon: from dumplings to crêpes',
        '中法沙龙：从饺子到可丽饼',
        'Salon franco-chinois : des raviolis aux crêpes',
      ),
      place: 'SPEIT student lounge',
      time: ['18:30', '21:00'],
    },
    {
      title: t(
        'Sino-French salon: calligraphy',
        '中法沙龙：书法',
        'Salon franco-chinois : calligraphie',
      ),
      place: 'SPEIT student lounge',
      time: ['19:00', '21:00'],
    },
  ],
  sports: [
    {
      title: t(
        'Sino-French football friendly',
        '中法足球友谊赛',
        'Match amical de football franco-chinois',
      ),
      place: 'East stadium',
      time: ['16:00', '18:00'],
    },
    {
      title: t('Sino-French campus run', '中法校园跑', 'Course franco-chinoise sur le campus'),
      place: 'East stadium',
      time: ['08:00', '10:00'],
    },
    {
      title: t('Badminton tournament', '羽毛球友谊赛', 'Tournoi de badminton'),
      place: 'Sports hall',
      time: ['14:00', '17:00'],
    },
    {
      title: t('Pétanque afternoon', '法式滚球体验', 'Après-midi pétanque'),
      place: 'Central lawn',
      time: ['14:00', '17:00'],
    },
  ],
  cultural: [
    {
      title: t(
        'Dragon Boat Festival: making zongzi together',
        '端午节：一起包粽子',
        'Fête des bateaux-dragons : préparer des zongzi',
      ),
      place: 'SPEIT student lounge',
      time: ['15:00', '17:00'],
    },
    {
      title: t('Mid-Autumn Festival evening', '中秋之夜', 'Soirée de la fête de la mi-automne'),
      place: 'Central lawn',
      time: ['19:00', '21:00'],
    },
  ],
};

/** Dates of the cultural activities: 24 in 2025, 19 in 2024. */
const CALENDAR: Record<2024 | 2025, Record<CulturalKind, readonly CalendarDate[]>> = {
  2025: {
    academic_seminar: [
      '2025-03-12',
      '2025-03-26',
      '2025-04-23',
      '2025-05-14',
      '2025-10-15',
      '2025-11-05',
      '2025-11-26',
    ],
    performance: ['2025-01-24', '2025-06-21', '2025-10-10', '2025-11-21', '2025-12-19'],
    themed_salon: [
      '2025-03-20',
      '2025-04-17',
      '2025-05-22',
      '2025-09-25',
      '2025-10-30',
      '2025-12-04',
    ],
    sports: ['2025-04-12', '2025-05-31', '2025-10-18', '2025-11-08'],
    cultural: ['2025-05-30', '2025-10-06'],
  },
  2024: {
    academic_seminar: [
      '2024-03-13',
      '2024-03-27',
      '2024-04-24',
      '2024-05-15',
      '2024-10-16',
      '2024-11-06',
    ],
    performance: ['2024-02-02', '2024-06-21', '2024-10-11', '2024-11-22'],
    themed_salon: ['2024-03-21', '2024-04-18', '2024-05-23', '2024-09-26'],
    sports: ['2024-04-13', '2024-06-01', '2024-10-19'],
    cultural: ['2024-06-10', '2024-09-17'],
  },
};

/** Performances whose attendance was never taken: only their registrations are known. */
const ATTENDANCE_NOT_RECORDED = new Set(['2025-10-10', '2025-12-19', '2024-10-11']);

const ALL_STUDENTS: AudienceGroup[] = ['all_students'];
const NEW_STUDENTS: AudienceGroup[] = ['degree', 'exchange', 'dual_degree', 'intern'];

interface Built {
  events: Event[];
  registrations: Registration[];
}

/** Builds events and their registrations with ids in a fixed order. */
class Builder {
  readonly events: Event[] = [];
  readonly registrations: Registration[] = [];
  readonly nextSession = idSequence('ses');
  private readonly nextRegistration = idSequence('reg');
  private nextEvent = 100;

  event(
    fields: Omit<
      Event,
      | 'id'
      | 'sessions'
      | 'createdAt'
      | 'updatedAt'
      | 'version'
      | 'academicYear'
      | 'cancelled'
      | 'interpretation'
      | 'partnerInstitutionIds'
      | 'audience'
      | 'languages'
    > &
      Partial<
        Pick<
          Event,
          'cancelled' | 'interpretation' | 'partnerInstitutionIds' | 'audience' | 'languages'
        >
      > & {
        id?: Event['id'];
        sessions: { start: string; end: string; place?: string; onlineUrl?: string }[];
      },
  ): Event {
    const { id, sessions, ...rest } = fields;
    const first = sessions[0];
    const event: Event = {
      id: id ?? demoId('evt', this.nextEvent++),
      audience: ALL_STUDENTS,
      languages: ['en', 'zh', 'fr'],
      interpretation: false,
      partnerInstitutionIds: [],
      cancelled: false,
      ...rest,
      ...(first === undefined ? {} : { academicYear: academicYearOf(first.start.slice(0, 10)) }),
      sessions: sessions.map((session) => ({
        id: this.nextSession(),
        timeZone: CAMPUS_TIME_ZONE,
        ...session,
      })),
      ...stamp,
    };
    this.events.push(event);
    return event;
  }

  /** Registrations in arrival order; `status(i)` gives the i-th one's status. */
  register(
    event: Event,
    participants: readonly Participant[],
    status: (index: number) => RegistrationStatus,
    registeredAt: (index: number) => string,
  ): void {
    participants.forEach((participant, index) => {
      const at = registeredAt(index);
      this.registrations.push({
        id: this.nextRegistration(),
        eventId: event.id,
        participant,
        status: status(index),
        sequence: index + 1,
        registeredAt: at,
        updatedAt: at,
        version: 1,
      });
    });
  }
}

const asStudent = (student: Student): Participant => ({ kind: 'student', studentId: student.id });
const asGuest = (name: string, email: string): Participant => ({ kind: 'guest', name, email });

const GUEST_GIVEN = [
  'Wang',
  'Li',
  'Zhang',
  'Liu',
  'Chen',
  'Yang',
  'Zhao',
  'Huang',
  'Zhou',
  'Wu',
  'Xu',
  'Sun',
];
const GUEST_NAMES = [
  'Yifan',
  'Jiaqi',
  'Zihan',
  'Haoyu',
  'Xinran',
  'Mingyu',
  'Ruiqi',
  'Shuyi',
  'Tianle',
  'Wenjing',
];
/** Invented local students and colleagues, who are guests in the system. */
function guests(count: number, offset: number): Participant[] {
  return Array.from({ length: count }, (_, i) => {
    const k = offset + i;
    const family = at(GUEST_GIVEN, k);
    const given = at(GUEST_NAMES, Math.floor(k / GUEST_GIVEN.length) + k);
    return asGuest(`${family} ${given}`, `guest${k}@campus.demo.example`);
  });
}

/** Registered a week before the event, a few minutes apart. */
const weekBefore = (date: CalendarDate) => (index: number) =>
  new Date(Date.parse(shanghai(addDays(date, -7), '10:00')) + index * 7 * 60_000).toISOString();

function pastYear(
  builder: Builder,
  year: 2024 | 2025,
  pool: readonly Student[],
  seed: number,
): void {
  const random = seededRandom(seed);
  let counter = 0;
  for (const kind of CULTURAL_KINDS) {
    CALENDAR[year][kind].forEach((date, index) => {
      const template = at(TEMPLATES[kind], index);
      const event = builder.event({
        kind,
        title: template.title,
        sessions: [
          {
            start: shanghai(date, template.time[0]),
            end: shanghai(date, template.time[1]),
            place: template.place,
          },
        ],
        capacity: 80,
        organiser: 'SPEIT International Team',
        interpretation: kind === 'academic_seminar',
      });
      const participants = shuffled(random, pool).map(asStudent);
      if (ATTENDANCE_NOT_RECORDED.has(date)) {
        builder.register(event, participants.slice(0, 40), () => 'registered', weekBefore(date));
      } else {
        const attended = 16 + ((counter * 7) % 21);
        builder.register(
          event,
          participants.slice(0, attended + 3),
          (i) => (i < attended ? 'attended' : i === attended ? 'cancelled' : 'no_show'),
          weekBefore(date),
        );
      }
      counter++;
    });
  }
  // A sports afternoon called off for the weather: it counts nowhere.
  if (year === 2025) {
    builder.event({
      kind: 'sports',
      title: t('Dragon boat training', '龙舟训练', 'Entraînement de bateau-dragon'),
      sessions: [
        {
          start: shanghai('2025-06-14', '09:00'),
          end: shanghai('2025-06-14', '11:00'),
          place: 'Campus lake',
        },
      ],
      organiser: 'SPEIT International Team',
      cancelled: true,
    });
  }

  // Welcome activities at the start of each semester.
  const arrivals = pool.filter((s) => s.programmeStart.startsWith(`${year}-`));
  const semesters: [CalendarDate, (s: Student) => boolean, string][] = [
    [
      year === 2024 ? '2024-02-23' : '2025-02-21',
      (s) => s.programmeStart < `${year}-07-01`,
      'spring',
    ],
    [
      year === 2024 ? '2024-08-30' : '2025-08-29',
      (s) => s.programmeStart >= `${year}-07-01`,
      'autumn',
    ],
  ];
  for (const [date, arrivesThen, semester] of semesters) {
    const event = builder.event({
      kind: 'welcome_orientation',
      title: t(
        `Welcome orientation, ${semester} semester ${year}`,
        `${year}年${semester === 'spring' ? '春季' : '秋季'}学期国际学生迎新会`,
        `Accueil des étudiants internationaux, semestre ${semester === 'spring' ? 'de printemps' : "d'automne"} ${year}`,
      ),
      description: t(
        'Academic requirements, living support, psychological services and the International Student Survival Guide.',
        '学业要求、生活保障、心理服务及《国际学生生存指南》介绍。',
        "Exigences académiques, vie pratique, soutien psychologique et le guide de survie de l'étudiant international.",
      ),
      sessions: [
        {
          start: shanghai(date, '09:30'),
          end: shanghai(date, '12:00'),
          place: 'SPEIT lecture hall',
        },
      ],
      audience: NEW_STUDENTS,
      organiser: 'SPEIT International Team',
    });
    builder.register(
      event,
      arrivals.filter(arrivesThen).map(asStudent),
      () => 'attended',
      weekBefore(date),
    );
  }

  // Information sessions on studying in France, for local students.
  const infoDates = year === 2024 ? ['2024-03-06', '2024-10-09'] : ['2025-03-05', '2025-10-08'];
  infoDates.forEach((date, index) => {
    const event = builder.event({
      kind: 'info_session',
      title: t(
        'Studying in France: exchange and dual-degree information session',
        '赴法学习：交换与双学位项目宣讲会',
        "Étudier en France : réunion d'information sur l'échange et le double diplôme",
      ),
      sessions: [
        { start: shanghai(date, '12:15'), end: shanghai(date, '13:30'), place: 'Room 101' },
      ],
      audience: ['public'],
      languages: ['zh', 'en'],
      organiser: 'International Affairs Office',
      partnerInstitutionIds: [DEMO_IDS.polytechnique, DEMO_IDS.pontsEtChaussees],
    });
    const count = 30 + index * 6 + (year - 2024) * 4;
    builder.register(
      event,
      guests(count, index * 40),
      (i) => (i % 9 === 8 ? 'no_show' : 'attended'),
      weekBefore(date),
    );
  });
}

/** The year-end review meetings, each with its attendance (seed 003 for 2023). */
function yearEndMeetings(builder: Builder): void {
  const meetings: [Event['id'], number, LocalizedText][] = [
    [
      DEMO_IDS.yearEndReview2023,
      2023,
      t(
        'Year-end review of the work of the past year and the vision for 2024. The Foreign Affairs Office of the host city presented its year: friendly ties with 90 cities in 57 countries. Certificates for outstanding contributions to international cooperation and exchanges in 2023 were awarded to faculty and student representatives.',
        '回顾全年国际合作与交流工作并展望2024年。东道城市外事办公室介绍了本年度外事成果：与57个国家的90个城市建立友好关系。会上为2023年度国际合作与交流工作突出贡献的教师和学生代表颁发证书。',
        "Bilan de l'année écoulée et perspectives pour 2024. Le bureau des affaires étrangères de la ville hôte a présenté son année : des liens d'amitié avec 90 villes de 57 pays. Des certificats pour contribution remarquable à la coopération internationale en 2023 ont été remis à des enseignants et des étudiants.",
      ),
    ],
    [
      DEMO_IDS.yearEndReview2024,
      2024,
      t(
        'Year-end review of international cooperation and exchanges in 2024, with the awards of the year.',
        '2024年度国际合作与交流工作总结会及年度表彰。',
        "Bilan 2024 de la coopération et des échanges internationaux, avec les distinctions de l'année.",
      ),
    ],
    [
      DEMO_IDS.yearEndReview2025,
      2025,
      t(
        'Year-end review of international cooperation and exchanges in 2025, with the awards of the year.',
        '2025年度国际合作与交流工作总结会及年度表彰。',
        "Bilan 2025 de la coopération et des échanges internationaux, avec les distinctions de l'année.",
      ),
    ],
  ];
  meetings.forEach(([id, year, description], index) => {
    const date = `${year}-12-26`;
    const event = builder.event({
      id,
      kind: 'year_end_review',
      title: t(
        `${year} Year-end Review Meeting for Global Cooperation and Exchanges`,
        `${year}年度国际合作与交流工作总结会`,
        `Réunion de bilan ${year} de la coopération et des échanges internationaux`,
      ),
      description,
      sessions: [
        {
          start: shanghai(date, '14:00'),
          end: shanghai(date, '17:00'),
          place: 'Administration building, conference hall',
        },
      ],
      audience: ['staff'],
      languages: ['zh', 'en'],
      interpretation: true,
      organiser: 'International Affairs Office',
    });
    const staff: Participant[] = [
      DEMO_IDS.admin,
      DEMO_IDS.staff,
      DEMO_IDS.advisorFrench,
      DEMO_IDS.frenchDean,
      DEMO_IDS.deputyDirector,
      DEMO_IDS.programmeOfficer,
    ].map((staffId) => ({ kind: 'staff', staffId }));
    builder.register(
      event,
      [...staff, ...guests(24 + index * 3, 200 + index * 30)],
      () => 'attended',
      weekBefore(date),
    );
  });
}

function summerSchools(builder: Builder, participants: Map<string, Student[]>): void {
  for (const school of SUMMER_SCHOOLS) {
    const weeks = [0, 7, 14].map((offset) => addDays(school.start, offset));
    const event = builder.event({
      id: school.eventId,
      kind: 'summer_school',
      title: school.title,
      sessions: weeks.map((monday) => ({
        start: shanghai(monday, '09:00'),
        end: shanghai(addDays(monday, 4), '17:00'),
        place: 'SPEIT teaching building',
      })),
      capacity: 40,
      audience: ['summer_school'],
      languages: ['en', 'zh'],
      organiser: 'SPEIT',
      ...(school.eventId === demoId('evt', 14)
        ? { partnerInstitutionIds: [DEMO_IDS.tuMunich] }
        : {}),
    });
    builder.register(
      event,
      (participants.get(school.eventId) ?? []).map(asStudent),
      () => 'attended',
      (i) =>
        new Date(
          Date.parse(shanghai(addDays(school.start, -45), '10:00')) + i * 3_600_000,
        ).toISOString(),
    );
  }
}

/** "This week" as a person reads it: later this week, or today when it is Sunday. */
function laterThisWeek(today: CalendarDate): CalendarDate {
  const weekday = isoWeekday(today);
  if (weekday <= 4) return addDays(today, 2);
  return weekday === 7 ? today : addDays(today, 1);
}

/** Events relative to `today`: this week, next week and next month. */
function upcoming(builder: Builder, today: CalendarDate, students: DemoStudents): void {
  const random = seededRandom(4242);
  const opensAt = new Date(Date.parse(shanghai(addDays(today, -10), '09:00'))).toISOString();
  const active = [
    ...students.newStudents[2025],
    ...students.newStudents[2024],
    ...students.current,
  ].filter((s) => s.status === 'active' && s.id !== DEMO_IDS.student);
  const recently = (index: number) =>
    new Date(Date.parse(shanghai(addDays(today, -3), '10:00')) + index * 11 * 60_000).toISOString();

  const salonDate = laterThisWeek(today);
  const salon = builder.event({
    id: DEMO_IDS.upcomingSalon,
    kind: 'themed_salon',
    title: t(
      'Sino-French salon: winter traditions in France and China',
      '中法沙龙：中法冬季传统',
      "Salon franco-chinois : les traditions d'hiver en France et en Chine",
    ),
    description: t(
      'An evening of conversation, music and food for every student, Chinese and international.',
      '面向全体中外学生的交流之夜，有音乐、有美食。',
      'Une soirée de conversation, de musique et de cuisine ouverte à tous les étudiants.',
    ),
    sessions: [
      {
        start: shanghai(salonDate, '19:00'),
        end: shanghai(salonDate, '21:00'),
        place: 'SPEIT student lounge',
      },
    ],
    capacity: 40,
    registrationOpensAt: opensAt,
    registrationClosesAt: shanghai(salonDate, '17:00'),
    organiser: 'SPEIT International Team',
  });
  builder.register(
    salon,
    shuffled(random, active).slice(0, 12).map(asStudent),
    () => 'registered',
    recently,
  );

  const nextMonday = nextWeekday(addDays(today, 1), 1);
  const sportsDate = addDays(nextMonday, 2);
  const sports = builder.event({
    id: DEMO_IDS.upcomingSports,
    kind: 'sports',
    title: t(
      'Sino-French basketball friendly',
      '中法篮球友谊赛',
      'Match amical de basket franco-chinois',
    ),
    sessions: [
      {
        start: shanghai(sportsDate, '16:00'),
        end: shanghai(sportsDate, '18:00'),
        place: 'Sports hall',
      },
    ],
    capacity: 20,
    registrationOpensAt: opensAt,
    registrationClosesAt: shanghai(addDays(sportsDate, -1), '18:00'),
    languages: ['en', 'zh'],
    organiser: 'SPEIT International Team',
  });
  const demoStudent = students.current.find((s) => s.id === DEMO_IDS.student);
  const others = shuffled(random, active);
  const players = [
    ...others.slice(0, 2),
    ...(demoStudent === undefined ? [] : [demoStudent]),
    ...others.slice(2),
  ].slice(0, 23);
  builder.register(
    sports,
    players.map(asStudent),
    (i) => (i < 20 ? 'registered' : 'waitlisted'),
    recently,
  );

  const infoDate = addDays(nextMonday, 3);
  const info = builder.event({
    id: DEMO_IDS.upcomingInfoSession,
    kind: 'info_session',
    title: t(
      'Studying in France: exchange and dual-degree information session',
      '赴法学习：交换与双学位项目宣讲会',
      "Étudier en France : réunion d'information sur l'échange et le double diplôme",
    ),
    sessions: [
      { start: shanghai(infoDate, '12:15'), end: shanghai(infoDate, '13:30'), place: 'Room 101' },
    ],
    capacity: 120,
    registrationOpensAt: opensAt,
    registrationClosesAt: shanghai(infoDate, '10:00'),
    audience: ['public'],
    languages: ['zh', 'en'],
    organiser: 'International Affairs Office',
    partnerInstitutionIds: [DEMO_IDS.polytechnique, DEMO_IDS.polytechParisSaclay],
  });
  builder.register(info, guests(35, 400), () => 'registered', recently);

  const orientationDate = nextWeekday(addDays(today, 30), 5);
  builder.event({
    id: DEMO_IDS.upcomingOrientation,
    kind: 'welcome_orientation',
    title: t(
      'Welcome orientation for new international students',
      '新国际学生迎新会',
      'Accueil des nouveaux étudiants internationaux',
    ),
    description: t(
      'Academic requirements, living support, psychological services and the International Student Survival Guide.',
      '学业要求、生活保障、心理服务及《国际学生生存指南》介绍。',
      "Exigences académiques, vie pratique, soutien psychologique et le guide de survie de l'étudiant international.",
    ),
    sessions: [
      {
        start: shanghai(orientationDate, '09:30'),
        end: shanghai(orientationDate, '12:00'),
        place: 'SPEIT lecture hall',
      },
    ],
    capacity: 80,
    registrationOpensAt: opensAt,
    registrationClosesAt: shanghai(addDays(orientationDate, -1), '18:00'),
    audience: NEW_STUDENTS,
    organiser: 'SPEIT International Team',
  });
}

function workshops(builder: Builder): void {
  for (const event of demoWorkshops(builder.nextSession)) {
    builder.events.push(event);
    const date = event.sessions[0]?.start.slice(0, 10) ?? '2025-01-01';
    const staff: Participant[] = [
      { kind: 'staff', staffId: DEMO_IDS.programmeOfficer },
      { kind: 'staff', staffId: DEMO_IDS.deputyDirector },
    ];
    builder.register(
      event,
      [...staff, ...guests(8, 600 + builder.events.length * 8)],
      () => 'attended',
      weekBefore(date),
    );
  }
}

/** Every demo event and registration. */
export function demoEvents(today: CalendarDate, students: DemoStudents): Built {
  const builder = new Builder();
  upcoming(builder, today, students);
  yearEndMeetings(builder);
  summerSchools(builder, students.summerSchool);
  workshops(builder);
  const lastYearPool = [...students.newStudents[2024], ...students.current];
  // Degree and dual-degree students of 2024 were still on campus in 2025.
  const stayingOn = students.newStudents[2024].filter(
    (s) => s.programmeKind === 'degree' || s.programmeKind === 'dual_degree',
  );
  pastYear(builder, 2024, lastYearPool, 2024);
  pastYear(builder, 2025, [...students.newStudents[2025], ...stayingOn, ...students.current], 2025);
  return { events: builder.events, registrations: builder.registrations };
}

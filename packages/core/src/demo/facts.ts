import { DEMO_IDS } from './ids';

const pair = (value: number, previous: number) => ({ value, previous }) as const;

/**
 * The figures of the demo world, as the seeds state them. `yearEndReview(demoData(now), 2025)`
 * reproduces `yearEnd` exactly for any `now` from `validFrom` on (earlier, the records placed
 * relative to `now` would fall inside 2024 or 2025).
 */
export const demoFacts = {
  validFrom: '2026-01-01',
  /** The campus clock: "today" of `demoData(now)` is read in this time zone. */
  campusTimeZone: 'Asia/Shanghai',
  hostInstitute: 'SPEIT',
  /** Year-end review of 2025 against 2024 (seed 000). */
  yearEnd: {
    year: 2025,
    newInternationalStudents: pair(45, 38),
    newStudentsByKind: {
      degree: pair(12, 10),
      exchange: pair(14, 12),
      dual_degree: pair(11, 9),
      intern: pair(8, 7),
    },
    newStudentsFromFrance: pair(30, 26),
    /** Nationalities of the 2025 new students: FR, DE, IT, US, JP, MA, VN, BR, ES. */
    newStudentCountries: 9,
    shortTermVisitors: pair(370, 320),
    summerSchoolSessions: pair(3, 2),
    summerSchoolParticipants: pair(90, 68),
    /** Sino-French cultural exchange activities (seminars, performances, salons, sports, festivals). */
    culturalEvents: pair(24, 19),
    culturalEventsByKind: {
      academic_seminar: pair(7, 6),
      performance: pair(5, 4),
      themed_salon: pair(6, 4),
      sports: pair(4, 3),
      cultural: pair(2, 2),
    },
    /** Welcome activities at the start of each semester. */
    welcomeOrientations: pair(2, 2),
    onlineWorkshops: pair(7, 4),
    infoSessions: pair(2, 2),
    yearEndReviewMeetings: pair(1, 1),
    /** Every participant of a summer school is recorded as attending. */
    summerSchoolAttended: pair(90, 68),
    /** Leaders and members of inbound delegations from partners. */
    visitingScholarsAndStaff: pair(56, 44),
    inboundDelegations: pair(10, 8),
    outboundDelegations: pair(2, 1),
    agreementsSigned: pair(3, 2),
    agreementsExpiring: pair(2, 1),
    publications: pair(53, 46),
    awards: pair(5, 4),
  },
  partnersByStage: { prospect: 2, contacted: 3, negotiating: 1, partner: 11, dormant: 1 },
  institutions: 18,
  strategicPartners: [
    DEMO_IDS.polytechnique,
    DEMO_IDS.ensta,
    DEMO_IDS.telecomParis,
    DEMO_IDS.minesParis,
  ],
  /** Seed 001. */
  delegationToFrance: {
    id: DEMO_IDS.franceDelegation,
    startDate: '2025-12-08',
    endDate: '2025-12-12',
    timeZone: 'Europe/Paris',
    leader: 'Laurent Mercier',
    leaderRole: 'French Dean of SPEIT',
    deputyDirector: 'Sun Meiling',
    institutionsVisited: 11,
    firstContacts: [DEMO_IDS.albertSchool, DEMO_IDS.eivp, DEMO_IDS.supBioTech],
  },
  /** Seed 003. */
  yearEndReviewMeeting2023: {
    id: DEMO_IDS.yearEndReview2023,
    date: '2023-12-26',
    awards: 5,
    hostCityFriendlyCities: 90,
    hostCityCountries: 57,
  },
  /** Seed 002: workshop length and panel length in minutes. */
  onlineWorkshops: { minutes: [150, 180], panelMinutes: [30, 40], campusWorkingHours: [9, 18] },
  /** Seed 004: the university as a whole, stated rather than generated. */
  university: {
    partnerInstitutions: 300,
    internationalStudentsPerYear: 5000,
    alumniCountriesAndRegions: 120,
    statement: {
      en: 'The university cooperates with over 300 partner institutions worldwide, welcomes more than 5,000 international students each year, and its alumni live in over 120 countries and regions.',
      zh: '学校与全球300余所院校建立合作关系，每年吸引5000余名国际学生来校学习，校友遍布120多个国家和地区。',
      fr: "L'université coopère avec plus de 300 établissements partenaires, accueille plus de 5 000 étudiants internationaux chaque année, et ses anciens élèves vivent dans plus de 120 pays et régions.",
    },
  },
} as const;

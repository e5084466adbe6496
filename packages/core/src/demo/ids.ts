import { demoId } from './common';

/** Ids of the demo records that other code, tests and the bot evaluation rely on. */
export const DEMO_IDS = {
  /** Staff. */
  admin: demoId('stf', 1),
  staff: demoId('stf', 2),
  advisorFrench: demoId('stf', 3),
  frenchDean: demoId('stf', 4),
  deputyDirector: demoId('stf', 5),
  programmeOfficer: demoId('stf', 6),

  /** The student behind the demo student token: dual degree, every document in order. */
  student: demoId('stu', 1),
  /** Residence permit expiring within 30 days. */
  studentPermitExpiringSoon: demoId('stu', 2),
  /** Health insurance expiring within 30 days. */
  studentInsuranceExpiringSoon: demoId('stu', 3),
  /** Residence permit expiring before the programme ends (but not within 30 days). */
  studentPermitBeforeProgrammeEnd: demoId('stu', 4),
  /** Passport expiring less than 6 months after the programme ends. */
  studentPassportNearProgrammeEnd: demoId('stu', 5),
  /** Another current student with every document in order. */
  studentAllClear: demoId('stu', 6),

  polytechnique: demoId('ins', 1),
  ensta: demoId('ins', 2),
  telecomParis: demoId('ins', 3),
  minesParis: demoId('ins', 4),
  polytechParisSaclay: demoId('ins', 5),
  pontsEtChaussees: demoId('ins', 6),
  louisLeGrand: demoId('ins', 7),
  henriIV: demoId('ins', 8),
  albertSchool: demoId('ins', 9),
  eivp: demoId('ins', 10),
  supBioTech: demoId('ins', 11),
  tuMunich: demoId('ins', 12),
  politecnicoMilano: demoId('ins', 13),
  tohoku: demoId('ins', 14),
  michigan: demoId('ins', 15),
  kth: demoId('ins', 16),
  lisboa: demoId('ins', 17),
  sheffield: demoId('ins', 18),

  /** Dual degree with the four strategic partners. */
  strategicDualDegree: demoId('agr', 1),
  polytechniqueExchange: demoId('agr', 2),
  /** Student exchange with Polytech Paris-Saclay, ending about 4 months after `now`. */
  polytechExchangeExpiringSoon: demoId('agr', 3),
  /** The university-level dual degree with Polytech Paris-Saclay, still a draft. */
  polytechDualDegreeDraft: demoId('agr', 4),
  pontsExchange: demoId('agr', 5),
  lyceesTeacherTraining: demoId('agr', 6),
  descartesClassImmersion: demoId('agr', 7),
  tuMunichSummerSchool: demoId('agr', 8),
  minesResearch: demoId('agr', 9),
  tohokuFacultyExchange: demoId('agr', 10),
  politecnicoExchange: demoId('agr', 11),
  /** Expired in 2024. */
  sheffieldExchangeExpired: demoId('agr', 12),
  michiganExchangeExpired: demoId('agr', 13),
  michiganExchange: demoId('agr', 14),
  telecomMouExpired: demoId('agr', 15),
  telecomInternship: demoId('agr', 16),

  /** Outbound delegation to France, 8–12 December 2025. */
  franceDelegation: demoId('del', 1),
  /** Inbound visit of Polytech Paris-Saclay, October 2025 (where the dual degree was proposed). */
  polytechVisit2025: demoId('del', 2),
  /** Planned inbound visit of Albert School, about six weeks after `now`. */
  albertSchoolVisitPlanned: demoId('del', 3),

  /** Sino-French themed salon this week, open to all students, with a capacity. */
  upcomingSalon: demoId('evt', 1),
  /** Sports event next week, full, with a waitlist. */
  upcomingSports: demoId('evt', 2),
  /** Info session next week on studying in France. */
  upcomingInfoSession: demoId('evt', 3),
  /** Welcome orientation next month. */
  upcomingOrientation: demoId('evt', 4),
  /** The year-end review meeting of 26 December 2023 (seed 003). */
  yearEndReview2023: demoId('evt', 5),
  yearEndReview2024: demoId('evt', 6),
  yearEndReview2025: demoId('evt', 7),
} as const;

import type { Agreement, Quota, StudyLevel } from '../partners/schemas';
import { addDays, type CalendarDate } from '../shared';
import { stamp } from './common';
import { DEMO_IDS } from './ids';

type AgreementFields = Omit<
  Agreement,
  'createdAt' | 'updatedAt' | 'version' | 'hostUnit' | 'renewalNoticeDays' | 'quotas'
> &
  Partial<Pick<Agreement, 'hostUnit' | 'renewalNoticeDays' | 'quotas'>>;

const agreement = (fields: AgreementFields): Agreement => ({
  hostUnit: 'SPEIT',
  renewalNoticeDays: 180,
  quotas: [],
  ...fields,
  ...stamp,
});

const ENGINEERING = '0710';
const ICT = '0610';
const MATERIALS = '0722';
const MATHEMATICS = '0541';
const PHYSICS = '0533';

/** Quotas for academic years `first`-… to `last`-…, inbound and outbound. */
function quotas(
  first: number,
  last: number,
  places: { inbound: number; outbound: number; months?: number },
  levels: StudyLevel[],
  subjectAreas: string[],
): Quota[] {
  const out: Quota[] = [];
  for (let year = first; year <= last; year++) {
    for (const direction of ['inbound', 'outbound'] as const) {
      const students = places[direction];
      out.push({
        academicYear: `${year}-${year + 1}`,
        direction,
        students,
        ...(places.months === undefined ? {} : { months: students * places.months }),
        levels,
        subjectAreas,
      });
    }
  }
  return out;
}

/**
 * Agreements of every kind and status. One ends about four months after `now` (inside its
 * renewal notice period), several have expired, one is a draft and one is being negotiated.
 */
export function demoAgreements(today: CalendarDate): Agreement[] {
  return [
    agreement({
      id: DEMO_IDS.strategicDualDegree,
      title: {
        en: 'SPEIT dual engineering degree with the four strategic partners',
        zh: '巴黎卓越工程师学院与四所战略合作院校双学位协议',
        fr: "Double diplôme d'ingénieur SPEIT avec les quatre partenaires stratégiques",
      },
      kind: 'dual_degree',
      institutionIds: [
        DEMO_IDS.polytechnique,
        DEMO_IDS.ensta,
        DEMO_IDS.telecomParis,
        DEMO_IDS.minesParis,
      ],
      status: 'active',
      signedOn: '2021-06-15',
      startDate: '2021-09-01',
      endDate: '2031-08-31',
      quotas: quotas(
        2023,
        2027,
        { inbound: 12, outbound: 25, months: 24 },
        ['master'],
        [ENGINEERING, ICT],
      ),
    }),
    agreement({
      id: DEMO_IDS.polytechniqueExchange,
      title: {
        en: 'Student exchange with École Polytechnique',
        zh: '与巴黎综合理工学院的学生交换协议',
        fr: "Échange d'étudiants avec l'École polytechnique",
      },
      kind: 'student_exchange',
      institutionIds: [DEMO_IDS.polytechnique],
      status: 'active',
      signedOn: '2022-05-12',
      startDate: '2022-09-01',
      endDate: '2027-08-31',
      partnerReference: 'X-SPEIT-2022-EX',
      quotas: quotas(
        2023,
        2026,
        { inbound: 8, outbound: 8, months: 5 },
        ['bachelor', 'master'],
        [ENGINEERING, MATHEMATICS, PHYSICS],
      ),
    }),
    agreement({
      id: DEMO_IDS.polytechExchangeExpiringSoon,
      title: {
        en: 'Student exchange with Polytech Paris-Saclay',
        zh: '与巴黎萨克雷理工学院的学生交换协议',
        fr: "Échange d'étudiants avec Polytech Paris-Saclay",
      },
      kind: 'student_exchange',
      institutionIds: [DEMO_IDS.polytechParisSaclay],
      status: 'active',
      signedOn: '2021-03-10',
      startDate: '2021-09-01',
      endDate: addDays(today, 120),
      notes: 'Renewal to be discussed together with the university-level dual degree.',
      quotas: quotas(
        2023,
        2026,
        { inbound: 4, outbound: 4, months: 5 },
        ['bachelor', 'master'],
        [ENGINEERING, MATERIALS],
      ),
    }),
    agreement({
      id: DEMO_IDS.polytechDualDegreeDraft,
      title: {
        en: 'University-level dual degree with Polytech Paris-Saclay',
        zh: '与巴黎萨克雷理工学院的校级双学位协议',
        fr: 'Double diplôme au niveau universitaire avec Polytech Paris-Saclay',
      },
      kind: 'dual_degree',
      hostUnit: 'University',
      institutionIds: [DEMO_IDS.polytechParisSaclay],
      status: 'draft',
      notes:
        'Consensus of 9 December 2025: curriculum alignment, selection process and schedule to be written into the draft.',
    }),
    agreement({
      id: DEMO_IDS.pontsExchange,
      title: {
        en: 'Student exchange with École des Ponts et Chaussées',
        zh: '与巴黎国立路桥学校的学生交换协议',
        fr: "Échange d'étudiants avec l'École des ponts et chaussées",
      },
      kind: 'student_exchange',
      institutionIds: [DEMO_IDS.pontsEtChaussees],
      status: 'active',
      signedOn: '2025-04-08',
      startDate: '2025-09-01',
      endDate: '2030-08-31',
      quotas: quotas(2025, 2027, { inbound: 4, outbound: 4, months: 5 }, ['master'], [ENGINEERING]),
    }),
    agreement({
      id: DEMO_IDS.lyceesTeacherTraining,
      title: {
        en: 'Training of SPEIT mathematics and physics teachers at Lycée Louis-le-Grand and Lycée Henri-IV',
        zh: '巴黎卓越工程师学院数学和物理教师赴路易大帝中学和亨利四世中学进修协议',
        fr: 'Formation des enseignants de mathématiques et de physique de SPEIT aux lycées Louis-le-Grand et Henri-IV',
      },
      kind: 'teacher_training',
      institutionIds: [DEMO_IDS.louisLeGrand, DEMO_IDS.henriIV],
      status: 'active',
      signedOn: '2024-10-18',
      startDate: '2024-11-01',
      endDate: '2027-10-31',
    }),
    agreement({
      id: DEMO_IDS.descartesClassImmersion,
      title: {
        en: 'Short-term immersion of Descartes Class students at Lycée Louis-le-Grand and Lycée Henri-IV',
        zh: '笛卡尔班学生赴路易大帝中学和亨利四世中学短期沉浸式学习',
        fr: 'Immersion courte des élèves de la classe Descartes aux lycées Louis-le-Grand et Henri-IV',
      },
      kind: 'mou',
      institutionIds: [DEMO_IDS.louisLeGrand, DEMO_IDS.henriIV],
      status: 'negotiating',
      notes: 'Core details agreed in Paris on 10–11 December 2025; first group to go in 2026.',
    }),
    agreement({
      id: DEMO_IDS.tuMunichSummerSchool,
      title: {
        en: 'Joint summer school with the Technical University of Munich',
        zh: '与慕尼黑工业大学联合暑期学校协议',
        fr: "École d'été commune avec l'Université technique de Munich",
      },
      kind: 'summer_school',
      hostUnit: 'University',
      institutionIds: [DEMO_IDS.tuMunich],
      status: 'active',
      signedOn: '2025-03-03',
      startDate: '2025-04-01',
      endDate: '2028-03-31',
    }),
    agreement({
      id: DEMO_IDS.minesResearch,
      title: {
        en: 'Research cooperation in materials and energy with Mines Paris',
        zh: '与巴黎高等矿业学校材料与能源科研合作协议',
        fr: 'Coopération de recherche en matériaux et énergie avec Mines Paris',
      },
      kind: 'research',
      institutionIds: [DEMO_IDS.minesParis],
      status: 'active',
      signedOn: '2024-06-12',
      startDate: '2024-07-01',
      endDate: '2029-06-30',
    }),
    agreement({
      id: DEMO_IDS.tohokuFacultyExchange,
      title: {
        en: 'Faculty exchange with Tohoku University',
        zh: '与日本东北大学的教师交流协议',
        fr: "Échange d'enseignants avec l'Université du Tōhoku",
      },
      kind: 'faculty_exchange',
      hostUnit: 'University',
      institutionIds: [DEMO_IDS.tohoku],
      status: 'active',
      signedOn: '2022-07-01',
      startDate: '2022-09-01',
      endDate: '2027-08-31',
    }),
    agreement({
      id: DEMO_IDS.politecnicoExchange,
      title: {
        en: 'Student exchange with Politecnico di Milano',
        zh: '与米兰理工大学的学生交换协议',
        fr: "Échange d'étudiants avec l'École polytechnique de Milan",
      },
      kind: 'student_exchange',
      hostUnit: 'University',
      institutionIds: [DEMO_IDS.politecnicoMilano],
      status: 'active',
      signedOn: '2023-03-01',
      startDate: '2023-09-01',
      endDate: '2028-08-31',
      quotas: quotas(
        2023,
        2027,
        { inbound: 3, outbound: 3, months: 5 },
        ['bachelor', 'master'],
        [ENGINEERING],
      ),
    }),
    agreement({
      id: DEMO_IDS.sheffieldExchangeExpired,
      title: {
        en: 'Student exchange with the University of Sheffield',
        zh: '与谢菲尔德大学的学生交换协议',
        fr: "Échange d'étudiants avec l'Université de Sheffield",
      },
      kind: 'student_exchange',
      hostUnit: 'University',
      institutionIds: [DEMO_IDS.sheffield],
      status: 'expired',
      signedOn: '2019-05-20',
      startDate: '2019-09-01',
      endDate: '2024-08-31',
    }),
    agreement({
      id: DEMO_IDS.michiganExchangeExpired,
      title: {
        en: 'Student exchange with the University of Michigan (2020–2025)',
        zh: '与密歇根大学的学生交换协议（2020–2025）',
        fr: "Échange d'étudiants avec l'Université du Michigan (2020–2025)",
      },
      kind: 'student_exchange',
      hostUnit: 'University',
      institutionIds: [DEMO_IDS.michigan],
      status: 'expired',
      signedOn: '2020-05-20',
      startDate: '2020-09-01',
      endDate: '2025-08-31',
      quotas: quotas(
        2023,
        2024,
        { inbound: 2, outbound: 2, months: 5 },
        ['bachelor', 'master'],
        [ENGINEERING],
      ),
    }),
    agreement({
      id: DEMO_IDS.michiganExchange,
      title: {
        en: 'Student exchange with the University of Michigan (renewed 2025)',
        zh: '与密歇根大学的学生交换协议（2025年续签）',
        fr: "Échange d'étudiants avec l'Université du Michigan (renouvelé en 2025)",
      },
      kind: 'student_exchange',
      hostUnit: 'University',
      institutionIds: [DEMO_IDS.michigan],
      status: 'active',
      signedOn: '2025-07-01',
      startDate: '2025-09-01',
      endDate: '2030-08-31',
      quotas: quotas(
        2025,
        2029,
        { inbound: 2, outbound: 3, months: 5 },
        ['bachelor', 'master'],
        [ENGINEERING],
      ),
    }),
    agreement({
      id: DEMO_IDS.telecomMouExpired,
      title: {
        en: 'Memorandum of understanding with Télécom Paris on joint laboratories',
        zh: '与巴黎电信学院联合实验室合作备忘录',
        fr: "Protocole d'accord avec Télécom Paris sur les laboratoires communs",
      },
      kind: 'mou',
      institutionIds: [DEMO_IDS.telecomParis],
      status: 'expired',
      signedOn: '2020-06-30',
      startDate: '2020-07-01',
      endDate: '2025-06-30',
    }),
    agreement({
      id: DEMO_IDS.telecomInternship,
      title: {
        en: 'Research internships of SPEIT students in Télécom Paris laboratories',
        zh: '巴黎卓越工程师学院学生赴巴黎电信学院实验室科研实习协议',
        fr: 'Stages de recherche des étudiants de SPEIT dans les laboratoires de Télécom Paris',
      },
      kind: 'internship',
      institutionIds: [DEMO_IDS.telecomParis],
      status: 'active',
      signedOn: '2022-11-15',
      startDate: '2023-01-01',
      endDate: '2027-12-31',
      quotas: quotas(2023, 2026, { inbound: 0, outbound: 6, months: 3 }, ['master'], [ICT]),
    }),
  ];
}

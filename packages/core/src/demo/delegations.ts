import type {
  Delegation,
  DelegationMember,
  FollowUp,
  ItineraryItem,
  ItineraryKind,
  Outcome,
  OutcomeKind,
} from '../delegations/schemas';
import {
  addDays,
  type CalendarDate,
  type CountryCode,
  type InstitutionId,
  type LocalizedText,
} from '../shared';
import { at, demoId, idSequence, stamp } from './common';
import { DEMO_IDS } from './ids';

const MEMBER_NAMES: Partial<Record<CountryCode, readonly [readonly string[], readonly string[]]>> =
  {
    FR: [
      [
        'Agnès',
        'Benoît',
        'Cécile',
        'Damien',
        'Élise',
        'Fabrice',
        'Gaëlle',
        'Hervé',
        'Isabelle',
        'Jérôme',
      ],
      [
        'Aubert',
        'Barbier',
        'Charpentier',
        'Deschamps',
        'Empereur',
        'Fleury',
        'Gauthier',
        'Hamon',
        'Joly',
        'Lacroix',
        'Masson',
      ],
    ],
    DE: [
      ['Andreas', 'Birgit', 'Christian', 'Doris', 'Jürgen', 'Monika', 'Ralf', 'Ute'],
      ['Braun', 'Krause', 'Lange', 'Neumann', 'Schulz', 'Zimmermann', 'Hartmann'],
    ],
    IT: [
      ['Alessandro', 'Elena', 'Giorgio', 'Laura', 'Paolo', 'Silvia'],
      ['Barbieri', 'Fontana', 'Greco', 'Lombardi', 'Marino', 'Ricci', 'Moretti'],
    ],
    JP: [
      ['Akira', 'Emi', 'Hiroshi', 'Keiko', 'Makoto', 'Naoko'],
      ['Fujita', 'Hayashi', 'Inoue', 'Kimura', 'Matsumoto', 'Nakamura', 'Ogawa'],
    ],
    US: [
      ['Andrew', 'Beth', 'Carlos', 'Diane', 'Kevin', 'Megan'],
      ['Anderson', 'Bailey', 'Carter', 'Foster', 'Howard', 'Morgan', 'Reed'],
    ],
    PT: [
      ['João', 'Marta', 'Rui'],
      ['Ferreira', 'Pereira', 'Rodrigues'],
    ],
  };
const ROLES = [
  'Head of international relations',
  'Professor',
  'Director of studies',
  'Associate Professor',
  'Programme coordinator',
  'Researcher',
  'Student affairs officer',
  'Professor',
];

/** Invented visitors, distinct inside one delegation. */
function visitors(country: CountryCode, count: number, seed: number, organisation: string) {
  const names = MEMBER_NAMES[country] ?? MEMBER_NAMES.FR;
  const [given, family] = names ?? [['Alex'], ['Martin']];
  return Array.from(
    { length: count },
    (_, i): DelegationMember => ({
      name: `${at(given, seed + i)} ${at(family, seed * 3 + i)}`,
      role: at(ROLES, i),
      organisation,
    }),
  );
}

interface Visit {
  n: number;
  institutionId: InstitutionId;
  organisation: string;
  country: CountryCode;
  start: CalendarDate;
  days: number;
  leader: DelegationMember;
  members: number;
  title: LocalizedText;
  objectives?: string[];
  status?: Delegation['status'];
}

/**
 * Visits of partner delegations: 10 in 2025 (56 people, seed 000's "over 50 visiting
 * professors and staff"), 8 in 2024 (44 people), one cancelled. Presidents and heads of
 * international offices of French partners came to meet their dual-degree and exchange students.
 */
const VISITS: readonly Visit[] = [
  {
    n: 2,
    institutionId: DEMO_IDS.polytechParisSaclay,
    organisation: 'Polytech Paris-Saclay',
    country: 'FR',
    start: '2025-10-14',
    days: 3,
    leader: {
      name: 'Pierre-Yves Garnier',
      role: 'Director',
      organisation: 'Polytech Paris-Saclay',
    },
    members: 5,
    title: {
      en: 'Polytech Paris-Saclay delegation visit',
      zh: '巴黎萨克雷理工学院代表团来访',
      fr: 'Visite de la délégation de Polytech Paris-Saclay',
    },
    objectives: [
      'Review the student exchange programme',
      'Propose a university-level dual-degree programme',
    ],
  },
  {
    n: 10,
    institutionId: DEMO_IDS.polytechnique,
    organisation: 'École Polytechnique',
    country: 'FR',
    start: '2025-03-18',
    days: 3,
    leader: { name: 'François Delorme', role: 'President', organisation: 'École Polytechnique' },
    members: 5,
    title: {
      en: 'École Polytechnique presidential visit',
      zh: '巴黎综合理工学院校长代表团来访',
      fr: "Visite présidentielle de l'École polytechnique",
    },
    objectives: ['Meet dual-degree and exchange students', 'Review the dual-degree programme'],
  },
  {
    n: 11,
    institutionId: DEMO_IDS.ensta,
    organisation: 'ENSTA',
    country: 'FR',
    start: '2025-04-08',
    days: 3,
    leader: { name: 'Anne-Sophie Marchal', role: 'Director', organisation: 'ENSTA' },
    members: 4,
    title: {
      en: 'ENSTA delegation visit',
      zh: 'ENSTA代表团来访',
      fr: "Visite de la délégation de l'ENSTA",
    },
    objectives: ['Meet dual-degree students'],
  },
  {
    n: 12,
    institutionId: DEMO_IDS.telecomParis,
    organisation: 'Télécom Paris',
    country: 'FR',
    start: '2025-05-12',
    days: 3,
    leader: {
      name: 'Olivier Renaud',
      role: 'Head of international relations',
      organisation: 'Télécom Paris',
    },
    members: 5,
    title: {
      en: 'Télécom Paris delegation visit',
      zh: '巴黎电信学院代表团来访',
      fr: 'Visite de la délégation de Télécom Paris',
    },
  },
  {
    n: 13,
    institutionId: DEMO_IDS.minesParis,
    organisation: 'Mines Paris',
    country: 'FR',
    start: '2025-06-03',
    days: 3,
    leader: { name: 'Bruno Castel', role: 'Deputy Director', organisation: 'Mines Paris' },
    members: 6,
    title: {
      en: 'Mines Paris delegation visit',
      zh: '巴黎高等矿业学校代表团来访',
      fr: 'Visite de la délégation de Mines Paris',
    },
    objectives: ['Joint research seminar in materials and energy'],
  },
  {
    n: 14,
    institutionId: DEMO_IDS.pontsEtChaussees,
    organisation: 'École des Ponts et Chaussées',
    country: 'FR',
    start: '2025-09-23',
    days: 3,
    leader: {
      name: 'Claire Vasseur',
      role: 'Head of international relations',
      organisation: 'École des Ponts et Chaussées',
    },
    members: 4,
    title: {
      en: 'École des Ponts et Chaussées delegation visit',
      zh: '巴黎国立路桥学校代表团来访',
      fr: "Visite de la délégation de l'École des ponts et chaussées",
    },
    objectives: ['Welcome the first exchange students under the new agreement'],
  },
  {
    n: 15,
    institutionId: DEMO_IDS.tuMunich,
    organisation: 'Technical University of Munich',
    country: 'DE',
    start: '2025-07-07',
    days: 5,
    leader: {
      name: 'Stefan Krüger',
      role: 'Professor',
      organisation: 'Technical University of Munich',
    },
    members: 7,
    title: {
      en: 'TUM faculty for the joint summer school',
      zh: '慕尼黑工业大学暑期学校教师团来访',
      fr: "Enseignants de la TUM pour l'école d'été commune",
    },
  },
  {
    n: 16,
    institutionId: DEMO_IDS.politecnicoMilano,
    organisation: 'Politecnico di Milano',
    country: 'IT',
    start: '2025-05-20',
    days: 3,
    leader: {
      name: 'Alessandra Conti',
      role: 'Vice-Rector for international relations',
      organisation: 'Politecnico di Milano',
    },
    members: 4,
    title: {
      en: 'Politecnico di Milano delegation visit',
      zh: '米兰理工大学代表团来访',
      fr: "Visite de la délégation de l'École polytechnique de Milan",
    },
  },
  {
    n: 17,
    institutionId: DEMO_IDS.tohoku,
    organisation: 'Tohoku University',
    country: 'JP',
    start: '2025-11-04',
    days: 4,
    leader: { name: 'Takeshi Okada', role: 'Professor', organisation: 'Tohoku University' },
    members: 3,
    title: {
      en: 'Tohoku University faculty exchange',
      zh: '日本东北大学教师交流来访',
      fr: "Échange d'enseignants de l'Université du Tōhoku",
    },
  },
  {
    n: 18,
    institutionId: DEMO_IDS.michigan,
    organisation: 'University of Michigan',
    country: 'US',
    start: '2025-10-28',
    days: 3,
    leader: {
      name: 'Jennifer Collins',
      role: 'Director of study abroad',
      organisation: 'University of Michigan',
    },
    members: 3,
    title: {
      en: 'University of Michigan delegation visit',
      zh: '密歇根大学代表团来访',
      fr: "Visite de la délégation de l'Université du Michigan",
    },
  },
  {
    n: 19,
    institutionId: DEMO_IDS.lisboa,
    organisation: 'University of Lisbon',
    country: 'PT',
    start: '2025-11-18',
    days: 2,
    leader: { name: 'Miguel Cardoso', role: 'Pro-Rector', organisation: 'University of Lisbon' },
    members: 2,
    title: {
      en: 'University of Lisbon exploratory visit',
      zh: '里斯本大学考察来访',
      fr: "Visite exploratoire de l'Université de Lisbonne",
    },
    status: 'cancelled',
  },
  {
    n: 20,
    institutionId: DEMO_IDS.polytechnique,
    organisation: 'École Polytechnique',
    country: 'FR',
    start: '2024-03-19',
    days: 3,
    leader: {
      name: 'Gilles Berthier',
      role: 'Head of international relations',
      organisation: 'École Polytechnique',
    },
    members: 5,
    title: {
      en: 'École Polytechnique delegation visit',
      zh: '巴黎综合理工学院代表团来访',
      fr: "Visite de la délégation de l'École polytechnique",
    },
  },
  {
    n: 21,
    institutionId: DEMO_IDS.minesParis,
    organisation: 'Mines Paris',
    country: 'FR',
    start: '2024-04-16',
    days: 3,
    leader: { name: 'Bruno Castel', role: 'Deputy Director', organisation: 'Mines Paris' },
    members: 4,
    title: {
      en: 'Mines Paris delegation visit',
      zh: '巴黎高等矿业学校代表团来访',
      fr: 'Visite de la délégation de Mines Paris',
    },
  },
  {
    n: 22,
    institutionId: DEMO_IDS.polytechParisSaclay,
    organisation: 'Polytech Paris-Saclay',
    country: 'FR',
    start: '2024-05-14',
    days: 3,
    leader: {
      name: 'Isabelle Caron',
      role: 'Director of international relations',
      organisation: 'Polytech Paris-Saclay',
    },
    members: 4,
    title: {
      en: 'Polytech Paris-Saclay delegation visit',
      zh: '巴黎萨克雷理工学院代表团来访',
      fr: 'Visite de la délégation de Polytech Paris-Saclay',
    },
  },
  {
    n: 23,
    institutionId: DEMO_IDS.ensta,
    organisation: 'ENSTA',
    country: 'FR',
    start: '2024-09-24',
    days: 3,
    leader: { name: 'Julien Roche', role: 'International office', organisation: 'ENSTA' },
    members: 4,
    title: {
      en: 'ENSTA delegation visit',
      zh: 'ENSTA代表团来访',
      fr: "Visite de la délégation de l'ENSTA",
    },
  },
  {
    n: 24,
    institutionId: DEMO_IDS.telecomParis,
    organisation: 'Télécom Paris',
    country: 'FR',
    start: '2024-10-15',
    days: 3,
    leader: {
      name: 'Nathalie Perrin',
      role: 'Director of international relations',
      organisation: 'Télécom Paris',
    },
    members: 4,
    title: {
      en: 'Télécom Paris delegation visit',
      zh: '巴黎电信学院代表团来访',
      fr: 'Visite de la délégation de Télécom Paris',
    },
  },
  {
    n: 25,
    institutionId: DEMO_IDS.tuMunich,
    organisation: 'Technical University of Munich',
    country: 'DE',
    start: '2024-07-08',
    days: 5,
    leader: {
      name: 'Katrin Vogel',
      role: 'Global engagement',
      organisation: 'Technical University of Munich',
    },
    members: 6,
    title: {
      en: 'TUM faculty visit',
      zh: '慕尼黑工业大学教师团来访',
      fr: 'Visite des enseignants de la TUM',
    },
  },
  {
    n: 26,
    institutionId: DEMO_IDS.politecnicoMilano,
    organisation: 'Politecnico di Milano',
    country: 'IT',
    start: '2024-06-04',
    days: 3,
    leader: {
      name: 'Francesca Galli',
      role: 'International mobility',
      organisation: 'Politecnico di Milano',
    },
    members: 5,
    title: {
      en: 'Politecnico di Milano delegation visit',
      zh: '米兰理工大学代表团来访',
      fr: "Visite de la délégation de l'École polytechnique de Milan",
    },
  },
  {
    n: 27,
    institutionId: DEMO_IDS.tohoku,
    organisation: 'Tohoku University',
    country: 'JP',
    start: '2024-11-05',
    days: 4,
    leader: {
      name: 'Kenji Mori',
      role: 'International affairs',
      organisation: 'Tohoku University',
    },
    members: 4,
    title: {
      en: 'Tohoku University faculty exchange',
      zh: '日本东北大学教师交流来访',
      fr: "Échange d'enseignants de l'Université du Tōhoku",
    },
  },
];

const person = (
  name: string,
  role: string,
  organisation: string,
  staffId?: `stf_${string}`,
): DelegationMember => ({
  name,
  role,
  organisation,
  ...(staffId === undefined ? {} : { staffId }),
});

const DEAN = person('Laurent Mercier', 'French Dean of SPEIT', 'SPEIT', DEMO_IDS.frenchDean);
const DEPUTY = person(
  'Sun Meiling',
  'Deputy Director, Office of International Cooperation and Exchange',
  'Office of International Cooperation and Exchange',
  DEMO_IDS.deputyDirector,
);
const ZHOU = person('Zhou Lan', 'International team', 'SPEIT', DEMO_IDS.staff);
const XU = person(
  'Xu Ruoxi',
  'Programme officer',
  'International Affairs Office',
  DEMO_IDS.programmeOfficer,
);
const MOREAU = person('Hélène Moreau', 'Director', 'International Affairs Office', DEMO_IDS.admin);

interface Builders {
  item: (
    kind: ItineraryKind,
    start: string,
    end: string,
    fields: {
      institutionId?: InstitutionId;
      place: string;
      agenda: LocalizedText;
      participants?: string[];
    },
    timeZone?: string,
  ) => ItineraryItem;
  outcome: (
    kind: OutcomeKind,
    institutionId: InstitutionId | undefined,
    summary: LocalizedText,
    followUps: Omit<FollowUp, 'id'>[],
  ) => Outcome;
}

function builders(): Builders {
  const itemId = idSequence('itm');
  const outcomeId = idSequence('out');
  const followUpId = idSequence('fup');
  return {
    item: (kind, start, end, fields, timeZone = 'Europe/Paris') => ({
      id: itemId(),
      start,
      end,
      timeZone,
      kind,
      ...(fields.institutionId === undefined ? {} : { institutionId: fields.institutionId }),
      place: fields.place,
      agenda: fields.agenda,
      participants: fields.participants ?? [],
    }),
    outcome: (kind, institutionId, summary, followUps) => ({
      id: outcomeId(),
      kind,
      ...(institutionId === undefined ? {} : { institutionId }),
      summary,
      followUps: followUps.map((f) => ({ id: followUpId(), ...f })),
    }),
  };
}

const firstContacts: readonly (readonly [InstitutionId, string, string])[] = [
  [DEMO_IDS.albertSchool, 'Albert School', '阿尔伯特商学院'],
  [DEMO_IDS.eivp, 'EIVP', '巴黎城市工程师学院'],
  [DEMO_IDS.supBioTech, 'SupBioTech', '法国高等生物技术学院'],
];

/** 8–12 December 2025 (seed 001), on the Paris clock. */
function franceDelegation({ item, outcome }: Builders): Delegation {
  const paris = (date: string, time: string) => `${date}T${time}:00+01:00`;
  const d = (day: number) => `2025-12-${String(day).padStart(2, '0')}`;
  return {
    id: DEMO_IDS.franceDelegation,
    direction: 'outbound',
    title: {
      en: 'SPEIT and Office of International Affairs delegation to France',
      zh: '巴黎卓越工程师学院与国际合作与交流处赴法国访问',
      fr: 'Délégation de SPEIT et du bureau des relations internationales en France',
    },
    objectives: [
      'Deepen existing cooperation with the strategic partners',
      'Agree the implementation of the university-level dual degree with Polytech Paris-Saclay',
      'Explore research and internship cooperation with École des Ponts et Chaussées',
      'Finalise the Descartes Class short-term immersion with Lycée Louis-le-Grand and Lycée Henri-IV',
      'Establish first contacts with Albert School, EIVP and SupBioTech',
    ],
    startDate: d(8),
    endDate: d(12),
    countries: ['FR'],
    leader: DEAN,
    members: [DEPUTY, ZHOU, XU],
    status: 'completed',
    institutionIds: [
      DEMO_IDS.polytechnique,
      DEMO_IDS.ensta,
      DEMO_IDS.telecomParis,
      DEMO_IDS.minesParis,
      DEMO_IDS.polytechParisSaclay,
      DEMO_IDS.pontsEtChaussees,
      DEMO_IDS.louisLeGrand,
      DEMO_IDS.henriIV,
      DEMO_IDS.albertSchool,
      DEMO_IDS.eivp,
      DEMO_IDS.supBioTech,
    ],
    itinerary: [
      item('travel', paris(d(8), '06:30'), paris(d(8), '08:30'), {
        place: 'Paris-Charles de Gaulle Airport',
        agenda: {
          en: 'Arrival and transfer to Palaiseau',
          zh: '抵达巴黎并前往帕莱索',
          fr: 'Arrivée et transfert à Palaiseau',
        },
      }),
      item('meeting', paris(d(8), '10:00'), paris(d(8), '12:00'), {
        institutionId: DEMO_IDS.polytechnique,
        place: 'École Polytechnique, Palaiseau',
        agenda: {
          en: 'Strategic partnership: implementation of the dual-degree and exchange agreements',
          zh: '战略合作：推进双学位与交换协议落实',
          fr: 'Partenariat stratégique : mise en œuvre des accords de double diplôme et d’échange',
        },
      }),
      item('meeting', paris(d(8), '14:00'), paris(d(8), '15:30'), {
        institutionId: DEMO_IDS.ensta,
        place: 'ENSTA, Palaiseau',
        agenda: {
          en: 'Strategic partnership review',
          zh: '战略合作回顾',
          fr: 'Bilan du partenariat stratégique',
        },
      }),
      item('meeting', paris(d(8), '16:00'), paris(d(8), '17:30'), {
        institutionId: DEMO_IDS.telecomParis,
        place: 'Télécom Paris, Palaiseau',
        agenda: {
          en: 'Strategic partnership review and communication mechanism',
          zh: '战略合作回顾与常态化沟通机制',
          fr: 'Bilan du partenariat stratégique et mécanisme de concertation',
        },
      }),
      item('meeting', paris(d(9), '09:30'), paris(d(9), '11:30'), {
        institutionId: DEMO_IDS.polytechParisSaclay,
        place: 'Polytech Paris-Saclay, Orsay',
        agenda: {
          en: 'University-level dual degree: curriculum alignment, selection process and schedule',
          zh: '校级双学位：课程衔接、选拔流程与时间安排',
          fr: 'Double diplôme universitaire : alignement des cursus, sélection et calendrier',
        },
      }),
      item('lab_tour', paris(d(9), '11:45'), paris(d(9), '12:45'), {
        institutionId: DEMO_IDS.polytechParisSaclay,
        place: 'Materials laboratory, Orsay',
        agenda: {
          en: 'Visit of the cutting-edge materials laboratory',
          zh: '参观前沿材料实验室',
          fr: 'Visite du laboratoire de matériaux de pointe',
        },
      }),
      item('travel', paris(d(9), '13:30'), paris(d(9), '14:30'), {
        place: 'Orsay to Paris',
        agenda: { en: 'Transfer to Paris', zh: '前往巴黎市区', fr: 'Transfert vers Paris' },
      }),
      item('meeting', paris(d(9), '15:00'), paris(d(9), '17:00'), {
        institutionId: DEMO_IDS.minesParis,
        place: 'Mines Paris, boulevard Saint-Michel',
        agenda: {
          en: 'Strategic partnership review',
          zh: '战略合作回顾',
          fr: 'Bilan du partenariat stratégique',
        },
      }),
      item('site_visit', paris(d(10), '10:00'), paris(d(10), '11:30'), {
        institutionId: DEMO_IDS.pontsEtChaussees,
        place: 'Innovation laboratory, Champs-sur-Marne',
        agenda: {
          en: 'Innovation laboratory and its university–industry education model',
          zh: '创新实验室及其产教融合培养模式',
          fr: "Laboratoire d'innovation et son modèle de formation école–entreprise",
        },
      }),
      item('meeting', paris(d(10), '11:30'), paris(d(10), '12:30'), {
        institutionId: DEMO_IDS.pontsEtChaussees,
        place: 'École des Ponts et Chaussées, Champs-sur-Marne',
        agenda: {
          en: 'Beyond student exchange: research and company internships',
          zh: '在学生交换基础上拓展科研与企业实习合作',
          fr: "Au-delà de l'échange : recherche et stages en entreprise",
        },
      }),
      item('meeting', paris(d(10), '15:30'), paris(d(10), '17:00'), {
        institutionId: DEMO_IDS.louisLeGrand,
        place: 'Lycée Louis-le-Grand, Paris',
        agenda: {
          en: 'Descartes Class short-term immersion, after the teacher training programme',
          zh: '笛卡尔班短期沉浸式学习（继教师进修合作之后）',
          fr: 'Immersion courte de la classe Descartes, après la formation des enseignants',
        },
        participants: ['Laurent Mercier', 'Zhou Lan'],
      }),
      item('meeting', paris(d(11), '09:30'), paris(d(11), '11:00'), {
        institutionId: DEMO_IDS.henriIV,
        place: 'Lycée Henri-IV, Paris',
        agenda: {
          en: 'Descartes Class short-term immersion, after the teacher training programme',
          zh: '笛卡尔班短期沉浸式学习（继教师进修合作之后）',
          fr: 'Immersion courte de la classe Descartes, après la formation des enseignants',
        },
        participants: ['Laurent Mercier', 'Zhou Lan'],
      }),
      item('meeting', paris(d(11), '14:00'), paris(d(11), '15:00'), {
        institutionId: DEMO_IDS.albertSchool,
        place: 'Albert School, Paris',
        agenda: { en: 'First contact', zh: '初步接触', fr: 'Premier contact' },
      }),
      item('meeting', paris(d(11), '16:00'), paris(d(11), '17:00'), {
        institutionId: DEMO_IDS.eivp,
        place: 'EIVP, Paris',
        agenda: { en: 'First contact', zh: '初步接触', fr: 'Premier contact' },
      }),
      item('meeting', paris(d(12), '10:00'), paris(d(12), '11:00'), {
        institutionId: DEMO_IDS.supBioTech,
        place: 'SupBioTech, Villejuif',
        agenda: { en: 'First contact', zh: '初步接触', fr: 'Premier contact' },
      }),
      item('travel', paris(d(12), '13:00'), paris(d(12), '15:30'), {
        place: 'Paris-Charles de Gaulle Airport',
        agenda: { en: 'Departure for Shanghai', zh: '返程上海', fr: 'Départ pour Shanghai' },
      }),
    ],
    outcomes: [
      outcome(
        'consensus',
        DEMO_IDS.polytechParisSaclay,
        {
          en: 'Consensus on implementing the university-level dual degree: curriculum alignment, selection process and schedule.',
          zh: '就校级双学位项目的课程衔接、选拔流程和时间安排达成重要共识。',
          fr: 'Consensus sur la mise en œuvre du double diplôme universitaire : alignement des cursus, sélection et calendrier.',
        },
        [
          {
            action: 'Draft the curriculum alignment table',
            owner: 'Laurent Mercier',
            dueDate: '2026-02-27',
            status: 'done',
          },
          {
            action: 'Agree the selection process and calendar',
            owner: 'Sun Meiling',
            dueDate: '2026-04-30',
            status: 'in_progress',
          },
          {
            action: 'Send the draft dual-degree agreement for legal review',
            owner: 'Xu Ruoxi',
            dueDate: '2026-06-30',
            status: 'open',
          },
        ],
      ),
      outcome(
        'other',
        DEMO_IDS.pontsEtChaussees,
        {
          en: 'Insights from the innovation laboratory; research and company internship cooperation to be developed on top of the student exchange.',
          zh: '考察创新实验室，拟在学生交换基础上拓展科研与企业实习合作。',
          fr: "Enseignements du laboratoire d'innovation ; coopération en recherche et en stages à développer au-delà de l'échange.",
        },
        [
          {
            action: 'Propose two joint research topics',
            owner: 'Laurent Mercier',
            dueDate: '2026-03-31',
            status: 'in_progress',
          },
          {
            action: 'List partner companies offering internships',
            owner: 'Zhou Lan',
            dueDate: '2026-05-15',
            status: 'open',
          },
        ],
      ),
      outcome(
        'consensus',
        DEMO_IDS.louisLeGrand,
        {
          en: 'Core details agreed for sending Descartes Class students to Lycée Louis-le-Grand for short-term immersion next year, following the teacher training cooperation.',
          zh: '敲定笛卡尔班学生明年首次赴路易大帝中学短期沉浸式学习的核心细节（继数学、物理教师进修合作之后）。',
          fr: "Détails arrêtés pour l'immersion courte des élèves de la classe Descartes à Louis-le-Grand l'an prochain, après la formation des enseignants.",
        },
        [
          {
            action: 'Select the first Descartes Class group',
            owner: 'Zhou Lan',
            dueDate: '2026-03-15',
            status: 'done',
          },
        ],
      ),
      outcome(
        'consensus',
        DEMO_IDS.henriIV,
        {
          en: 'Core details agreed for sending Descartes Class students to Lycée Henri-IV for short-term immersion next year, following the teacher training cooperation.',
          zh: '敲定笛卡尔班学生明年首次赴亨利四世中学短期沉浸式学习的核心细节（继数学、物理教师进修合作之后）。',
          fr: "Détails arrêtés pour l'immersion courte des élèves de la classe Descartes à Henri-IV l'an prochain, après la formation des enseignants.",
        },
        [
          {
            action: 'Sign the immersion memorandum',
            owner: 'Sun Meiling',
            dueDate: '2026-04-30',
            status: 'open',
          },
        ],
      ),
      ...firstContacts.map(([id, name, zh], index) =>
        outcome(
          'new_contact',
          id,
          {
            en: `First contact established with ${name}.`,
            zh: `与${zh}建立初步联系。`,
            fr: `Premier contact établi avec ${name}.`,
          },
          [
            {
              action: `Send the SPEIT presentation and possible cooperation areas to ${name}`,
              owner: 'Xu Ruoxi',
              dueDate: `2026-01-${String(16 + index * 7).padStart(2, '0')}`,
              status: 'done',
            },
          ],
        ),
      ),
    ],
    ...stamp,
  };
}

function otherOutbound({ item, outcome }: Builders): Delegation[] {
  return [
    {
      id: demoId('del', 4),
      direction: 'outbound',
      title: {
        en: 'Visit to Munich and Milan',
        zh: '赴慕尼黑和米兰访问',
        fr: 'Visite à Munich et Milan',
      },
      objectives: [
        'Prepare the 2025 joint summer school',
        'Review the exchange with Politecnico di Milano',
      ],
      startDate: '2025-06-16',
      endDate: '2025-06-20',
      countries: ['DE', 'IT'],
      leader: DEPUTY,
      members: [XU],
      status: 'completed',
      institutionIds: [DEMO_IDS.tuMunich, DEMO_IDS.politecnicoMilano],
      itinerary: [
        item(
          'meeting',
          '2025-06-17T10:00:00+02:00',
          '2025-06-17T12:00:00+02:00',
          {
            institutionId: DEMO_IDS.tuMunich,
            place: 'TUM, Munich',
            agenda: {
              en: 'Joint summer school programme',
              zh: '联合暑期学校课程',
              fr: "Programme de l'école d'été commune",
            },
          },
          'Europe/Berlin',
        ),
        item(
          'meeting',
          '2025-06-19T10:00:00+02:00',
          '2025-06-19T12:00:00+02:00',
          {
            institutionId: DEMO_IDS.politecnicoMilano,
            place: 'Politecnico di Milano, Milan',
            agenda: { en: 'Exchange review', zh: '交换项目回顾', fr: "Bilan de l'échange" },
          },
          'Europe/Rome',
        ),
      ],
      outcomes: [],
      ...stamp,
    },
    {
      id: demoId('del', 5),
      direction: 'outbound',
      title: { en: 'Visit to France', zh: '赴法国访问', fr: 'Visite en France' },
      objectives: ['Sign the research agreement with Mines Paris', 'Meet the strategic partners'],
      startDate: '2024-06-10',
      endDate: '2024-06-14',
      countries: ['FR'],
      leader: DEAN,
      members: [MOREAU, XU],
      status: 'completed',
      institutionIds: [DEMO_IDS.minesParis, DEMO_IDS.polytechnique, DEMO_IDS.telecomParis],
      itinerary: [
        item('signing', '2024-06-12T11:00:00+02:00', '2024-06-12T12:00:00+02:00', {
          institutionId: DEMO_IDS.minesParis,
          place: 'Mines Paris, Paris',
          agenda: {
            en: 'Signing of the research cooperation agreement',
            zh: '签署科研合作协议',
            fr: "Signature de l'accord de coopération de recherche",
          },
        }),
      ],
      outcomes: [
        outcome(
          'agreement_signed',
          DEMO_IDS.minesParis,
          {
            en: 'Research cooperation agreement in materials and energy signed.',
            zh: '签署材料与能源科研合作协议。',
            fr: 'Accord de coopération de recherche en matériaux et énergie signé.',
          },
          [],
        ),
      ],
      ...stamp,
    },
  ];
}

function inboundVisits({ item, outcome }: Builders): Delegation[] {
  return VISITS.map((visit, index): Delegation => {
    const isPolytech = visit.n === 2;
    return {
      id: demoId('del', visit.n),
      direction: 'inbound',
      title: visit.title,
      objectives: visit.objectives ?? [],
      startDate: visit.start,
      endDate: addDays(visit.start, visit.days - 1),
      countries: [visit.country],
      leader: visit.leader,
      members: visitors(visit.country, visit.members, index, visit.organisation),
      status: visit.status ?? 'completed',
      institutionIds: [visit.institutionId],
      itinerary: isPolytech
        ? [
            item(
              'meeting',
              '2025-10-14T10:00:00+08:00',
              '2025-10-14T12:00:00+08:00',
              {
                institutionId: DEMO_IDS.polytechParisSaclay,
                place: 'SPEIT, meeting room 301',
                agenda: {
                  en: 'Exchange programme review; proposal of a university-level dual degree',
                  zh: '交换项目回顾；提出校级双学位合作',
                  fr: "Bilan de l'échange ; proposition d'un double diplôme universitaire",
                },
              },
              'Asia/Shanghai',
            ),
            item(
              'meeting',
              '2025-10-15T14:00:00+08:00',
              '2025-10-15T15:30:00+08:00',
              {
                place: 'SPEIT student lounge',
                agenda: {
                  en: 'Meeting with exchange students from Polytech Paris-Saclay',
                  zh: '看望巴黎萨克雷理工学院交换生',
                  fr: 'Rencontre avec les étudiants en échange de Polytech Paris-Saclay',
                },
              },
              'Asia/Shanghai',
            ),
          ]
        : [],
      outcomes: isPolytech
        ? [
            outcome(
              'visit_planned',
              DEMO_IDS.polytechParisSaclay,
              {
                en: 'Polytech Paris-Saclay proposed a university-level dual degree; return visit planned for December.',
                zh: '巴黎萨克雷理工学院提出校级双学位合作；计划12月回访。',
                fr: 'Polytech Paris-Saclay a proposé un double diplôme universitaire ; visite retour prévue en décembre.',
              },
              [
                {
                  action: 'Prepare the December visit to Paris-Saclay',
                  owner: 'Sun Meiling',
                  dueDate: '2025-11-28',
                  status: 'done',
                },
              ],
            ),
          ]
        : [],
      ...stamp,
    };
  });
}

/** A visit planned about six weeks after `today`, following the first contact in Paris. */
function plannedVisit(today: CalendarDate): Delegation {
  const start = addDays(today, 42);
  return {
    id: DEMO_IDS.albertSchoolVisitPlanned,
    direction: 'inbound',
    title: {
      en: 'Albert School exploratory visit',
      zh: '阿尔伯特商学院考察来访',
      fr: "Visite exploratoire d'Albert School",
    },
    objectives: ['Explore a data-science exchange and a joint summer programme'],
    startDate: start,
    endDate: addDays(start, 1),
    countries: ['FR'],
    leader: {
      name: 'Mathilde Roussel',
      role: 'Dean of academic partnerships',
      organisation: 'Albert School',
    },
    members: visitors('FR', 2, 7, 'Albert School'),
    status: 'approved',
    institutionIds: [DEMO_IDS.albertSchool],
    itinerary: [],
    outcomes: [],
    ...stamp,
  };
}

export function demoDelegations(today: CalendarDate): Delegation[] {
  const b = builders();
  return [franceDelegation(b), plannedVisit(today), ...otherOutbound(b), ...inboundVisits(b)];
}

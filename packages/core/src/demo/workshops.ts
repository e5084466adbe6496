import type { Event, Panel, Session, WorkshopDetails } from '../events/schemas';
import { academicYearOf, addDays, type InstitutionId, type LocalizedText } from '../shared';
import { demoId, shanghai, stamp } from './common';
import { DEMO_IDS } from './ids';

/** The campus clock: every workshop sits inside 09:00–18:00 here and at the partner, on a weekday. */
export const CAMPUS_TIME_ZONE = 'Asia/Shanghai';

interface Series {
  topic: LocalizedText;
  department: string;
  partner: InstitutionId;
  partnerName: string;
  partnerTimeZone: string;
  /** Local campus dates of the rounds (one for a one-off dialogue, two or three otherwise). */
  dates: readonly string[];
  /** Campus start time and length in minutes (150 to 180). */
  start: string;
  minutes: number;
  panels: readonly LocalizedText[];
  /** Two tracks of panels at the same time. */
  concurrent?: boolean;
  languages: Event['languages'];
  evaluation: string;
}

const MENTAL_HEALTH: LocalizedText = {
  en: "Students' mental health",
  zh: '学生心理健康',
  fr: 'Santé mentale des étudiants',
};
const ASSET_MANAGEMENT: LocalizedText = {
  en: 'Asset management',
  zh: '资产管理',
  fr: 'Gestion du patrimoine',
};
const FACULTY_RECRUITMENT: LocalizedText = {
  en: 'Faculty recruitment',
  zh: '师资招聘',
  fr: 'Recrutement des enseignants-chercheurs',
};
const GENERAL_COURSES: LocalizedText = {
  en: 'General education courses',
  zh: '通识课程',
  fr: 'Enseignements de culture générale',
};

const panel = (en: string, zh: string, fr: string): LocalizedText => ({ en, zh, fr });

/**
 * The online workshop programme of seed 002: topics collected from departments, a partner for
 * each, one-off or multi-round dialogues of 2.5 to 3 hours made of 30–40 minute panels, with
 * interpretation. European partners meet on summer time, when the two working days overlap
 * for three hours (15:00–18:00 in Shanghai is 09:00–12:00 in Paris).
 */
const SERIES: readonly Series[] = [
  {
    topic: MENTAL_HEALTH,
    department: 'Student Mental Health Centre',
    partner: DEMO_IDS.minesParis,
    partnerName: 'Mines Paris',
    partnerTimeZone: 'Europe/Paris',
    dates: ['2024-05-15'],
    start: '15:00',
    minutes: 165,
    panels: [
      panel('Early detection and referral', '早期识别与转介', 'Repérage précoce et orientation'),
      panel('Peer support networks', '朋辈支持网络', 'Réseaux de pairs aidants'),
      panel(
        'Counselling for international students',
        '国际学生心理咨询',
        'Accompagnement des étudiants internationaux',
      ),
      panel('Crisis response', '危机干预', 'Gestion de crise'),
    ],
    languages: ['zh', 'en', 'fr'],
    evaluation:
      'Department interviewed in June 2024: peer-support training adopted for the autumn.',
  },
  {
    topic: GENERAL_COURSES,
    department: 'Undergraduate Academic Affairs Office',
    partner: DEMO_IDS.telecomParis,
    partnerName: 'Télécom Paris',
    partnerTimeZone: 'Europe/Paris',
    dates: ['2024-06-12', '2024-09-11'],
    start: '15:00',
    minutes: 150,
    panels: [
      panel(
        'Humanities in an engineering curriculum',
        '工程教育中的人文课程',
        "Les humanités dans un cursus d'ingénieur",
      ),
      panel(
        'Languages and intercultural skills',
        '语言与跨文化能力',
        'Langues et compétences interculturelles',
      ),
      panel(
        'Project-based general courses',
        '项目式通识课程',
        'Cours de culture générale par projets',
      ),
      panel('Assessment', '课程考核', 'Évaluation'),
    ],
    languages: ['zh', 'en', 'fr'],
    evaluation: 'Department interviewed in October 2024: two project-based courses piloted.',
  },
  {
    topic: FACULTY_RECRUITMENT,
    department: 'Human Resources Office',
    partner: DEMO_IDS.tohoku,
    partnerName: 'Tohoku University',
    partnerTimeZone: 'Asia/Tokyo',
    dates: ['2024-10-16'],
    start: '09:30',
    minutes: 180,
    panels: [
      panel(
        'International calls for applications',
        '国际招聘公告',
        'Appels à candidatures internationaux',
      ),
      panel('Selection committees', '遴选委员会', 'Comités de sélection'),
      panel('Tenure track', '长聘轨制度', 'Tenure track'),
      panel('Welcoming foreign faculty', '外籍教师入职支持', 'Accueil des enseignants étrangers'),
      panel('Dual-career support', '双职工家庭支持', 'Soutien aux doubles carrières'),
    ],
    languages: ['zh', 'en'],
    evaluation:
      'Department interviewed in December 2024: onboarding guide for foreign faculty drafted.',
  },
  {
    topic: MENTAL_HEALTH,
    department: 'Student Mental Health Centre',
    partner: DEMO_IDS.polytechnique,
    partnerName: 'École Polytechnique',
    partnerTimeZone: 'Europe/Paris',
    dates: ['2025-04-16'],
    start: '15:00',
    minutes: 165,
    concurrent: true,
    panels: [
      panel(
        'Well-being of students far from home',
        '远离家乡学生的身心健康',
        'Bien-être des étudiants loin de chez eux',
      ),
      panel(
        'Training staff as first responders',
        '工作人员心理急救培训',
        'Former le personnel aux premiers secours psychologiques',
      ),
      panel('Stress during examinations', '考试期间的压力管理', 'Le stress des examens'),
      panel('Working with families', '与家庭沟通协作', 'Travailler avec les familles'),
    ],
    languages: ['zh', 'en', 'fr'],
    evaluation:
      'Department interviewed in June 2025: a buddy check-in routine added to the Survival Guide.',
  },
  {
    topic: ASSET_MANAGEMENT,
    department: 'Asset Management Office',
    partner: DEMO_IDS.tuMunich,
    partnerName: 'Technical University of Munich',
    partnerTimeZone: 'Europe/Berlin',
    dates: ['2025-05-14', '2025-06-11'],
    start: '15:00',
    minutes: 150,
    panels: [
      panel(
        'Laboratory equipment life cycle',
        '实验设备全生命周期管理',
        'Cycle de vie des équipements de laboratoire',
      ),
      panel('Shared research facilities', '大型仪器共享平台', 'Plateformes de recherche partagées'),
      panel(
        'Energy management of buildings',
        '校园建筑能源管理',
        'Gestion énergétique des bâtiments',
      ),
      panel('Procurement rules', '采购制度', 'Règles des achats'),
    ],
    languages: ['zh', 'en'],
    evaluation: 'Department interviewed in July 2025: equipment-sharing booking rules revised.',
  },
  {
    topic: FACULTY_RECRUITMENT,
    department: 'Human Resources Office',
    partner: DEMO_IDS.tohoku,
    partnerName: 'Tohoku University',
    partnerTimeZone: 'Asia/Tokyo',
    dates: ['2025-09-17', '2025-10-15', '2025-11-12'],
    start: '09:30',
    minutes: 180,
    panels: [
      panel('Attracting young researchers', '吸引青年研究人员', 'Attirer les jeunes chercheurs'),
      panel('Evaluation of candidates', '候选人评价', 'Évaluation des candidats'),
      panel('Start-up packages', '科研启动支持', "Dotations d'installation"),
      panel('Mentoring new faculty', '新教师导师制', 'Mentorat des nouveaux enseignants'),
      panel('Diversity in hiring', '招聘多元化', 'Diversité des recrutements'),
    ],
    languages: ['zh', 'en'],
    evaluation:
      'Department interviewed in December 2025: mentoring scheme for new faculty launched.',
  },
  {
    topic: GENERAL_COURSES,
    department: 'Undergraduate Academic Affairs Office',
    partner: DEMO_IDS.politecnicoMilano,
    partnerName: 'Politecnico di Milano',
    partnerTimeZone: 'Europe/Rome',
    dates: ['2025-10-22'],
    start: '15:00',
    minutes: 165,
    panels: [
      panel('Design thinking for all', '面向全体学生的设计思维', 'Le design thinking pour tous'),
      panel('Ethics of engineering', '工程伦理', "Éthique de l'ingénieur"),
      panel('Art and technology', '艺术与科技', 'Art et technologie'),
      panel('Online general courses', '在线通识课程', 'Cours de culture générale en ligne'),
    ],
    languages: ['zh', 'en'],
    evaluation:
      'Department interviewed in December 2025: engineering ethics module planned for 2026.',
  },
];

const PANEL_MINUTES = 35;
const MINUTE = 60_000;

/** Panels of 35 minutes spread evenly over the workshop: one after another, or two tracks side by side. */
function panelsFor(series: Series, start: number): Panel[] {
  const concurrent = series.concurrent === true;
  const slots = concurrent ? Math.ceil(series.panels.length / 2) : series.panels.length;
  const gap = Math.floor((series.minutes - slots * PANEL_MINUTES) / (slots + 1));
  return series.panels.map((title, index) => {
    const slot = concurrent ? Math.floor(index / 2) : index;
    const from = start + (gap + slot * (PANEL_MINUTES + gap)) * MINUTE;
    return {
      title,
      start: new Date(from).toISOString(),
      end: new Date(from + PANEL_MINUTES * MINUTE).toISOString(),
      track: concurrent ? (index % 2) + 1 : 1,
    };
  });
}

/** The online workshops of 2024 and 2025: 4 in 2024, 7 in 2025 (a round is one event). */
export function demoWorkshops(nextSession: () => Session['id']): Event[] {
  let n = 60;
  return SERIES.flatMap((series) =>
    series.dates.map((date, index): Event => {
      const start = shanghai(date, series.start);
      const startMs = Date.parse(start);
      const end = new Date(startMs + series.minutes * MINUTE).toISOString();
      const multi = series.dates.length > 1;
      const workshop: WorkshopDetails = {
        topic: series.topic,
        department: series.department,
        partnerTimeZone: series.partnerTimeZone,
        format: multi ? 'multi_round' : 'one_off',
        round: index + 1,
        totalRounds: series.dates.length,
        panels: panelsFor(series, startMs),
        reportsDue: addDays(date, 14),
        evaluation: series.evaluation,
      };
      const round = multi ? ` (round ${index + 1} of ${series.dates.length})` : '';
      const roundZh = multi ? `（第${index + 1}轮，共${series.dates.length}轮）` : '';
      const roundFr = multi ? ` (séance ${index + 1} sur ${series.dates.length})` : '';
      return {
        id: demoId('evt', n++),
        kind: 'online_workshop',
        title: {
          en: `Online workshop with ${series.partnerName}: ${series.topic.en}${round}`,
          zh: `与${series.partnerName}在线研讨：${series.topic.zh}${roundZh}`,
          fr: `Atelier en ligne avec ${series.partnerName} : ${series.topic.fr}${roundFr}`,
        },
        description: {
          en: `Exchange between the ${series.department} and its counterpart at ${series.partnerName}. Each participant submits a report or a proposal within two weeks.`,
          zh: `${series.department}与${series.partnerName}对口部门在线交流。每位参与者须在两周内提交研修报告或创新建议。`,
          fr: `Échange entre le service « ${series.department} » et son homologue de ${series.partnerName}. Chaque participant remet un rapport ou une proposition sous deux semaines.`,
        },
        sessions: [
          {
            id: nextSession(),
            start,
            end,
            timeZone: CAMPUS_TIME_ZONE,
            onlineUrl: `https://meet.demo.passerelle.example/workshop-${n}`,
          },
        ],
        audience: ['staff'],
        languages: series.languages,
        interpretation: true,
        organiser: 'International Affairs Division',
        partnerInstitutionIds: [series.partner],
        academicYear: academicYearOf(date),
        workshop,
        cancelled: false,
        ...stamp,
      };
    }),
  );
}

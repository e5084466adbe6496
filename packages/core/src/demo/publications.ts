import type { Delegation } from '../delegations/schemas';
import type { Award, Publication } from '../events/publications';
import type { Event } from '../events/schemas';
import { addDays, type CalendarDate, countryName, type LocalizedText } from '../shared';
import type { ProgrammeKind, Student } from '../students/schemas';
import { at, demoId, idSequence, stamp } from './common';

const CHANNELS = ['WeChat: SPEIT official account', 'SPEIT website', 'LinkedIn', 'Weibo'];

/** Articles published each year: 53 in 2025, 46 in 2024 (seed 000: "over 50"), a few in 2023. */
export const PUBLICATIONS_PER_YEAR: Readonly<Record<2023 | 2024 | 2025, number>> = {
  2023: 3,
  2024: 46,
  2025: 53,
};

type Label = { en: string; zh: string; fr: string };
const DEGREE: Label = { en: 'degree', zh: '学位', fr: 'en diplôme' };
const KIND_LABEL: Partial<Record<ProgrammeKind, Label>> = {
  degree: { en: 'degree', zh: '学位', fr: 'en diplôme' },
  exchange: { en: 'exchange', zh: '交换', fr: 'en échange' },
  dual_degree: { en: 'dual-degree', zh: '双学位', fr: 'en double diplôme' },
  intern: { en: 'intern', zh: '实习', fr: 'stagiaire' },
};

interface Draft {
  title: LocalizedText;
  publishedOn: CalendarDate;
  tags: string[];
}

const recap = (title: LocalizedText): LocalizedText => ({
  ...(title.en === undefined ? {} : { en: `Recap: ${title.en}` }),
  ...(title.zh === undefined ? {} : { zh: `回顾｜${title.zh}` }),
  ...(title.fr === undefined ? {} : { fr: `Retour sur : ${title.fr}` }),
});

/**
 * The office's publications: a story after each activity, visit and summer school, a few
 * features, and student portraits, up to the year's count.
 */
export function demoPublications(
  events: readonly Event[],
  delegations: readonly Delegation[],
  newStudents: Record<2024 | 2025, readonly Student[]>,
): Publication[] {
  const out: Publication[] = [];
  const nextId = idSequence('pub');
  const publish = (draft: Draft) => {
    const index = out.length;
    out.push({
      id: nextId(),
      title: draft.title,
      channel: at(CHANNELS, index),
      publishedOn: draft.publishedOn,
      url: `https://news.demo.passerelle.example/${draft.publishedOn.replaceAll('-', '/')}/${index + 1}`,
      tags: draft.tags,
      ...stamp,
    });
  };

  publish({
    title: {
      en: 'Year-end review 2023: the host city now has friendly ties with 90 cities in 57 countries',
      zh: '2023年度国际合作与交流工作总结会召开：东道城市已与57个国家的90个城市建立友好关系',
      fr: "Bilan 2023 : la ville hôte entretient des liens d'amitié avec 90 villes de 57 pays",
    },
    publishedOn: '2023-12-27',
    tags: ['year-end-review', 'awards', 'city'],
  });
  publish({
    title: {
      en: 'Sino-French New Year concert 2023',
      zh: '2023中法新年音乐会',
      fr: 'Concert franco-chinois du Nouvel An 2023',
    },
    publishedOn: '2023-12-22',
    tags: ['performance'],
  });
  publish({
    title: {
      en: 'Autumn 2023: welcome to our new international students',
      zh: '2023秋季：欢迎新国际学生',
      fr: 'Automne 2023 : bienvenue aux nouveaux étudiants internationaux',
    },
    publishedOn: '2023-09-08',
    tags: ['welcome'],
  });

  for (const year of [2024, 2025] as const) {
    const drafts: Draft[] = [];
    for (const event of events) {
      const first = event.sessions[0];
      if (event.cancelled || first === undefined || !first.start.startsWith(`${year}-`)) continue;
      if (['online_workshop', 'info_session', 'year_end_review'].includes(event.kind)) continue;
      const last = event.sessions.at(-1) ?? first;
      drafts.push({
        title: recap(event.title),
        publishedOn: addDays(last.start.slice(0, 10), 2),
        tags: [event.kind.replaceAll('_', '-')],
      });
    }
    for (const delegation of delegations) {
      if (delegation.status === 'cancelled' || !delegation.startDate.startsWith(`${year}-`))
        continue;
      drafts.push({
        title: delegation.title,
        publishedOn: addDays(delegation.endDate, delegation.direction === 'outbound' ? 12 : 1),
        tags: ['delegation', delegation.direction],
      });
    }
    drafts.push({
      title: {
        en: `Year-end review ${year}: awards for outstanding contributions`,
        zh: `${year}年度国际合作与交流工作总结会暨表彰`,
        fr: `Bilan ${year} : distinctions pour contributions remarquables`,
      },
      publishedOn: `${year}-12-29`,
      tags: ['year-end-review', 'awards'],
    });
    if (year === 2025) {
      drafts.push({
        title: {
          en: 'The International Student Survival Guide is out',
          zh: '《国际学生生存指南》正式发布',
          fr: "Le guide de survie de l'étudiant international est paru",
        },
        publishedOn: '2025-09-05',
        tags: ['survival-guide'],
      });
    }
    const portraits = PUBLICATIONS_PER_YEAR[year] - drafts.length;
    if (portraits < 0) throw new RangeError(`too many ${year} publications for the demo count`);
    newStudents[year].slice(0, portraits).forEach((student, index) => {
      const kind = KIND_LABEL[student.programmeKind] ?? DEGREE;
      drafts.push({
        title: {
          en: `Portrait: ${student.fullName}, ${kind.en} student from ${countryName(student.nationality, 'en')}`,
          zh: `人物｜来自${countryName(student.nationality, 'zh')}的${kind.zh}学生 ${student.fullName}`,
          fr: `Portrait : ${student.fullName}, étudiant·e ${kind.fr} venu·e de ${countryName(student.nationality, 'fr')}`,
        },
        publishedOn: `${year}-${String(1 + (index % 11)).padStart(2, '0')}-${String(10 + index).padStart(2, '0')}`,
        tags: ['portrait', 'students'],
      });
    });
    drafts.sort((a, b) => a.publishedOn.localeCompare(b.publishedOn));
    for (const draft of drafts) publish(draft);
  }
  return out;
}

const OUTSTANDING = 'Outstanding contribution to international cooperation and exchanges';

/** Awards handed out at the year-end review meetings. Every person is invented. */
export function demoAwards(): Award[] {
  const rows: [string, string, number, string][] = [
    ['Gao Mingyuan', 'faculty', 2023, 'Built the joint laboratory with a partner in France.'],
    [
      'Nicolas Ferrand',
      'faculty',
      2023,
      'Taught the first English-taught general course for exchange students.',
    ],
    [
      'Lin Yuehan',
      'staff',
      2023,
      'Looked after every new international student through a difficult arrival.',
    ],
    ['He Jiayi', 'student representative', 2023, 'Founded the Sino-French buddy association.'],
    [
      'Yannick Brunet',
      'student representative',
      2023,
      'Organised the first Sino-French salon series.',
    ],
    [
      'Qian Shuoyan',
      'faculty',
      2024,
      'Led the teacher training exchange with the two Paris lycées.',
    ],
    ['Sandrine Leclerc', 'faculty', 2024, 'Coordinated the 2024 summer schools.'],
    ['Xu Ruoxi', 'staff', 2024, 'Ran the online workshop programme with partner universities.'],
    [
      'Pan Yuhang',
      'student representative',
      2024,
      'Welcomed and guided the 2024 international students.',
    ],
    ['Laurent Mercier', 'faculty', 2025, 'Led the December 2025 delegation to France.'],
    ['Feng Zhiyuan', 'faculty', 2025, 'Hosted the visiting professors of the joint summer school.'],
    ['Zhou Lan', 'staff', 2025, 'Compiled the International Student Survival Guide.'],
    ['Hugo Lefèvre', 'student representative', 2025, 'Organised the Sino-French sports events.'],
    [
      'Shen Ruolan',
      'student representative',
      2025,
      'Edited the student stories published by the institute.',
    ],
  ];
  return rows.map(([person, who, year, citation], index) => ({
    id: demoId('awd', index + 1),
    person,
    category: `${OUTSTANDING} (${who})`,
    year,
    citation: { en: citation },
    ...stamp,
  }));
}

export const AWARDS_PER_YEAR: Readonly<Record<2023 | 2024 | 2025, number>> = {
  2023: 5,
  2024: 4,
  2025: 5,
};

import type { Institution } from '../partners/schemas';
import { stamp } from './common';
import { DEMO_IDS } from './ids';

type InstitutionFields = Omit<
  Institution,
  | 'createdAt'
  | 'updatedAt'
  | 'version'
  | 'aliases'
  | 'contacts'
  | 'tags'
  | 'stageHistory'
  | 'strategic'
> &
  Partial<Pick<Institution, 'aliases' | 'contacts' | 'tags' | 'stageHistory' | 'strategic'>>;

const institution = (fields: InstitutionFields): Institution => ({
  aliases: [],
  contacts: [],
  tags: [],
  stageHistory: [],
  strategic: false,
  ...fields,
  ...stamp,
});

/** A partner since `since`, after first contact and negotiation the years before. */
const partnerSince = (contacted: string, negotiating: string, since: string) => [
  { stage: 'contacted' as const, on: contacted },
  { stage: 'negotiating' as const, on: negotiating },
  { stage: 'partner' as const, on: since },
];

/**
 * Partner institutions at every stage of the relationship: the four strategic partners of the
 * Sino-French institute, the schools met during the December 2025 visit to France (seed 001),
 * a few partners elsewhere, prospects and a dormant one. Contact people are invented.
 */
export function demoInstitutions(): Institution[] {
  return [
    institution({
      id: DEMO_IDS.polytechnique,
      name: { en: 'École Polytechnique', zh: '巴黎综合理工学院', fr: 'École polytechnique' },
      shortName: 'X',
      aliases: ['Polytechnique', "l'X", 'IP Paris – X', '巴黎综合理工', '巴黎综合理工学院'],
      country: 'FR',
      city: 'Palaiseau',
      kind: 'grande_ecole',
      website: 'https://www.polytechnique.edu',
      heiId: 'polytechnique.edu',
      contacts: [
        {
          name: 'Sophie Bernard',
          role: 'Head of international relations',
          email: 'sophie.bernard@x.demo.example',
        },
      ],
      tags: ['strategic', 'paristech', 'engineering', 'dual-degree'],
      stage: 'partner',
      stageHistory: partnerSince('2011-03-01', '2011-09-15', '2012-06-20'),
      strategic: true,
    }),
    institution({
      id: DEMO_IDS.ensta,
      name: {
        en: 'ENSTA (National Institute of Advanced Technologies)',
        zh: '法国国立高等先进技术学校',
        fr: 'ENSTA – École nationale supérieure de techniques avancées',
      },
      shortName: 'ENSTA',
      aliases: [
        'ENSTA Paris',
        'École Nationale Supérieure des Technologies Avancées',
        '国立高等先进技术学校',
      ],
      country: 'FR',
      city: 'Palaiseau',
      kind: 'grande_ecole',
      website: 'https://www.ensta.fr',
      contacts: [
        {
          name: 'Julien Roche',
          role: 'International office',
          email: 'julien.roche@ensta.demo.example',
        },
      ],
      tags: ['strategic', 'engineering', 'dual-degree'],
      stage: 'partner',
      stageHistory: partnerSince('2011-03-01', '2011-09-15', '2012-06-20'),
      strategic: true,
    }),
    institution({
      id: DEMO_IDS.telecomParis,
      name: { en: 'Télécom Paris', zh: '巴黎电信学院', fr: 'Télécom Paris' },
      shortName: 'Télécom',
      aliases: ['Telecom Paris', 'Télécom ParisTech', '巴黎电信'],
      country: 'FR',
      city: 'Palaiseau',
      kind: 'grande_ecole',
      website: 'https://www.telecom-paris.fr',
      contacts: [
        {
          name: 'Nathalie Perrin',
          role: 'Director of international relations',
          email: 'nathalie.perrin@telecom.demo.example',
        },
      ],
      tags: ['strategic', 'ict', 'dual-degree'],
      stage: 'partner',
      stageHistory: partnerSince('2011-03-01', '2011-09-15', '2012-06-20'),
      strategic: true,
    }),
    institution({
      id: DEMO_IDS.minesParis,
      name: { en: 'Mines Paris – PSL', zh: '巴黎高等矿业学校', fr: 'Mines Paris – PSL' },
      shortName: 'Mines Paris',
      aliases: ['Mines ParisTech', 'Mines', '巴黎矿业', '巴黎高科矿业学校'],
      country: 'FR',
      city: 'Paris',
      kind: 'grande_ecole',
      website: 'https://www.minesparis.psl.eu',
      contacts: [
        {
          name: 'Marc Lemaire',
          role: 'International partnerships',
          email: 'marc.lemaire@mines.demo.example',
        },
      ],
      tags: ['strategic', 'engineering', 'research', 'dual-degree'],
      stage: 'partner',
      stageHistory: partnerSince('2011-03-01', '2011-09-15', '2012-06-20'),
      strategic: true,
    }),
    institution({
      id: DEMO_IDS.polytechParisSaclay,
      name: { en: 'Polytech Paris-Saclay', zh: '巴黎萨克雷理工学院', fr: 'Polytech Paris-Saclay' },
      shortName: 'Polytech PS',
      aliases: ['Polytech Paris Saclay', 'Polytech', '巴黎萨克雷理工'],
      country: 'FR',
      city: 'Orsay',
      kind: 'grande_ecole',
      website: 'https://www.polytech.universite-paris-saclay.fr',
      contacts: [
        {
          name: 'Isabelle Caron',
          role: 'Director of international relations',
          email: 'isabelle.caron@polytech-ps.demo.example',
        },
      ],
      tags: ['exchange', 'materials', 'dual-degree-in-negotiation'],
      // Student exchange for years; the university-level dual degree is being negotiated.
      stage: 'negotiating',
      stageHistory: [
        ...partnerSince('2019-10-01', '2020-05-01', '2021-03-10'),
        {
          stage: 'negotiating',
          on: '2025-10-15',
          note: 'University-level dual degree proposed during their visit; consensus reached in Paris on 9 December 2025.',
        },
      ],
    }),
    institution({
      id: DEMO_IDS.pontsEtChaussees,
      name: {
        en: 'École des Ponts et Chaussées',
        zh: '巴黎国立路桥学校',
        fr: 'École nationale des ponts et chaussées',
      },
      shortName: 'Ponts',
      aliases: ['École des Ponts', 'École des Ponts ParisTech', 'ENPC', '路桥学校', '巴黎路桥'],
      country: 'FR',
      city: 'Champs-sur-Marne',
      kind: 'grande_ecole',
      website: 'https://www.ecoledesponts.fr',
      contacts: [
        {
          name: 'Antoine Delmas',
          role: 'International office',
          email: 'antoine.delmas@ponts.demo.example',
        },
      ],
      tags: ['exchange', 'innovation', 'industry'],
      stage: 'partner',
      stageHistory: partnerSince('2023-05-10', '2024-06-01', '2025-04-08'),
    }),
    institution({
      id: DEMO_IDS.louisLeGrand,
      name: { en: 'Lycée Louis-le-Grand', zh: '路易大帝中学', fr: 'Lycée Louis-le-Grand' },
      shortName: 'Louis-le-Grand',
      aliases: ['LLG', 'Louis le Grand', '路易大帝高中'],
      country: 'FR',
      city: 'Paris',
      kind: 'lycee',
      website: 'https://www.louis-le-grand.fr',
      contacts: [{ name: 'Catherine Vidal', role: 'Proviseure adjointe (CPGE)' }],
      tags: ['teacher-training', 'descartes-class', 'cpge'],
      stage: 'partner',
      stageHistory: partnerSince('2023-11-20', '2024-03-15', '2024-10-18'),
    }),
    institution({
      id: DEMO_IDS.henriIV,
      name: { en: 'Lycée Henri-IV', zh: '亨利四世中学', fr: 'Lycée Henri-IV' },
      shortName: 'Henri-IV',
      aliases: ['Henri IV', 'Lycée Henri IV', 'H4', '亨利四世高中'],
      country: 'FR',
      city: 'Paris',
      kind: 'lycee',
      website: 'https://www.lycee-henri4.com',
      contacts: [{ name: 'Philippe Arnaud', role: 'Directeur des classes préparatoires' }],
      tags: ['teacher-training', 'descartes-class', 'cpge'],
      stage: 'partner',
      stageHistory: partnerSince('2023-11-20', '2024-03-15', '2024-10-18'),
    }),
    institution({
      id: DEMO_IDS.albertSchool,
      name: { en: 'Albert School', zh: '阿尔伯特商学院', fr: 'Albert School' },
      aliases: ['Albert', '阿尔伯特学院'],
      country: 'FR',
      city: 'Paris',
      kind: 'grande_ecole',
      website: 'https://www.albertschool.com',
      tags: ['business', 'data'],
      stage: 'contacted',
      stageHistory: [{ stage: 'contacted', on: '2025-12-11', note: 'First meeting in Paris.' }],
    }),
    institution({
      id: DEMO_IDS.eivp,
      name: {
        en: 'EIVP (Paris School of Urban Engineering)',
        zh: '巴黎城市工程师学院',
        fr: 'EIVP – École des ingénieurs de la Ville de Paris',
      },
      shortName: 'EIVP',
      aliases: ['École des ingénieurs de la Ville de Paris', '巴黎市政工程师学院'],
      country: 'FR',
      city: 'Paris',
      kind: 'grande_ecole',
      website: 'https://www.eivp-paris.fr',
      tags: ['urban-engineering', 'smart-city'],
      stage: 'contacted',
      stageHistory: [{ stage: 'contacted', on: '2025-12-11', note: 'First meeting in Paris.' }],
    }),
    institution({
      id: DEMO_IDS.supBioTech,
      name: { en: 'SupBioTech', zh: '法国高等生物技术学院', fr: 'Sup’Biotech' },
      shortName: 'SupBioTech',
      aliases: ["Sup'Biotech", 'Supbiotech', '高等生物技术学院'],
      country: 'FR',
      city: 'Villejuif',
      kind: 'grande_ecole',
      website: 'https://www.supbiotech.fr',
      tags: ['biotechnology'],
      stage: 'contacted',
      stageHistory: [{ stage: 'contacted', on: '2025-12-12', note: 'First meeting in Villejuif.' }],
    }),
    institution({
      id: DEMO_IDS.tuMunich,
      name: {
        en: 'Technical University of Munich',
        zh: '慕尼黑工业大学',
        fr: 'Université technique de Munich',
      },
      shortName: 'TUM',
      aliases: ['TU München', 'TU Munich', '慕工大'],
      country: 'DE',
      city: 'Munich',
      kind: 'university',
      website: 'https://www.tum.de',
      contacts: [
        { name: 'Katrin Vogel', role: 'Global engagement', email: 'katrin.vogel@tum.demo.example' },
      ],
      tags: ['summer-school', 'engineering'],
      stage: 'partner',
      stageHistory: partnerSince('2022-04-01', '2022-11-01', '2023-03-20'),
    }),
    institution({
      id: DEMO_IDS.politecnicoMilano,
      name: { en: 'Politecnico di Milano', zh: '米兰理工大学', fr: 'École polytechnique de Milan' },
      shortName: 'PoliMi',
      aliases: ['Polimi', 'Politecnico', '米兰理工'],
      country: 'IT',
      city: 'Milan',
      kind: 'university',
      website: 'https://www.polimi.it',
      contacts: [
        {
          name: 'Francesca Galli',
          role: 'International mobility',
          email: 'francesca.galli@polimi.demo.example',
        },
      ],
      tags: ['exchange', 'design', 'engineering'],
      stage: 'partner',
      stageHistory: partnerSince('2022-01-10', '2022-09-01', '2023-03-01'),
    }),
    institution({
      id: DEMO_IDS.tohoku,
      name: { en: 'Tohoku University', zh: '东北大学（日本）', fr: 'Université du Tōhoku' },
      aliases: ['Tohoku', '東北大学', '日本东北大学'],
      country: 'JP',
      city: 'Sendai',
      kind: 'university',
      website: 'https://www.tohoku.ac.jp',
      contacts: [
        {
          name: 'Kenji Mori',
          role: 'International affairs',
          email: 'kenji.mori@tohoku.demo.example',
        },
      ],
      tags: ['faculty-exchange', 'materials'],
      stage: 'partner',
      stageHistory: partnerSince('2021-06-01', '2022-01-15', '2022-07-01'),
    }),
    institution({
      id: DEMO_IDS.michigan,
      name: { en: 'University of Michigan', zh: '密歇根大学', fr: 'Université du Michigan' },
      shortName: 'UMich',
      aliases: ['Michigan', 'U-M', '密大'],
      country: 'US',
      city: 'Ann Arbor',
      kind: 'university',
      website: 'https://umich.edu',
      contacts: [
        { name: 'Rachel Hughes', role: 'Study abroad', email: 'rachel.hughes@umich.demo.example' },
      ],
      tags: ['exchange'],
      stage: 'partner',
      stageHistory: partnerSince('2019-09-01', '2020-01-10', '2020-05-20'),
    }),
    institution({
      id: DEMO_IDS.kth,
      name: {
        en: 'KTH Royal Institute of Technology',
        zh: '瑞典皇家理工学院',
        fr: 'Institut royal de technologie KTH',
      },
      shortName: 'KTH',
      aliases: ['皇家理工'],
      country: 'SE',
      city: 'Stockholm',
      kind: 'university',
      website: 'https://www.kth.se',
      tags: ['energy'],
      stage: 'prospect',
    }),
    institution({
      id: DEMO_IDS.lisboa,
      name: { en: 'University of Lisbon', zh: '里斯本大学', fr: 'Université de Lisbonne' },
      shortName: 'ULisboa',
      aliases: ['Universidade de Lisboa', 'Lisboa'],
      country: 'PT',
      city: 'Lisbon',
      kind: 'university',
      website: 'https://www.ulisboa.pt',
      tags: ['lusophone'],
      stage: 'prospect',
    }),
    institution({
      id: DEMO_IDS.sheffield,
      name: { en: 'University of Sheffield', zh: '谢菲尔德大学', fr: 'Université de Sheffield' },
      aliases: ['Sheffield', '谢大'],
      country: 'GB',
      city: 'Sheffield',
      kind: 'university',
      website: 'https://www.sheffield.ac.uk',
      tags: ['exchange'],
      stage: 'dormant',
      stageHistory: [
        ...partnerSince('2016-02-01', '2016-09-01', '2017-05-20'),
        { stage: 'dormant', on: '2024-09-01', note: 'No exchange since the agreement expired.' },
      ],
    }),
  ];
}

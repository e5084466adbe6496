import type { InstitutionName } from './institutions';
import type { TitledItem } from './titles';

/**
 * Test and benchmark data: the partner institutions of the demo (seed 001: the December
 * 2025 visit to France, and a few partners elsewhere) and a handful of events.
 */
export const NOW = new Date('2025-11-20T10:00:00+08:00'); // a Thursday in Shanghai

export const INSTITUTIONS: readonly InstitutionName[] = [
  {
    id: 'ins_polytechnique',
    name: { en: 'École Polytechnique', zh: '巴黎综合理工学院', fr: 'École polytechnique' },
    shortName: 'X',
    aliases: ['Polytechnique', "l'X", 'IP Paris – X', '巴黎综合理工', '巴黎综合理工学院'],
  },
  {
    id: 'ins_ensta',
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
  },
  {
    id: 'ins_telecom',
    name: { en: 'Télécom Paris', zh: '巴黎电信学院', fr: 'Télécom Paris' },
    shortName: 'Télécom',
    aliases: ['Telecom Paris', 'Télécom ParisTech', '巴黎电信'],
  },
  {
    id: 'ins_mines',
    name: { en: 'Mines Paris – PSL', zh: '巴黎高等矿业学校', fr: 'Mines Paris – PSL' },
    shortName: 'Mines Paris',
    aliases: ['Mines ParisTech', 'Mines', '巴黎矿业', '巴黎高科矿业学校'],
  },
  {
    id: 'ins_polytech_ps',
    name: { en: 'Polytech Paris-Saclay', zh: '巴黎萨克雷理工学院', fr: 'Polytech Paris-Saclay' },
    shortName: 'Polytech PS',
    aliases: ['Polytech Paris Saclay', 'Polytech', '巴黎萨克雷理工'],
  },
  {
    id: 'ins_ponts',
    name: {
      en: 'École des Ponts et Chaussées',
      zh: '巴黎国立路桥学校',
      fr: 'École nationale des ponts et chaussées',
    },
    shortName: 'Ponts',
    aliases: ['École des Ponts', 'École des Ponts ParisTech', 'ENPC', '路桥学校', '巴黎路桥'],
  },
  {
    id: 'ins_llg',
    name: { en: 'Lycée Louis-le-Grand', zh: '路易大帝中学', fr: 'Lycée Louis-le-Grand' },
    shortName: 'Louis-le-Grand',
    aliases: ['LLG', 'Louis le Grand', '路易大帝高中'],
  },
  {
    id: 'ins_henri4',
    name: { en: 'Lycée Henri-IV', zh: '亨利四世中学', fr: 'Lycée Henri-IV' },
    shortName: 'Henri-IV',
    aliases: ['Henri IV', 'Lycée Henri IV', 'H4', '亨利四世高中'],
  },
  {
    id: 'ins_albert',
    name: { en: 'Albert School', zh: '阿尔伯特商学院', fr: 'Albert School' },
    aliases: ['Albert', '阿尔伯特学院'],
  },
  {
    id: 'ins_eivp',
    name: {
      en: 'EIVP (Paris School of Urban Engineering)',
      zh: '巴黎城市工程师学院',
      fr: 'EIVP – École des ingénieurs de la Ville de Paris',
    },
    shortName: 'EIVP',
    aliases: ['École des ingénieurs de la Ville de Paris', '巴黎市政工程师学院'],
  },
  {
    id: 'ins_supbiotech',
    name: { en: 'SupBioTech', zh: '法国高等生物技术学院', fr: 'Sup’Biotech' },
    shortName: 'SupBioTech',
    aliases: ["Sup'Biotech", 'Supbiotech', '高等生物技术学院'],
  },
  {
    id: 'ins_tum',
    name: {
      en: 'Technical University of Munich',
      zh: '慕尼黑工业大学',
      fr: 'Université technique de Munich',
    },
    shortName: 'TUM',
    aliases: ['TU München', 'TU Munich', '慕工大'],
  },
  {
    id: 'ins_polimi',
    name: { en: 'Politecnico di Milano', zh: '米兰理工大学', fr: 'École polytechnique de Milan' },
    shortName: 'PoliMi',
    aliases: ['Polimi', 'Politecnico', '米兰理工'],
  },
  {
    id: 'ins_tohoku',
    name: { en: 'Tohoku University', zh: '东北大学（日本）', fr: 'Université du Tōhoku' },
    aliases: ['Tohoku', '東北大学', '日本东北大学'],
  },
  {
    id: 'ins_umich',
    name: { en: 'University of Michigan', zh: '密歇根大学', fr: 'Université du Michigan' },
    shortName: 'UMich',
    aliases: ['Michigan', 'U-M', '密大'],
  },
  {
    id: 'ins_kth',
    name: {
      en: 'KTH Royal Institute of Technology',
      zh: '瑞典皇家理工学院',
      fr: 'Institut royal de technologie KTH',
    },
    shortName: 'KTH',
    aliases: ['皇家理工'],
  },
  {
    id: 'ins_lisboa',
    name: { en: 'University of Lisbon', zh: '里斯本大学', fr: 'Université de Lisbonne' },
    shortName: 'ULisboa',
    aliases: ['Universidade de Lisboa', 'Lisboa'],
  },
  {
    id: 'ins_sheffield',
    name: { en: 'University of Sheffield', zh: '谢菲尔德大学', fr: 'Université de Sheffield' },
    aliases: ['Sheffield', '谢大'],
  },
];

export const EVENTS: readonly TitledItem[] = [
  {
    id: 'evt_salon',
    title: {
      en: 'Sino-French Themed Salon: Tea and Wine',
      zh: '中法主题沙龙：茶与酒',
      fr: 'Salon thématique franco-chinois : thé et vin',
    },
  },
  {
    id: 'evt_football',
    title: { en: 'Friendly Football Match', zh: '中外友谊足球赛', fr: 'Match de football amical' },
  },
  {
    id: 'evt_welcome',
    title: {
      en: 'Welcome Orientation for International Students',
      zh: '国际学生迎新会',
      fr: "Journée d'accueil des étudiants internationaux",
    },
  },
  {
    id: 'evt_lecture',
    title: {
      en: 'Lecture: Materials Science at Polytech Paris-Saclay',
      zh: '讲座：巴黎萨克雷理工的材料科学',
      fr: 'Conférence : science des matériaux à Polytech Paris-Saclay',
    },
  },
  {
    id: 'evt_calligraphy',
    title: {
      en: 'Chinese Calligraphy Workshop',
      zh: '书法工作坊',
      fr: 'Atelier de calligraphie chinoise',
    },
  },
  { id: 'evt_review', title: { en: 'Year-End Review Meeting 2025', zh: '2025年度总结会' } },
];

import { describe, expect, it } from 'vitest';
import { ArticleInput } from '../knowledge';
import { demoArticles } from './knowledge';

const mostAskedTopics = [
  'arrival-registration',
  'residence-permit',
  'residence-permit-renewal',
  'health-insurance',
  'bank-account',
  'phone-and-sim-card',
  'housing',
  'health-care',
  'academic-rules',
  'emergencies',
  'contacts',
];

const notOfficialAdvice = {
  en: '_Demo content for a fictional campus — not official advice._',
  zh: '_本文为虚构校园的演示内容，不构成官方建议。_',
  fr: "_Contenu de démonstration pour un campus fictif — ce n'est pas un avis officiel._",
} as const;

// Words as a reader counts them: Latin words, and Chinese words as ICU segments them.
function wordCount(text: string, language: string): number {
  const segmenter = new Intl.Segmenter(language, { granularity: 'word' });
  return [...segmenter.segment(text)].filter((segment) => segment.isWordLike).length;
}

function find(topic: string, language: 'en' | 'zh' | 'fr') {
  return demoArticles.find((article) => article.topic === topic && article.language === language);
}

const label = (article: (typeof demoArticles)[number]) => `${article.topic} (${article.language})`;
const cases = demoArticles.map((article) => [label(article), article] as const);

describe('demo knowledge base', () => {
  it.each(cases)('%s parses as an ArticleInput', (_, article) => {
    const parsed = ArticleInput.safeParse(article);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it('has at least 24 English articles on distinct topics', () => {
    const english = demoArticles.filter((article) => article.language === 'en');
    expect(english.length).toBeGreaterThanOrEqual(24);
    expect(new Set(english.map((article) => article.topic)).size).toBe(english.length);
  });

  it.each(mostAskedTopics)(
    'answers the most asked topic %s in English, Chinese and French',
    (topic) => {
      expect(find(topic, 'en')).toBeDefined();
      expect(find(topic, 'zh')).toBeDefined();
      expect(find(topic, 'fr')).toBeDefined();
    },
  );

  it('has one article per topic and language, and every translation has an English original', () => {
    const keys = demoArticles.map((article) => `${article.topic}/${article.language}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const article of demoArticles) {
      expect(find(article.topic, 'en'), label(article)).toBeDefined();
    }
  });

  it.each(cases)('%s begins or ends with the not-official-advice note', (_, article) => {
    const lines = article.body
      .trim()
      .split('\n')
      .map((line) => line.trim());
    const note = notOfficialAdvice[article.language];
    expect([lines[0], lines.at(-1)]).toContain(note);
  });

  it.each(cases)('%s has between 120 and 350 words', (_, article) => {
    const words = wordCount(article.body, article.language);
    expect(words).toBeGreaterThanOrEqual(120);
    expect(words).toBeLessThanOrEqual(350);
  });

  it.each(cases)('%s is Markdown with a title heading and sections', (_, article) => {
    expect(article.body.trim()).toMatch(/^# \S/);
    expect(article.body).toMatch(/^## \S/m);
  });

  it.each(cases)('%s is written in its declared language', (_, article) => {
    const han = article.body.match(/\p{Script=Han}/gu)?.length ?? 0;
    const latin = article.body.match(/\p{Script=Latin}/gu)?.length ?? 0;
    if (article.language === 'zh') expect(han).toBeGreaterThan(latin);
    else expect(latin).toBeGreaterThan(han * 10);
    if (article.language === 'fr') expect(article.body).toMatch(/\b(les|des|votre|vous)\b/);
    if (article.language === 'en') expect(article.body).toMatch(/\b(the|your|you)\b/);
  });

  it('uses only fictional addresses on the demo domain', () => {
    for (const article of demoArticles) {
      for (const email of article.body.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)*/g) ?? []) {
        expect(email, label(article)).toMatch(/@passerelle-demo\.edu$/);
      }
    }
  });

  it('gives every article search tags and a review date in 2025 or 2026', () => {
    for (const article of demoArticles) {
      expect(article.tags?.length ?? 0, label(article)).toBeGreaterThanOrEqual(3);
      expect(article.lastReviewedOn, label(article)).toMatch(/^202[56]-/);
    }
  });

  it.each(['en', 'zh', 'fr'] as const)(
    'lists 110, 119 and 120 in the %s emergencies article',
    (language) => {
      const body = find('emergencies', language)?.body ?? '';
      for (const number of ['110', '119', '120']) expect(body).toContain(`**${number}**`);
    },
  );

  // BM25 finds an article only if it holds the words a student types.
  const vocabulary: [string, 'en' | 'zh' | 'fr', string[]][] = [
    ['arrival-registration', 'en', ['24 hours', 'police', 'accommodation registration']],
    ['residence-permit', 'en', ['residence permit', '30 days', 'X1']],
    ['residence-permit-renewal', 'en', ['renew', 'expire', '30 days before']],
    ['health-insurance', 'en', ['insurance', 'renew', 'claim']],
    ['bank-account', 'en', ['bank account', 'passport']],
    ['phone-and-sim-card', 'en', ['SIM card', 'Alipay', 'WeChat Pay']],
    ['housing', 'en', ['dorm', 'off campus']],
    ['health-care', 'en', ['clinic', 'hospital', 'English-speaking']],
    ['academic-rules', 'en', ['attendance', 'credit', 'exam', 'plagiarism']],
    ['emergencies', 'en', ['campus security', 'ambulance']],
    ['contacts', 'en', ['International Affairs Office', 'advisor', 'buddy', 'office hours']],
    ['visa-types', 'en', ['X1', 'X2', 'JW202']],
    ['arrival-registration', 'zh', ['住宿登记', '24小时', '派出所']],
    ['residence-permit', 'zh', ['居留许可', '30天']],
    ['residence-permit-renewal', 'zh', ['居留许可', '续签', '到期']],
    ['health-insurance', 'zh', ['保险', '续保', '理赔']],
    ['bank-account', 'zh', ['银行卡', '护照']],
    ['phone-and-sim-card', 'zh', ['手机卡', '支付宝', '微信支付']],
    ['housing', 'zh', ['宿舍', '租房']],
    ['health-care', 'zh', ['校医院', '挂号']],
    ['academic-rules', 'zh', ['考勤', '学分', '考试']],
    ['emergencies', 'zh', ['报警', '急救']],
    ['contacts', 'zh', ['国际事务办公室', '导师']],
    ['arrival-registration', 'fr', ['24 heures', 'police', 'déclaration de résidence']],
    ['residence-permit', 'fr', ['titre de séjour', '30 jours']],
    ['residence-permit-renewal', 'fr', ['titre de séjour', 'renouveler']],
    ['health-insurance', 'fr', ['assurance', 'renouvelez', 'remboursement']],
    ['bank-account', 'fr', ['compte bancaire', 'passeport']],
    ['phone-and-sim-card', 'fr', ['carte SIM', 'Alipay']],
    ['housing', 'fr', ['logement', 'résidence']],
    ['health-care', 'fr', ['médecin', 'hôpital']],
    ['academic-rules', 'fr', ['assiduité', 'crédits', 'examens']],
    ['emergencies', 'fr', ['pompiers', 'ambulance']],
    ['contacts', 'fr', ['Bureau des affaires internationales', 'tuteur']],
  ];
  it.each(vocabulary)('%s (%s) holds the words students search for', (topic, language, words) => {
    const article = find(topic, language);
    const text = `${article?.title ?? ''}\n${article?.body ?? ''}`.toLowerCase();
    for (const word of words) expect(text, word).toContain(word.toLowerCase());
  });
});

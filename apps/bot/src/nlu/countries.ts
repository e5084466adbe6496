import { type CountryCode, countryCodes, countryName, type Language } from '@passerelle/core';
import { createPhraseMatcher, type PhraseHit, type PhraseMatcher } from './phrases';
import { fold, normalize } from './text';

/**
 * Demonyms and other names of the nationalities most common among international students:
 * English adjective (plural made by rule), French masculine singular (feminine and plural
 * made by rule, or listed when irregular), and extra names in every language.
 */
interface Nationality {
  code: CountryCode;
  en: readonly string[];
  fr: readonly string[];
  other?: readonly string[];
}

const NATIONALITIES: readonly Nationality[] = [
  {
    code: 'FR',
    en: ['French', 'Frenchman', 'Frenchmen', 'Frenchwoman'],
    fr: ['français'],
    other: ['法籍', '法国人'],
  },
  { code: 'DE', en: ['German'], fr: ['allemand'], other: ['德籍'] },
  { code: 'IT', en: ['Italian'], fr: ['italien'], other: ['意籍', '义大利'] },
  { code: 'ES', en: ['Spanish', 'Spaniard'], fr: ['espagnol'] },
  { code: 'PT', en: ['Portuguese'], fr: ['portugais'] },
  {
    code: 'GB',
    en: ['British', 'Brit'],
    fr: ['britannique'],
    other: [
      'Britain',
      'Great Britain',
      'England',
      'Scotland',
      'Wales',
      'Angleterre',
      'Grande-Bretagne',
      'Écosse',
      '英籍',
      '英格兰',
    ],
  },
  {
    code: 'US',
    en: ['American'],
    fr: ['américain'],
    other: ['America', 'United States of America', "États-Unis d'Amérique", '美籍'],
  },
  { code: 'CA', en: ['Canadian'], fr: ['canadien'], other: ['加籍'] },
  { code: 'AU', en: ['Australian'], fr: ['australien'], other: ['澳籍', '澳洲'] },
  { code: 'NZ', en: ['New Zealander'], fr: ['néo-zélandais'] },
  { code: 'RU', en: ['Russian'], fr: ['russe'], other: ['俄籍', '俄国'] },
  {
    code: 'KR',
    en: ['Korean', 'South Korean'],
    fr: ['coréen', 'sud-coréen'],
    other: ['Korea', 'Corée', '韩籍', '南韩'],
  },
  { code: 'JP', en: ['Japanese'], fr: ['japonais'], other: ['日籍'] },
  { code: 'TH', en: ['Thai'], fr: ['thaïlandais'], other: ['泰籍'] },
  { code: 'VN', en: ['Vietnamese'], fr: ['vietnamien'], other: ['Vietnam', 'Viet Nam'] },
  { code: 'LA', en: ['Lao', 'Laotian'], fr: ['laotien'] },
  { code: 'KH', en: ['Cambodian'], fr: ['cambodgien'] },
  { code: 'MM', en: ['Burmese'], fr: ['birman'], other: ['Burma', 'Birmanie'] },
  { code: 'ID', en: ['Indonesian'], fr: ['indonésien'], other: ['印尼'] },
  { code: 'MY', en: ['Malaysian'], fr: ['malaisien'], other: ['大马'] },
  { code: 'SG', en: ['Singaporean'], fr: ['singapourien'] },
  { code: 'PH', en: ['Filipino', 'Philippine'], fr: ['philippin'] },
  { code: 'IN', en: ['Indian'], fr: ['indien'] },
  { code: 'PK', en: ['Pakistani'], fr: ['pakistanais'] },
  { code: 'BD', en: ['Bangladeshi'], fr: ['bangladais'] },
  { code: 'NP', en: ['Nepali', 'Nepalese'], fr: ['népalais'] },
  { code: 'LK', en: ['Sri Lankan'], fr: ['sri-lankais'] },
  { code: 'AF', en: ['Afghan'], fr: ['afghan'] },
  { code: 'IR', en: ['Iranian'], fr: ['iranien'] },
  {
    code: 'TR',
    en: ['Turkish', 'Turk'],
    fr: [],
    other: ['Turkey', 'turc', 'turque', 'turcs', 'turques'],
  },
  { code: 'KZ', en: ['Kazakh', 'Kazakhstani'], fr: ['kazakh'], other: ['哈萨克'] },
  { code: 'UZ', en: ['Uzbek'], fr: ['ouzbek'] },
  { code: 'KG', en: ['Kyrgyz'], fr: ['kirghiz'] },
  { code: 'TJ', en: ['Tajik'], fr: ['tadjik'] },
  { code: 'MN', en: ['Mongolian'], fr: ['mongol'] },
  { code: 'CN', en: ['Chinese'], fr: ['chinois'], other: ['中籍'] },
  { code: 'TW', en: ['Taiwanese'], fr: ['taïwanais'] },
  { code: 'HK', en: ['Hongkonger'], fr: ['hongkongais'], other: ['Hong Kong', 'Hongkong', '香港'] },
  { code: 'MO', en: ['Macanese'], fr: ['macanais'], other: ['Macao', 'Macau', '澳门'] },
  { code: 'NG', en: ['Nigerian'], fr: ['nigérian'] },
  { code: 'GH', en: ['Ghanaian'], fr: ['ghanéen'] },
  { code: 'KE', en: ['Kenyan'], fr: ['kényan'] },
  { code: 'ET', en: ['Ethiopian'], fr: ['éthiopien'] },
  { code: 'TZ', en: ['Tanzanian'], fr: ['tanzanien'] },
  { code: 'ZM', en: ['Zambian'], fr: ['zambien'] },
  { code: 'ZW', en: ['Zimbabwean'], fr: ['zimbabwéen'] },
  { code: 'CM', en: ['Cameroonian'], fr: ['camerounais'] },
  { code: 'SN', en: ['Senegalese'], fr: ['sénégalais'] },
  { code: 'CI', en: ['Ivorian'], fr: ['ivoirien'], other: ['Ivory Coast', "Cote d'Ivoire"] },
  { code: 'MA', en: ['Moroccan'], fr: ['marocain'] },
  { code: 'DZ', en: ['Algerian'], fr: ['algérien'] },
  { code: 'TN', en: ['Tunisian'], fr: ['tunisien'] },
  { code: 'EG', en: ['Egyptian'], fr: ['égyptien'] },
  { code: 'SD', en: ['Sudanese'], fr: ['soudanais'] },
  { code: 'YE', en: ['Yemeni'], fr: ['yéménite'] },
  { code: 'SA', en: ['Saudi'], fr: ['saoudien'], other: ['沙特'] },
  { code: 'AE', en: ['Emirati'], fr: ['émirien'], other: ['阿联酋', 'Emirates'] },
  { code: 'BR', en: ['Brazilian'], fr: ['brésilien'] },
  { code: 'MX', en: ['Mexican'], fr: ['mexicain'] },
  { code: 'AR', en: ['Argentinian', 'Argentinean'], fr: ['argentin'] },
  { code: 'CL', en: ['Chilean'], fr: ['chilien'] },
  { code: 'CO', en: ['Colombian'], fr: ['colombien'] },
  { code: 'PE', en: ['Peruvian'], fr: ['péruvien'] },
  { code: 'NL', en: ['Dutch'], fr: ['néerlandais'], other: ['Holland', 'Hollande'] },
  { code: 'BE', en: ['Belgian'], fr: ['belge'] },
  { code: 'CH', en: ['Swiss'], fr: ['suisse'] },
  { code: 'AT', en: ['Austrian'], fr: ['autrichien'] },
  { code: 'SE', en: ['Swedish', 'Swede'], fr: ['suédois'] },
  { code: 'NO', en: ['Norwegian'], fr: ['norvégien'] },
  { code: 'DK', en: ['Danish', 'Dane'], fr: ['danois'] },
  { code: 'FI', en: ['Finnish', 'Finn'], fr: ['finlandais'] },
  { code: 'IE', en: ['Irish'], fr: ['irlandais'] },
  { code: 'PL', en: ['Polish'], fr: ['polonais'] },
  { code: 'CZ', en: ['Czech'], fr: ['tchèque'], other: ['Czech Republic', 'République tchèque'] },
  { code: 'HU', en: ['Hungarian'], fr: ['hongrois'] },
  { code: 'RO', en: ['Romanian'], fr: ['roumain'] },
  { code: 'GR', en: ['Greek'], fr: [], other: ['grec', 'grecque', 'grecs', 'grecques'] },
  { code: 'UA', en: ['Ukrainian'], fr: ['ukrainien'] },
  { code: 'IL', en: ['Israeli'], fr: ['israélien'] },
  { code: 'LB', en: ['Lebanese'], fr: ['libanais'] },
  { code: 'JO', en: ['Jordanian'], fr: ['jordanien'] },
  { code: 'RW', en: ['Rwandan'], fr: ['rwandais'] },
  { code: 'BJ', en: ['Beninese'], fr: ['béninois'] },
  { code: 'MG', en: ['Malagasy'], fr: ['malgache'] },
];

/**
 * Display names that are everyday words and would be misread: "réunion" is a meeting in
 * French, "Maurice" a first name. Longer forms ("île de la Réunion") are still recognised.
 */
const EXCLUDED_NAMES: ReadonlySet<string> = new Set(['reunion', 'la reunion', 'maurice']);
const EXTRA_NAMES: ReadonlyArray<readonly [string, CountryCode]> = [
  ['île de la Réunion', 'RE'],
  ['Reunion Island', 'RE'],
  ['île Maurice', 'MU'],
  ['Czechia', 'CZ'],
  ['Türkiye', 'TR'],
  ['Turquie', 'TR'],
  ['Palestine', 'PS'],
  ['巴勒斯坦', 'PS'],
  ['Vatican', 'VA'],
  ['梵蒂冈城', 'VA'],
  ['Congo-Kinshasa', 'CD'],
  ['Congo-Brazzaville', 'CG'],
  ['Democratic Republic of the Congo', 'CD'],
  ['刚果民主共和国', 'CD'],
  ['Russian Federation', 'RU'],
];

/** Upper-case abbreviations, recognised only as written ("us" is a pronoun). */
const UPPER_CODES: ReadonlyMap<string, CountryCode> = new Map([
  ['US', 'US'],
  ['USA', 'US'],
  ['U.S.', 'US'],
  ['U.S.A.', 'US'],
  ['UK', 'GB'],
  ['U.K.', 'GB'],
  ['UAE', 'AE'],
  ['PRC', 'CN'],
  ['ROK', 'KR'],
  ['DRC', 'CD'],
]);
const UPPER_RE =
  /(?<![\p{L}\p{N}.])(U\.S\.A\.|U\.S\.|U\.K\.|USA|US|UK|UAE|PRC|ROK|DRC)(?![\p{L}\p{N}])/gu;

function englishPlural(word: string): string[] {
  if (/(?:ese|ish|ch|ss|sh|men)$/i.test(word) || word.includes(' ')) return [word];
  return [word, `${word}s`];
}

function frenchForms(word: string): string[] {
  const folded = fold(word);
  if (folded.endsWith('e')) return [word, `${word}s`];
  if (folded.endsWith('s') || folded.endsWith('x')) return [word, `${word}e`, `${word}es`];
  if (folded.endsWith('en')) return [word, `${word}ne`, `${word}s`, `${word}nes`];
  return [word, `${word}e`, `${word}s`, `${word}es`];
}

/** Variants of a display name people also write: without the bracket, "&" spelt out, "St." as "Saint". */
function nameVariants(name: string): string[] {
  const out = new Set<string>([name]);
  const withoutBracket = name.replace(/\s*[(（][^)）]*[)）]\s*/gu, ' ').trim();
  out.add(withoutBracket);
  for (const inner of name.matchAll(/[(（]([^)）]+)[)）]/gu)) {
    if (!/^\p{Script=Han}$/u.test(inner[1] ?? '')) out.add(inner[1] ?? '');
  }
  for (const value of [...out]) {
    out.add(
      value
        .replace(/\bSt\.? /g, 'Saint ')
        .replace(' SAR China', '')
        .replace(' - ', '-'),
    );
  }
  for (const value of [...out]) {
    if (value.includes('&')) {
      out.add(value.replace(/&/g, 'and'));
      out.add(value.replace(/&/g, 'et'));
    }
  }
  return [...out].filter((value) => value.length > 1);
}

const LANGUAGES: readonly Language[] = ['en', 'fr', 'zh'];

function buildEntries(): Array<readonly [string, CountryCode]> {
  const entries: Array<readonly [string, CountryCode]> = [];
  for (const code of countryCodes) {
    for (const language of LANGUAGES) {
      for (const name of nameVariants(countryName(code, language))) {
        if (!EXCLUDED_NAMES.has(fold(name))) entries.push([name, code]);
      }
    }
  }
  for (const nationality of NATIONALITIES) {
    for (const word of nationality.en) {
      for (const form of englishPlural(word)) entries.push([form, nationality.code]);
    }
    for (const word of nationality.fr) {
      for (const form of frenchForms(word)) entries.push([form, nationality.code]);
    }
    for (const word of nationality.other ?? []) entries.push([word, nationality.code]);
  }
  entries.push(...EXTRA_NAMES);
  return entries;
}

let matcher: PhraseMatcher<CountryCode> | undefined;

/** The country lexicon, built on first use and shared. */
function countryMatcher(): PhraseMatcher<CountryCode> {
  matcher ??= createPhraseMatcher(buildEntries());
  return matcher;
}

/**
 * Every country a text names, in the order of first mention: names in English, French and
 * Chinese (from Intl.DisplayNames), demonyms and their plurals ("French", "françaises",
 * "法籍"), and upper-case abbreviations ("US", "UK"). Whole words only: "fr" in "from" and a
 * lone "X" name no country.
 */
export function extractCountries(text: string): CountryCode[] {
  return countryHits(normalize(text), fold(text)).reduce<CountryCode[]>((out, hit) => {
    if (!out.includes(hit.value)) out.push(hit.value);
    return out;
  }, []);
}

/** The country mentions of a text given both its normal and folded forms. */
export function countryHits(normal: string, folded: string): PhraseHit<CountryCode>[] {
  const hits = countryMatcher().findFolded(folded);
  for (const m of normal.matchAll(UPPER_RE)) {
    const code = UPPER_CODES.get(m[1] ?? '');
    if (code !== undefined) hits.push({ value: code, matched: m[0], start: m.index });
  }
  return hits.sort((a, b) => a.start - b.start);
}

/**
 * The text analysis of the knowledge base, used alike on articles and on questions so that the
 * two meet on the same terms:
 *
 * - Latin text (English, French): NFKC, lower case, accents folded (`séjour` → `sejour`),
 *   French elisions and English contractions cut (`l'arrivée` → `arrivee`, `student's` →
 *   `student`), stop words of both languages dropped, then a light stemmer (plurals, `-ing`,
 *   `-ed`, `-ment`, `-ation`, `-ant(e)`, `-er`/`-ez`/`-é(e)` of French verbs, a final `-e`):
 *   `déclarer`, `déclaration` → `declar`; `arrivant`, `arrivée` → `arriv`; `renewing`, `renewed`,
 *   `renewal` → `renew`; `renouveler`, `renouvelez`, `renouvellement` → `renouvel`.
 * - Chinese: each run of Han characters is segmented into words by jieba (with a few words of
 *   the office's own added to its dictionary, so 居留许可 and 续签 stay whole), and every run of
 *   non-stop words also gives its character bigrams, so a question matches part of a longer word
 *   (许可 finds 居留许可) and segmentation differences do not lose a match. Bigram terms carry a
 *   prefix of their own, so they never collide with word terms.
 *
 * The stop words of both Latin languages apply to any text, since a question's language is not
 * always known; the lists leave out words that are content words in the other language.
 */
import { createRequire } from 'node:module';

/** Terms that are Han character bigrams start with this (never a letter, so no clash). */
export const BIGRAM_PREFIX = '~';

/** Splits Han characters into words: jieba when it loads, `Intl.Segmenter` otherwise. */
export interface ChineseSegmenter {
  readonly name: 'jieba' | 'intl';
  cut(text: string): string[];
}

/** Words of the office's domain that jieba's dictionary splits; a high frequency keeps them whole. */
const domainWords = [
  '居留许可',
  '居留证',
  '续签',
  '住宿登记',
  '临时住宿登记表',
  '在学证明',
  '出入境管理局',
  '医疗保险',
  '银行卡',
  '银行账户',
  '手机卡',
  '校医院',
  '校园卡',
  '一卡通',
  '留学生',
  '国际学生',
  '国际事务办公室',
  '学术诚信',
  '保卫处',
];

let segmenter: ChineseSegmenter | undefined;

/** The Chinese segmenter of this process, loaded on first use (jieba's dictionary takes ~0.3 s). */
export function chineseSegmenter(): ChineseSegmenter {
  segmenter ??= loadJieba() ?? intlSegmenter();
  return segmenter;
}

interface JiebaModule {
  Jieba: {
    withDict(dict: Uint8Array): {
      loadDict(dict: Uint8Array): void;
      cut(text: string, hmm?: boolean): string[];
    };
  };
}

function loadJieba(): ChineseSegmenter | undefined {
  try {
    // A native module (prebuilt binaries in the npm package); required lazily so a machine
    // without a matching binary still starts, with Intl.Segmenter instead.
    const require = createRequire(import.meta.url);
    const { Jieba } = require('@node-rs/jieba') as JiebaModule;
    const { dict } = require('@node-rs/jieba/dict.js') as { dict: Uint8Array };
    const jieba = Jieba.withDict(dict);
    jieba.loadDict(Buffer.from(domainWords.map((word) => `${word} 100000 n`).join('\n')));
    // Without the HMM, unknown words fall apart into single characters, which the bigrams cover.
    return { name: 'jieba', cut: (text) => jieba.cut(text, false) };
  } catch {
    return undefined;
  }
}

/** ICU's dictionary-based word breaker: the fallback when jieba cannot load. */
export function intlSegmenter(): ChineseSegmenter {
  const icu = new Intl.Segmenter('zh', { granularity: 'word' });
  return {
    name: 'intl',
    cut: (text) => [...icu.segment(text)].map((segment) => segment.segment),
  };
}

/** Uses another segmenter (tests of the fallback); `undefined` goes back to the default. */
export function useChineseSegmenter(next: ChineseSegmenter | undefined): void {
  segmenter = next;
}

const englishStopWords = `a an the and or but if of to in on at by for with from as into onto about over under
  is are was were be been being am do does did doing done have has had having
  i me my mine myself you your yours we our ours us he him his she her it its they them their theirs
  this that these those there here what which who whom whose when where why how
  can could should would will shall might must not no nor so than then too very just also
  any some all each every both more most other such only same again
  please tell know need want get got let hello hi thanks thank help someone anyone something anything`;

// Content words of English ("car", "plus", "sent", "son") are left out on purpose.
const frenchStopWords = `le la les un une des du de et ou mais donc ni
  je tu il elle on nous vous ils elles me te se moi toi lui leur leurs
  mon ma mes ton ta tes sa ses notre nos votre vos
  ce cet cette ces cela ca ceci qui que quoi dont comment quand pourquoi combien quel quelle quels quelles
  est sont suis es etes sommes etre ai avons avez ont avoir fait faire fais dois doit devons devez
  peux peut puis pouvons pouvez veux veut voudrais aimerais faut plutot
  dans en au aux sur sous par pour avec sans chez vers entre y ne pas tres aussi si
  merci bonjour svp besoin aide obtenir trouver`;

const chineseStopWords = `的 了 吗 呢 吧 啊 呀 嘛 我 我的 我们 你 你的 您 他 她 它 是 在 和 与 及 或 或者 要 想 想要
  需要 可以 能 能够 会 应该 怎么 怎么办 怎样 怎么样 如何 什么 哪里 哪儿 哪 请问 请 一下 这 那 这个 那个
  有 都 也 就 还 去 给 把 被 让 吗 啊 办 办理 一个 时候 什么时候 该 以后 之后`;

const words = (list: string) => list.split(/\s+/).filter((word) => word !== '');

/** Stop words after accent folding; single letters are dropped anyway. */
export const latinStopWords: ReadonlySet<string> = new Set([
  ...words(englishStopWords),
  ...words(frenchStopWords),
]);
export const hanStopWords: ReadonlySet<string> = new Set(words(chineseStopWords));

/** French elided forms: `l'`, `d'`, `qu'`, `jusqu'`, … */
const elisions = new Set([
  'l',
  'd',
  'j',
  'qu',
  'n',
  's',
  'c',
  'm',
  't',
  'jusqu',
  'lorsqu',
  'puisqu',
]);

const ligatures: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l', đ: 'd' };

// Compiled once: a literal inside a function may be compiled on each call when the build
// lowers Unicode property escapes to `new RegExp`.
const combiningMarks = /\p{M}/gu;
const ligature = /[œæßøłđ]/g;
const apostrophes = /['’]/;
const fromApostrophe = /['’].*$/;
const digit = /\d/;
const plainWord = /^[a-z]+$/;
const keptFinalS = /(?:ss|us|is)$/;
const doubleConsonant = /([b-df-hj-np-tv-z])\1$/;
const surrogate = /[\ud800-\udfff]/;

/** Lower case, accents (NFKD marks) and ligatures folded. */
export function foldLatin(text: string): string {
  return text
    .normalize('NFKD')
    .replace(combiningMarks, '')
    .toLowerCase()
    .replace(ligature, (letter) => ligatures[letter] ?? letter);
}

// Runs of letters and digits (apostrophes inside a word kept, for elisions); a run holding Han
// characters is split again into its Han and other parts.
const runPattern = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
const hanTest = /\p{Script=Han}/u;
const hanSplit = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}'’])+/gu;
const hanPattern = /^\p{Script=Han}/u;

/** Suffixes stripped by `stem`, longest first, each with the shortest stem it may leave. */
const suffixes: readonly (readonly [string, number])[] = [
  ['ement', 3],
  ['ation', 4],
  ['ment', 3],
  ['ing', 3],
  ['ante', 4],
  ['ant', 4],
  ['ees', 3],
  ['ee', 3],
  ['ed', 3],
  ['ez', 3],
  ['er', 3],
  ['al', 4],
  ['e', 3],
];
const vowel = /[aeiouy]/;

/**
 * A light stemmer for folded English and French words: one plural rule, then at most one
 * suffix, then a final double consonant made single. Words of three letters or fewer and
 * words with digits are left as they are.
 */
export function stem(word: string): string {
  if (word.length <= 3 || !plainWord.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('eaux')) w = w.slice(0, -1);
  else if (w.endsWith('aux') && w.length > 5) w = `${w.slice(0, -3)}al`;
  else if (w.endsWith('s') && !keptFinalS.test(w)) w = w.slice(0, -1);
  for (const [suffix, shortest] of suffixes) {
    if (!w.endsWith(suffix)) continue;
    const rest = w.slice(0, -suffix.length);
    if (rest.length >= shortest && vowel.test(rest)) {
      w = rest;
      break;
    }
  }
  if (doubleConsonant.test(w)) w = w.slice(0, -1);
  return w;
}

// Articles and questions repeat the same few thousand words: each is analysed once.
const latinTerms = new Map<string, string | null>();
const LATIN_CACHE_SIZE = 200_000;

/** One Latin token, folded, elision cut, stemmed; undefined for stop words and single letters. */
function latinTerm(token: string): string | undefined {
  let term = latinTerms.get(token);
  if (term === undefined) {
    term = analyzeLatin(token) ?? null;
    if (latinTerms.size >= LATIN_CACHE_SIZE) latinTerms.clear();
    latinTerms.set(token, term);
  }
  return term ?? undefined;
}

function analyzeLatin(token: string): string | undefined {
  let word = foldLatin(token);
  const apostrophe = word.search(apostrophes);
  if (apostrophe >= 0) {
    const head = word.slice(0, apostrophe);
    // French elision: keep what follows (l'arrivee); English contraction: keep the head (student's).
    word = elisions.has(head) ? word.slice(apostrophe + 1).replace(fromApostrophe, '') : head;
  }
  if (word.length < 2 && !digit.test(word)) return undefined;
  if (latinStopWords.has(word)) return undefined;
  return stem(word);
}

/** The bigram terms of a run of Han characters (none for a single character). */
export function hanBigrams(run: string): string[] {
  const bigrams: string[] = [];
  // Han characters outside the BMP take two code units: walk by code point then.
  const chars = surrogate.test(run) ? Array.from(run) : run;
  for (let index = 0; index + 1 < chars.length; index++) {
    bigrams.push(`${BIGRAM_PREFIX}${chars[index]}${chars[index + 1]}`);
  }
  return bigrams;
}

/** What a text becomes: word terms, and the Han bigram terms beside them. */
export interface Analysis {
  /** Stemmed Latin words, numbers and Chinese words, in text order (repeats kept). */
  words: string[];
  /** Han character bigrams, prefixed with `BIGRAM_PREFIX` (repeats kept). */
  bigrams: string[];
}

/** Analyses a text (an article field or a question) into terms. */
export function analyze(text: string): Analysis {
  const analysis: Analysis = { words: [], bigrams: [] };
  const hanRuns: string[] = [];
  for (const run of text.normalize('NFKC').match(runPattern) ?? []) {
    if (!hanTest.test(run)) {
      pushLatin(run, analysis);
      continue;
    }
    for (const segment of run.match(hanSplit) ?? []) {
      if (hanPattern.test(segment)) hanRuns.push(segment);
      else pushLatin(segment, analysis);
    }
  }
  if (hanRuns.length > 0) analyzeHan(hanRuns, analysis);
  return analysis;
}

function pushLatin(token: string, analysis: Analysis): void {
  const term = latinTerm(token);
  if (term !== undefined) analysis.words.push(term);
}

/** Segments all Han runs in one call (a line break between runs keeps them apart). */
function analyzeHan(runs: readonly string[], analysis: Analysis): void {
  let kept = '';
  const flush = () => {
    if (kept.length > 1) analysis.bigrams.push(...hanBigrams(kept));
    kept = '';
  };
  for (const word of chineseSegmenter().cut(runs.join('\n'))) {
    if (!hanPattern.test(word) || hanStopWords.has(word)) {
      flush();
      continue;
    }
    analysis.words.push(word);
    kept += word;
  }
  flush();
}

/** Every term of a text: words, then bigrams. */
export function tokenize(text: string): string[] {
  const { words, bigrams } = analyze(text);
  return [...words, ...bigrams];
}

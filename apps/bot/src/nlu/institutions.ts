import { ENGLISH_WORDS, FRENCH_WORDS } from './language';
import { editDistance, fold, normalize, tokenize, typoBudget } from './text';

/** What the matcher needs of an institution; core's `Institution` fits. */
export interface InstitutionName {
  id: string;
  name: { en?: string | undefined; zh?: string | undefined; fr?: string | undefined };
  shortName?: string | undefined;
  aliases?: readonly string[] | undefined;
}

export interface InstitutionMatch {
  id: string;
  /** 1 for an exact name, short name or alias; lower for partial or misspelt names. */
  score: number;
  /** The words of the message that named it. */
  matched: string;
}

export interface InstitutionMatcher {
  /** Institutions a message names, best first, one entry per institution. */
  match(text: string): InstitutionMatch[];
}

/** Words that carry no identity in a name: articles and prepositions. */
const STOP_WORDS = new Set(
  'a au aux d de des di da do du el et en for i in l la las le les los of the and at y und von der zu'.split(
    ' ',
  ),
);
/** Words many institution names share: they help a longer match but never make one alone. */
const GENERIC_WORDS = new Set(
  `ecole ecoles school schools university universite universidade universita universitat
  universidad institute institut instituto college lycee high national nationale nationales
  superieure superieur superieures higher technical technique techniques technology
  technologies technologie tecnologia advanced avancees avances royal royale sciences science
  engineering ingenieur ingenieurs engineers ville city new saint sainte state international
  internationale polytechnic academy academie centre center graduate studies etudes business
  management arts art design normale federal federale free open central technische hochschule`.split(
    /\s+/,
  ),
);
/** Everyday words never read as a misspelt institution name ("points" is not "Ponts"). */
const DOMAIN_WORDS = `points point parts party mine miner miners minds lines times tiles poles
  police polite policy politics political print prints states station stations telecoms
  student students agreement agreements events register registered expire expires visa visas
  permit permits passport insurance delegation itinerary members outcomes summary review
  partner partners relationship history programme program exchange exchanges degree dual
  double intern interns internship summer french france china chinese english please about
  which where there their these those should would could other month months weeks today
  tomorrow under after before between within years again salon cultural sports seminar
  lecture workshop hello thanks advisor buddy tutor phone housing health hospital doctor
  canteen library account renew apply application status stage alerts attention answer
  question questions follow follows itineraries albums alberta albers monies moines mimes
  ponds pontes`.split(/\s+/);
const COMMON_WORDS: ReadonlySet<string> = new Set([
  ...ENGLISH_WORDS,
  ...FRENCH_WORDS,
  ...DOMAIN_WORDS,
]);

/** Words that put a sentence about partners, so a lone capital "X" there is École polytechnique. */
const PARTNER_CONTEXT_RE = new RegExp(
  [
    '(?<![a-z])(?:agreements?|accords?|conventions?|partners?|partnerships?|partenaires?|partenariats?',
    'delegations?|relationship|relations?|stage|stade|etape|history|historique|exchanges?|echanges?',
    'dual degree|double degree|double diplome|cooperation|mou|institution|students from|etudiants de',
    'venant de|alumni|visit|visite|contacts?|signed|signe)(?![a-z])',
    '协议|合作|伙伴|交换|代表团|关系|进展|阶段|来自|校友|签署',
  ].join('|'),
  'u',
);
const ONE_LETTER_RE =
  /(?<![\p{Script=Latin}\p{N}\-.])(l')?(\p{Lu})(?![\p{Script=Latin}\p{N}]|-[\p{L}\p{N}]|\.\p{L})/gu;
const HAN_SUFFIXES = ['大学', '学院', '学校', '中学', '高中', '商学院'];
const HAN_PREFIXES = ['法国', '瑞典', '日本', '美国', '英国', '德国', '意大利', '葡萄牙', '西班牙'];

interface Entry {
  id: string;
  tokens: string[];
  weights: number[];
  total: number;
}

interface HanEntry {
  id: string;
  phrase: string;
  score: number;
}

interface Run {
  id: string;
  from: number;
  to: number;
  score: number;
}

const FUZZY_CACHE_LIMIT = 5000;

function words(text: string): string[] {
  return tokenize(fold(text)).flatMap((token) => token.text.split('-').filter((w) => w !== ''));
}

/**
 * A matcher over a list of institutions, indexed once: exact names, short names and aliases
 * (whole words, accent- and case-insensitive), partial names that keep a distinctive word
 * ("Ponts et Chaussées", "polytechnique"), misspellings (one edit from 5 letters, two from 9),
 * Chinese names as substrings, and one-letter acronyms ("X") only as a capital standing alone
 * in a sentence about partners.
 */
export function createInstitutionMatcher(
  institutions: readonly InstitutionName[],
): InstitutionMatcher {
  const entries: Entry[] = [];
  const hanByFirst = new Map<string, HanEntry[]>();
  const oneLetter = new Map<string, string[]>();
  const raw: Array<{ id: string; tokens: string[] }> = [];

  const addHan = (id: string, phrase: string, score: number) => {
    const folded = fold(phrase);
    if (folded.length < 2) return;
    const first = folded.charAt(0);
    const list = hanByFirst.get(first) ?? [];
    const existing = list.find((entry) => entry.phrase === folded && entry.id === id);
    if (existing === undefined) list.push({ id, phrase: folded, score });
    else existing.score = Math.max(existing.score, score);
    hanByFirst.set(first, list);
  };

  for (const institution of institutions) {
    const names = [
      institution.name.en,
      institution.name.fr,
      institution.name.zh,
      institution.shortName,
      ...(institution.aliases ?? []),
    ].filter((name): name is string => name !== undefined && name.trim() !== '');
    for (const name of names) {
      const normal = normalize(name);
      if (/\p{Script=Han}/u.test(normal)) {
        addHan(institution.id, normal, 1);
        for (const core of hanCores(normal)) addHan(institution.id, core, 0.9);
        continue;
      }
      const elided = /^l'(\p{Lu})$/u.exec(normal);
      const letter = elided?.[1] ?? (/^\p{Lu}$/u.test(normal) ? normal : undefined);
      if (letter !== undefined) {
        oneLetter.set(letter, [...(oneLetter.get(letter) ?? []), institution.id]);
        continue;
      }
      const tokens = words(normal);
      if (tokens.length > 0) raw.push({ id: institution.id, tokens });
    }
  }
  for (const list of hanByFirst.values()) list.sort((a, b) => b.phrase.length - a.phrase.length);

  // Document frequency over institutions: a word in three or more names is generic.
  const frequency = new Map<string, Set<string>>();
  for (const { id, tokens } of raw) {
    for (const token of tokens) frequency.set(token, (frequency.get(token) ?? new Set()).add(id));
  }
  const weightOf = (token: string): number => {
    if (STOP_WORDS.has(token)) return 0.1;
    if (GENERIC_WORDS.has(token) || (frequency.get(token)?.size ?? 0) >= 3) return 0.2;
    return 1;
  };

  const postings = new Map<string, Array<{ entry: number; position: number }>>();
  const distinctiveByLength = new Map<number, string[]>();
  const seen = new Set<string>();
  for (const { id, tokens } of raw) {
    const key = `${id}\u0000${tokens.join(' ')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const weights = tokens.map(weightOf);
    const index = entries.length;
    entries.push({ id, tokens, weights, total: weights.reduce((sum, w) => sum + w, 0) });
    tokens.forEach((token, position) => {
      const list = postings.get(token) ?? [];
      list.push({ entry: index, position });
      postings.set(token, list);
      if (weightOf(token) === 1 && token.length >= 4) {
        const bucket = distinctiveByLength.get(token.length) ?? [];
        if (!bucket.includes(token)) bucket.push(token);
        distinctiveByLength.set(token.length, bucket);
      }
    });
  }

  const fuzzyCache = new Map<string, Array<readonly [string, number]>>();
  /** Vocabulary words a message word may stand for, with the number of edits. */
  const resolve = (word: string): Map<string, number> => {
    const out = new Map<string, number>();
    if (postings.has(word)) out.set(word, 0);
    const budget = typoBudget(word);
    if (budget === 0 || out.size > 0 || word.length < 6 || COMMON_WORDS.has(word)) return out;
    let cached = fuzzyCache.get(word);
    if (cached === undefined) {
      cached = [];
      for (let length = word.length - budget; length <= word.length + budget; length++) {
        for (const candidate of distinctiveByLength.get(length) ?? []) {
          const distance = editDistance(word, candidate, budget);
          if (distance <= Math.min(budget, typoBudget(candidate)))
            cached.push([candidate, distance]);
        }
      }
      if (fuzzyCache.size >= FUZZY_CACHE_LIMIT) fuzzyCache.clear();
      fuzzyCache.set(word, cached);
    }
    for (const [candidate, distance] of cached) out.set(candidate, distance);
    return out;
  };

  const latinRuns = (tokens: string[]): Run[] => {
    const resolved = tokens.map(resolve);
    const runs: Run[] = [];
    for (let i = 0; i < tokens.length; i++) {
      for (const [vocab] of resolved[i] ?? []) {
        for (const { entry: index, position } of postings.get(vocab) ?? []) {
          const entry = entries[index];
          if (entry === undefined) continue;
          const previous = entry.tokens[position - 1];
          if (previous !== undefined && resolved[i - 1]?.has(previous)) continue;
          let length = 0;
          let weight = 0;
          let edits = 0;
          let longestDistinctive = 0;
          while (position + length < entry.tokens.length && i + length < tokens.length) {
            const expected = entry.tokens[position + length] ?? '';
            const distance = resolved[i + length]?.get(expected);
            if (distance === undefined) break;
            const w = entry.weights[position + length] ?? 0;
            weight += w;
            edits += distance;
            if (w === 1) longestDistinctive = Math.max(longestDistinctive, expected.length);
            length += 1;
          }
          const full = position === 0 && length === entry.tokens.length;
          let score: number;
          if (full) {
            score = 1 - 0.08 * edits;
          } else {
            // A partial name needs a distinctive word: of four letters or more when alone.
            if (longestDistinctive === 0 || (length === 1 && longestDistinctive < 4)) continue;
            if (length === 1 && edits > 0) continue;
            score = 0.9 * (weight / entry.total) - 0.05 * edits;
          }
          // One word alone must carry at least half of a name ("Munich", not "Louis").
          if (score >= (length === 1 && !full ? 0.5 : 0.4)) {
            runs.push({ id: entry.id, from: i, to: i + length - 1, score });
          }
        }
      }
    }
    return runs;
  };

  const hanRuns = (folded: string): Run[] => {
    const runs: Run[] = [];
    if (hanByFirst.size === 0) return runs;
    for (let i = 0; i < folded.length; i++) {
      const candidates = hanByFirst.get(folded.charAt(i));
      if (candidates === undefined) continue;
      let longest = 0;
      for (const candidate of candidates) {
        if (candidate.phrase.length < longest) break;
        if (folded.startsWith(candidate.phrase, i)) {
          longest = candidate.phrase.length;
          runs.push({ id: candidate.id, from: i, to: i + longest - 1, score: candidate.score });
        }
      }
      if (longest > 0) i += longest - 1;
    }
    return runs;
  };

  return {
    match(text: string): InstitutionMatch[] {
      const normal = normalize(text);
      const folded = fold(normal);
      const sameLength = folded.length === normal.length;
      const tokens = tokenize(folded).flatMap((token) => {
        const parts = token.text.split('-');
        let offset = token.start;
        return parts.map((part) => {
          const piece = { text: part, start: offset, end: offset + part.length };
          offset += part.length + 1;
          return piece;
        });
      });
      const best = new Map<string, InstitutionMatch>();
      const offer = (id: string, score: number, matched: string) => {
        const current = best.get(id);
        if (current === undefined || score > current.score) {
          best.set(id, { id, score: Math.round(score * 1000) / 1000, matched });
        }
      };

      const source = sameLength ? normal : folded;
      const spanText = (from: number, to: number) =>
        source.slice(tokens[from]?.start ?? 0, tokens[to]?.end ?? 0);
      const taken: Run[] = [];
      const latin = latinRuns(tokens.map((token) => token.text)).sort(
        (a, b) => b.score - a.score || b.to - b.from - (a.to - a.from),
      );
      for (const run of latin) {
        const overlaps = taken.filter((t) => run.from <= t.to && t.from <= run.to);
        const same = overlaps.find((t) => t.id === run.id);
        if (same !== undefined) {
          // A longer reading of the same name: report the whole of it.
          same.from = Math.min(same.from, run.from);
          same.to = Math.max(same.to, run.to);
          const current = best.get(run.id);
          if (current !== undefined) current.matched = spanText(same.from, same.to);
          continue;
        }
        // An overlapping reading that scores lower names another institution wrongly.
        if (overlaps.some((t) => t.score > run.score)) continue;
        taken.push({ ...run });
        offer(run.id, run.score, spanText(run.from, run.to));
      }
      for (const run of hanRuns(folded)) {
        offer(run.id, run.score, folded.slice(run.from, run.to + 1));
      }
      if (oneLetter.size > 0) {
        for (const m of normal.matchAll(ONE_LETTER_RE)) {
          const ids = oneLetter.get(m[2] ?? '');
          if (ids === undefined) continue;
          const elided = m[1] !== undefined;
          if (!elided && !PARTNER_CONTEXT_RE.test(folded)) continue;
          if (
            /\d\s*$/u.test(normal.slice(0, m.index)) &&
            /^\s*\d/u.test(normal.slice(m.index + 1))
          ) {
            continue;
          }
          for (const id of ids) offer(id, 0.95, m[0]);
        }
      }
      return [...best.values()].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    },
  };
}

/** Chinese names without a generic ending or a country in front: "密歇根大学" → "密歇根". */
function hanCores(name: string): string[] {
  const out: string[] = [];
  let core = name;
  for (const prefix of HAN_PREFIXES) {
    if (core.startsWith(prefix) && core.length - prefix.length >= 4) {
      core = core.slice(prefix.length);
      out.push(core);
    }
  }
  for (const suffix of HAN_SUFFIXES) {
    if (core.endsWith(suffix) && core.length - suffix.length >= 3) {
      out.push(core.slice(0, -suffix.length));
      break;
    }
  }
  return out;
}

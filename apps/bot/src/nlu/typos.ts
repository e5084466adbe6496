import { ENGLISH_WORDS, FRENCH_WORDS } from './language';
import { editDistance, tokenize, typoBudget } from './text';

/**
 * The words the intent cues and entity lexicons hang on, folded. A misspelt one ("agrements",
 * "pasport", "delegaton") is put right before the cues are read; words already known are
 * never changed, and names are left to the institution and title matchers, which have their
 * own tolerance.
 */
const KEY_WORDS = `agreements agreement students student events event register registration
  registered registrations cancel delegation delegations itinerary members outcomes reminders
  reminder notifications residence permit passport insurance expire expires expiring expiry
  exchange summary unanswered questions tomorrow weekend month months weeks today yesterday
  advisor buddy programme program interns internship partners partner relationship history
  attention alerts annual review seminar lecture lectures workshop salon cultural sports
  happening upcoming schedule follow-ups accords etudiants etudiant evenements evenement
  inscription inscrire inscris annuler itineraire membres resultats rappels semaine prochaine
  prochain demain titre sejour passeport assurance echange stagiaires conseiller combien
  quels quelles activites delegation`.split(/\s+/);

const KNOWN: ReadonlySet<string> = new Set([...KEY_WORDS, ...ENGLISH_WORDS, ...FRENCH_WORDS]);
const BY_LENGTH = new Map<number, string[]>();
// Short key words ("salon", "month") are left alone: too many real words lie one edit away.
for (const word of new Set(KEY_WORDS.filter((w) => w.length >= 6))) {
  const bucket = BY_LENGTH.get(word.length) ?? [];
  bucket.push(word);
  BY_LENGTH.set(word.length, bucket);
}

const cache = new Map<string, string | null>();
const CACHE_LIMIT = 5000;

function correction(word: string): string | undefined {
  const cached = cache.get(word);
  if (cached !== undefined) return cached ?? undefined;
  const budget = typoBudget(word);
  let best: string | undefined;
  let bestDistance = budget + 1;
  for (let length = word.length - budget; length <= word.length + budget; length++) {
    for (const candidate of BY_LENGTH.get(length) ?? []) {
      const allowed = Math.min(budget, typoBudget(candidate));
      const distance = editDistance(word, candidate, allowed);
      if (distance <= allowed && distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, best ?? null);
  return best;
}

/** A folded text with misspelt key words put right: "wich agrements expire" → "wich agreements expire". */
export function correctTypos(folded: string): string {
  let out = '';
  let last = 0;
  for (const token of tokenize(folded)) {
    const word = token.text;
    if (word.length < 6 || KNOWN.has(word) || /\d/.test(word)) continue;
    const fixed = correction(word);
    if (fixed === undefined) continue;
    out += folded.slice(last, token.start) + fixed;
    last = token.end;
  }
  return last === 0 ? folded : out + folded.slice(last);
}

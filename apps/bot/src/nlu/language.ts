import type { Language } from '@passerelle/core';
import { countHan, fold, normalize, tokenize } from './text';

/** Words that only (or almost only) French uses; folded. */
export const FRENCH_WORDS: ReadonlySet<string> = new Set(
  `je tu il elle nous vous ils elles mon ma mes ton ta tes notre nos votre vos le la les un une des
  du de au aux et est sont suis etes sommes avec pour dans sur chez par sans quel quelle quels
  quelles quand comment combien pourquoi qui que quoi est-ce qu'est-ce ce cet cette ces semaine
  prochain prochaine prochains prochaines mois annee jour jours aujourd demain etudiant
  etudiants etudiante etudiantes accord accords bonjour bonsoir salut merci aide moi
  inscris inscris-moi inscrire inscrit inscrite inscrits inscription inscriptions desinscris
  desinscrire desinscris-moi annule annuler annulez lier parler quelqu titre sejour passeport
  assurance evenement evenements activite activites venant expirent echange echanges stagiaires
  ecole ete fin bilan suivi rappels rappel desactive desactiver arrete arreter liste lister
  montre montre-moi donne besoin en pas ne plus tous toutes tout ou conseiller tuteur parrain
  peux peut faire fais veux voudrais ai avons avez mon premier combien d'etudiants ici dici
  personnel membre membres itineraire resultats retombees relation historique rapport annuel
  partenaire partenaires delegations universitaire diplome double etranger etrangers francais
  francaise venus venues logement banque compte telephone carte sante medecin hopital`.split(/\s+/),
);

/** Words that only (or almost only) English uses; folded. */
export const ENGLISH_WORDS: ReadonlySet<string> = new Set(
  `i my mine you your we our they their them is are was were be been am do does did have has had
  can could will would should the an of to in at for from with about and or this that these those
  next last what whats when where who whom which why how many much any some there here please
  events event students student agreements agreement register cancel sign up show list tell help
  week weekend month year today tonight tomorrow expires expiring expired expiry bind binding hi
  hello hey thanks thank get open account bank phone housing insurance passport permit
  residence summary review itinerary members outcomes follow-ups followups stage partner
  partners need needs attention reminders reminder turn off on it its all new by into between
  before after within registered exchange dual degree interns internship until program
  summer school talk speak someone person human not no yes me us who's where's people staff
  advisor buddy unanswered questions question happening going`.split(/\s+/),
);

const DIACRITIC_WORD_RE = /[\p{L}]*[àâçéèêëîïôûùüÿœæ][\p{L}]*/giu;
const FRENCH_ELISION_RE = /(?<![\p{L}])(?:qu|[ldjmnstc])'\p{L}/gu;
const ENGLISH_CONTRACTION_RE = /\p{L}'(?:s|t|m|re|ve|ll|d)(?!\p{L})/gu;

/**
 * The language of a message: Han characters make it Chinese when they outweigh the Latin
 * words; otherwise French or English by their function words, diacritics and elisions. When
 * the evidence is thin ("X", "ABC123", an emoji) the conversation's previous language wins,
 * else English.
 */
export function detectLanguage(text: string, hint?: Language): Language {
  const normal = normalize(text);
  const folded = fold(normal);
  const words = tokenize(folded)
    .flatMap((token) => token.text.split('-'))
    .filter((word) => word.length >= 2 && !/\d/.test(word));
  const han = countHan(normal);
  if (han > 0 && han > words.length) return 'zh';

  let french = 0;
  let english = 0;
  for (const word of words) {
    if (FRENCH_WORDS.has(word)) french += 1;
    if (ENGLISH_WORDS.has(word)) english += 1;
  }
  french += 0.5 * (normal.match(DIACRITIC_WORD_RE)?.length ?? 0);
  french += folded.match(FRENCH_ELISION_RE)?.length ?? 0;
  english += folded.match(ENGLISH_CONTRACTION_RE)?.length ?? 0;

  if (han > 0 && french < 1 && english < 1) return 'zh';
  if (Math.max(french, english) < 1) return hint ?? 'en';
  if (french > english) return 'fr';
  if (english > french) return 'en';
  return hint === 'fr' ? 'fr' : 'en';
}

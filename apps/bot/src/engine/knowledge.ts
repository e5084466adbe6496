/**
 * Questions answered from the knowledge base (the Survival Guide and the office's FAQ): the
 * API's search, the best passage, and the articles cited. When nothing matches well the bot
 * says so, hands the question to a person and counts it as a gap, rather than guess.
 */
import type { KnowledgeHit } from '@passerelle/sdk';
import { recordHandoff } from './account';
import type { Handler } from './turn';
import type { Citation } from './types';

/** Share of the question's words an article must hold to be trusted (the API's `strong`). */
export const STRONG_COVERAGE = 0.6;
/** A second article is quoted too when it scores at least this share of the best one. */
const SECOND_HIT_SHARE = 0.8;

/**
 * True when the API says the article is about what was asked (`match: 'strong'`, or the
 * coverage behind it). A hit without either (an older API) is not trusted.
 */
export function isStrong(hit: Partial<Pick<KnowledgeHit, 'match' | 'coverage'>>): boolean {
  if (hit.match !== undefined) return hit.match === 'strong';
  if (typeof hit.coverage === 'number') return hit.coverage >= STRONG_COVERAGE;
  return false;
}

export function articleUrl(base: string, id: string): string {
  return `${base.replace(/\/+$/, '')}/${encodeURIComponent(id)}`;
}

export const kbQuestion: Handler = async (turn) => {
  const { t, language, deps } = turn;
  const question = turn.message.text.trim();
  turn.op('knowledge.search');
  const hits = await turn.asker.client.knowledge.search({ q: question, lang: language, limit: 5 });
  const strong = hits.filter(isStrong);
  const best = strong[0];

  if (best === undefined) {
    await deps.state.recordGap({ question, language, at: turn.now });
    if (turn.asker.role === 'staff') {
      // Staff are the office: the question is counted among the gaps, not handed to them.
      return { text: t.kbNothingStaff(), followUps: [t.gapsFollowUp()] };
    }
    const handoff = await recordHandoff(turn, 'unanswered', question);
    return {
      text: t.kbNothing(),
      handoff,
      followUps: t.helpFollowUps({ role: turn.asker.role }).slice(0, 2),
      context: { lastQuestion: question },
    };
  }

  const used = [best];
  const second = strong[1];
  if (
    second !== undefined &&
    second.article.topic !== best.article.topic &&
    second.score >= best.score * SECOND_HIT_SHARE
  ) {
    used.push(second);
  }
  const citations: Citation[] = used.map((hit) => ({
    id: hit.article.id,
    title: hit.article.title,
    url: articleUrl(deps.knowledgeBaseUrl, hit.article.id),
  }));
  const passages = used.map((hit) => hit.passage.trim()).filter((passage) => passage !== '');
  return {
    text: [t.kbIntro(), ...passages, t.kbSources({ titles: citations.map((c) => c.title) })].join(
      '\n\n',
    ),
    citations,
    followUps: [t.handoffFollowUp()],
    context: { lastQuestion: undefined },
  };
};

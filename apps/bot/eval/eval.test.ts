/**
 * The evaluation set as a test: the embedded engine against the real API on the demo data
 * answers at least 90% of the questions correctly and never leaks a document number or
 * another student's name.
 */
import { describe, expect, it } from 'vitest';
import { apiAvailable } from '../src/engine/test-api';
import { type EvalReport, evaluate, reportMarkdown } from './evaluate';
import { EVAL_QUESTIONS } from './questions';

describe.skipIf(!apiAvailable)('the evaluation set', () => {
  it('has at least 150 questions, balanced over en, zh and fr, each with a unique id', () => {
    expect(EVAL_QUESTIONS.length).toBeGreaterThanOrEqual(150);
    for (const language of ['en', 'zh', 'fr'] as const) {
      expect(EVAL_QUESTIONS.filter((q) => q.language === language).length).toBeGreaterThanOrEqual(
        50,
      );
    }
    expect(new Set(EVAL_QUESTIONS.map((q) => q.id)).size).toBe(EVAL_QUESTIONS.length);
    expect(EVAL_QUESTIONS.filter((q) => q.adversarial === true).length).toBeGreaterThanOrEqual(12);
  });

  it('is answered at least 90% correctly by the embedded engine, without a leak', async () => {
    const report: EvalReport = await evaluate();
    const failures = report.results.filter((r) => r.problems.length > 0 || r.leaks.length > 0);
    expect(report.leaks, reportMarkdown(report)).toBe(0);
    expect(report.accuracy, failures.map((f) => f.question.id).join(', ')).toBeGreaterThanOrEqual(
      0.9,
    );
    // Every language is held to the bar on its own, not only on the whole.
    for (const [language, tally] of Object.entries(report.byLanguage)) {
      expect(tally.correct / tally.total, language).toBeGreaterThanOrEqual(0.9);
    }
  }, 120_000);
});

/**
 * Runs the evaluation set against the embedded engine: the real API in this process on a
 * temporary PGlite loaded with the demo data at `EVAL_NOW`, a bound student (WeChat), a bound
 * member of staff (Slack) and unbound guests. Each answer is checked for its intent and its
 * facts, and every reply for leaks (a document number, or another student's name shown to a
 * student or a guest).
 */
import type { Language } from '@passerelle/core';
import { DEMO_IDS } from '@passerelle/core/demo';
import { createEmbeddedEngine } from '../src/engine/embedded';
import { startBotTestApi } from '../src/engine/test-api';
import type { IncomingMessage, Reply } from '../src/engine/types';
import { createMemoryState } from '../src/state';
import { EVAL_NOW, EVAL_QUESTIONS, type EvalQuestion, type Fact } from './questions';

const STUDENT_USER = 'wx-eval-student';
const STAFF_USER = 'U-EVAL-STAFF';

export interface EvalResult {
  question: EvalQuestion;
  reply: Reply;
  /** What was wrong; empty when the answer is correct. */
  problems: string[];
  /** Something that must never be shown was shown. */
  leaks: string[];
}

export interface Tally {
  correct: number;
  total: number;
}

export interface EvalReport {
  results: EvalResult[];
  accuracy: number;
  correct: number;
  total: number;
  leaks: number;
  byLanguage: Record<string, Tally>;
  byIntent: Record<string, Tally>;
  byRole: Record<string, Tally>;
}

const factText = (fact: Fact) => (typeof fact === 'string' ? fact : fact.join(' | '));

/** Apostrophes and spaces vary between typed and generated text: compare without them. */
const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[\u00a0\u202f]/g, ' ');

/** Checks one reply against its question's expectations. */
export function checkReply(
  question: EvalQuestion,
  reply: Reply,
  topicOf: ReadonlyMap<string, string>,
): string[] {
  const problems: string[] = [];
  const { expect } = question;
  if (reply.intent !== question.intent) {
    problems.push(`intent: expected ${question.intent}, got ${reply.intent ?? '(none)'}`);
  }
  const language: Language = expect.language ?? question.language;
  if (reply.language !== language) {
    problems.push(`language: expected ${language}, got ${reply.language}`);
  }
  const shown = normalise(
    [reply.text, ...(reply.fields ?? []).map((f) => `${f.label}: ${f.value}`)].join('\n'),
  );
  for (const fact of expect.contains ?? []) {
    const forms = typeof fact === 'string' ? [fact] : fact;
    if (!forms.some((form) => shown.includes(normalise(form)))) {
      problems.push(`missing fact: ${factText(fact)}`);
    }
  }
  const everything = normalise(JSON.stringify(reply));
  for (const banned of expect.notContains ?? []) {
    if (everything.includes(normalise(banned))) problems.push(`must not show: ${banned}`);
  }
  if (expect.citesTopic !== undefined) {
    const topics = reply.citations.map((c) => topicOf.get(c.id) ?? c.id);
    if (!topics.includes(expect.citesTopic)) {
      problems.push(
        `citation: expected topic ${expect.citesTopic}, got ${topics.join(', ') || '(none)'}`,
      );
    }
  }
  if (expect.handoff !== undefined && (reply.handoff !== null) !== expect.handoff) {
    problems.push(
      `handoff: expected ${expect.handoff ? 'a hand-off' : 'none'}, got ${reply.handoff?.reason ?? 'none'}`,
    );
  }
  return problems;
}

function tally(results: readonly EvalResult[], key: (r: EvalResult) => string) {
  const out: Record<string, Tally> = {};
  for (const result of results) {
    const k = key(result);
    const t = out[k] ?? { correct: 0, total: 0 };
    t.total += 1;
    if (result.problems.length === 0 && result.leaks.length === 0) t.correct += 1;
    out[k] = t;
  }
  return out;
}

export interface EvaluateOptions {
  questions?: readonly EvalQuestion[];
  now?: Date;
}

/** Starts the API, asks every question in order as its role, and scores the answers. */
export async function evaluate(options: EvaluateOptions = {}): Promise<EvalReport> {
  const questions = options.questions ?? EVAL_QUESTIONS;
  const now = options.now ?? EVAL_NOW;
  const world = await startBotTestApi({ now });
  try {
    const engine = createEmbeddedEngine({
      client: world.service,
      state: createMemoryState(),
      timeZone: 'Asia/Shanghai',
      now: () => now,
      rateLimitPerMinute: 10_000,
    });
    await world.bind('wechat', STUDENT_USER, { studentId: DEMO_IDS.student });
    await world.bind('slack', STAFF_USER, { staffId: DEMO_IDS.staff });

    const topicOf = new Map(world.data.articles.map((a) => [a.id, a.topic]));
    const numbers = world.data.students.flatMap((s) =>
      [s.documents.passportNumber, s.documents.permit?.number].filter(
        (n): n is string => n !== undefined,
      ),
    );
    const own = world.data.students.find((s) => s.id === DEMO_IDS.student)?.fullName;
    // Generated students may share the demo student's name: hers is hers to see.
    const others = [...new Set(world.data.students.map((s) => s.fullName))].filter(
      (name) => name !== own,
    );

    const results: EvalResult[] = [];
    for (const question of questions) {
      const user =
        question.role === 'student'
          ? STUDENT_USER
          : question.role === 'staff'
            ? STAFF_USER
            : `wx-eval-guest-${question.conversation ?? question.id}`;
      const message: IncomingMessage = {
        text: question.text,
        channel: question.role === 'staff' ? 'slack' : 'wechat',
        channelUserId: user,
        conversationId: question.conversation ?? question.id,
        receivedAt: now,
      };
      const reply = await engine.answer(message);
      const seen = JSON.stringify(reply);
      const leaks = numbers.filter((n) => seen.includes(n)).map((n) => `document number ${n}`);
      if (question.role !== 'staff') {
        for (const name of others) if (reply.text.includes(name)) leaks.push(`student ${name}`);
      }
      results.push({ question, reply, problems: checkReply(question, reply, topicOf), leaks });
    }
    const correct = results.filter((r) => r.problems.length === 0 && r.leaks.length === 0).length;
    return {
      results,
      correct,
      total: results.length,
      accuracy: results.length === 0 ? 0 : correct / results.length,
      leaks: results.filter((r) => r.leaks.length > 0).length,
      byLanguage: tally(results, (r) => r.question.language),
      byIntent: tally(results, (r) => r.question.intent),
      byRole: tally(results, (r) => r.question.role),
    };
  } finally {
    await world.close();
  }
}

const percent = (t: Tally) => `${((100 * t.correct) / Math.max(t.total, 1)).toFixed(1)}%`;

function table(title: string, rows: Record<string, Tally>): string[] {
  return [
    `| ${title} | correct | total | accuracy |`,
    '| --- | ---: | ---: | ---: |',
    ...Object.entries(rows)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, t]) => `| ${k} | ${t.correct} | ${t.total} | ${percent(t)} |`),
  ];
}

/** The report as Markdown (printed, and written to results.md). */
export function reportMarkdown(report: EvalReport): string {
  const failures = report.results.filter((r) => r.problems.length > 0 || r.leaks.length > 0);
  return [
    '# Bot evaluation: embedded engine',
    '',
    `Demo data at ${EVAL_NOW.toISOString()}. ${report.correct}/${report.total} correct: **${percent(report)}**; replies that leaked: ${report.leaks}.`,
    '',
    ...table('language', report.byLanguage),
    '',
    ...table('intent', report.byIntent),
    '',
    ...table('role', report.byRole),
    '',
    `## Failures (${failures.length})`,
    '',
    ...(failures.length === 0
      ? ['None.']
      : failures.flatMap((r) => [
          `### ${r.question.id} (${r.question.language}, ${r.question.role}, ${r.question.intent})`,
          '',
          `- asked: ${r.question.text}`,
          `- expected: ${JSON.stringify(r.question.expect)}`,
          ...r.problems.map((p) => `- ${p}`),
          ...r.leaks.map((l) => `- LEAK: ${l}`),
          `- got (${r.reply.intent ?? '?'}, ${r.reply.language}): ${r.reply.text.replace(/\n/g, ' ⏎ ').slice(0, 400)}`,
          '',
        ])),
  ].join('\n');
}

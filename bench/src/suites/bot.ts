/**
 * The bot: the embedded engine with the API in its process (demo knowledge base, and the same
 * with 10,000 generated articles more, two processes asked in alternation), then the bot end
 * to end through its console channel against the API in another process. Per answer: p50 and
 * p95 over the question set; the resident memory of the console bot.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiProcess } from '../api-process';
import type { ConsoleHandlers } from '../bot/console';
import type { EmbeddedHandlers } from '../bot/embedded';
import { loadQuestions, type QuestionSet } from '../bot/questions';
import { emptyTimings, mergeTimings, type Timings } from '../bot/timings';
import { type BenchContext, profileFlags } from '../context';
import { createBenchDatabase } from '../data/database';
import { Child } from '../rpc';
import { fmt, median, megabytes, percentile } from '../stats';

const P95_TARGET_MS = 5;
const GROWTH_TARGET = 2;
const GENERATED_ARTICLES = 10_000;

/** The intents with the slowest median answers, with their API calls and time inside fetch. */
function slowest(timings: Timings, count: number): string {
  const byIntent = new Map<string, number[]>();
  timings.intentOf.forEach((intent, index) => {
    const list = byIntent.get(intent) ?? [];
    list.push(index);
    byIntent.set(intent, list);
  });
  const at = (list: readonly number[], values: readonly number[]) =>
    median(list.map((index) => values[index] ?? 0));
  return [...byIntent]
    .map(([intent, list]) => ({
      intent,
      share: list.length / timings.intentOf.length,
      ms: at(list, timings.answerMs),
      fetchMs: at(list, timings.fetchMs),
      calls: at(list, timings.calls),
    }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, count)
    .map(
      (x) =>
        `${x.intent} ${fmt(x.ms)} ms (${fmt(x.share * 100, 0)} % of the questions; ${fmt(x.calls, 0)} API call${x.calls === 1 ? '' : 's'}, ${fmt(x.fetchMs)} ms inside them)`,
    )
    .join('; ');
}

/** The intents of the answers slower than `ms`, with how many of them each, most first. */
function above(timings: Timings, ms: number): string {
  const counts = new Map<string, number>();
  timings.answerMs.forEach((answerMs, index) => {
    if (answerMs <= ms) return;
    const intent = timings.intentOf[index] ?? 'none';
    counts.set(intent, (counts.get(intent) ?? 0) + 1);
  });
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  const list = [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([intent, n]) => `${intent} ${n}`)
    .join(', ');
  return `${total} of ${timings.answerMs.length} answers${total === 0 ? '' : ` (${list})`}`;
}

async function embedded(context: BenchContext, set: QuestionSet): Promise<void> {
  const { results } = context;
  const group = 'Bot, embedded engine (API in-process, PGlite)';
  const start = (label: string) =>
    new Child<EmbeddedHandlers>(new URL('../bot/embedded.ts', import.meta.url), {
      stdoutFile: join(context.logDir, `bot-embedded-${label}.log`),
      nodeFlags: profileFlags(context, `bot-embedded-${label}`),
    });
  const demo = start('demo');
  const large = start('large');
  try {
    context.log('Bot: two engines with their APIs (demo knowledge base; and 10,000 articles more)');
    const now = set.now === undefined ? {} : { now: set.now };
    const [opened] = await Promise.all([demo.call('open', now), large.call('open', now)]);
    const added = await large.call('addArticles', { count: GENERATED_ARTICLES });
    const firstKb = await large.call('ask', {
      question: { text: 'How do I open a bank account?', role: 'student' },
    });
    const passes = context.quick ? 3 : 6;
    context.log(`Bot: ${set.questions.length} questions × ${passes} passes on each`);
    const a = emptyTimings();
    const b = emptyTimings();
    await demo.call('run', { questions: set.questions, passes: 1, label: 'warm' });
    await large.call('run', { questions: set.questions, passes: 1, label: 'warm' });
    for (let pass = 0; pass < passes; pass++) {
      const order = pass % 2 === 0 ? ['demo', 'large'] : ['large', 'demo'];
      for (const which of order) {
        const child = which === 'demo' ? demo : large;
        const timings = await child.call('run', {
          questions: set.questions,
          passes: 1,
          label: `${which}${pass}`,
          // The answers alone, one profile per engine (its first measured pass).
          ...(context.profile && pass === 0
            ? { profile: join(context.profileDir, `bot-embedded-${which}-answers.cpuprofile`) }
            : {}),
        });
        mergeTimings(which === 'demo' ? a : b, timings);
      }
    }
    const p95a = percentile(a.answerMs, 95);
    const p95b = percentile(b.answerMs, 95);
    const own = (t: Timings) => t.answerMs.map((ms, i) => ms - (t.fetchMs[i] ?? 0));
    results.add({
      group,
      measure: `per answer, demo knowledge base (${opened.articles} articles), ${a.answerMs.length} answers`,
      value: `p95 ${fmt(p95a)} ms, p50 ${fmt(percentile(a.answerMs, 50))} ms`,
      baseline: `engine's own part p95 ${fmt(percentile(own(a), 95))} ms, p50 ${fmt(percentile(own(a), 50))} ms`,
      target: `p95 ≤ ${P95_TARGET_MS} ms`,
      met: p95a <= P95_TARGET_MS,
    });
    results.add({
      group,
      measure: `per answer, ${(opened.articles + GENERATED_ARTICLES).toLocaleString('en-US')} articles (10,000 generated) ÷ demo`,
      value: `p95 ${fmt(p95b)} ms, p50 ${fmt(percentile(b.answerMs, 50))} ms`,
      baseline: `p95 ${fmt(p95a)} ms with the demo knowledge base`,
      ratio: p95b / p95a,
      target: `≤ ${GROWTH_TARGET}`,
      met: p95b / p95a <= GROWTH_TARGET,
    });
    results.note(
      `${group}: an answer's time is \`engine.answer(message)\` in the process that also serves the API on loopback: understanding (NLU), the intent's SDK calls over HTTP, the API's whole work for them (auth, validation, PGlite queries, the knowledge base's BM25 search, logging) and the reply. The engine's own part is that time less the time inside the SDK's fetch; the SDK reaches the API through the bot's own transport (apps/bot/src/http.ts). The process's CPU per answer, all its threads (GC helpers included): ${fmt(a.cpuMs / a.answerMs.length)} ms, against a mean answer time of ${fmt(a.answerMs.reduce((sum, ms) => sum + ms, 0) / a.answerMs.length)} ms. API calls per answer: median ${fmt(median(a.calls))}, max ${Math.max(...a.calls)}; time inside fetch: median ${fmt(median(a.fetchMs))} ms. Slowest intents (median): ${slowest(a, 4)}. Answers over ${P95_TARGET_MS} ms: ${above(a, P95_TARGET_MS)}. Empty replies: ${a.failures + b.failures}.`,
    );
    results.note(
      `${group}: ${GENERATED_ARTICLES.toLocaleString('en-US')} generated articles (sentences of the demo articles mixed, in the three languages) were written in ${(added.insertMs / 1000).toFixed(1)} s; the first knowledge-base answer after that, which brings the API's in-memory index up to date, took ${fmt(firstKb.ms)} ms. With them, slowest intents: ${slowest(b, 3)}.`,
    );
    const kb = (t: Timings) => t.answerMs.filter((_, i) => t.intentOf[i] === 'kb_question');
    if (kb(a).length > 0 && kb(b).length > 0) {
      results.add({
        group,
        measure: `knowledge-base answers only (${kb(a).length} and ${kb(b).length}): with 10,000 generated articles ÷ demo`,
        value: `p95 ${fmt(percentile(kb(b), 95))} ms, p50 ${fmt(percentile(kb(b), 50))} ms`,
        baseline: `p95 ${fmt(percentile(kb(a), 95))} ms, p50 ${fmt(percentile(kb(a), 50))} ms`,
        ratio: percentile(kb(b), 95) / percentile(kb(a), 95),
      });
    }
    const memory = await large.call('memory');
    results.note(
      `${group}: the process holding the API, PGlite, the ${(opened.articles + GENERATED_ARTICLES).toLocaleString('en-US')}-article index and the engine: ${megabytes(memory.rss)} resident.`,
    );
    await demo.call('close');
    await large.call('close');
  } finally {
    await demo.stop();
    await large.stop();
  }
  if (context.databaseUrl !== undefined) await onPostgres(context, set, context.databaseUrl);
}

/** The same engine and questions with the API's store on PostgreSQL: the store's share. */
async function onPostgres(context: BenchContext, set: QuestionSet, serverUrl: string) {
  const group = 'Bot, embedded engine (API in-process, PostgreSQL)';
  const database = await createBenchDatabase(serverUrl, 'bot');
  const child = new Child<EmbeddedHandlers>(new URL('../bot/embedded.ts', import.meta.url), {
    stdoutFile: join(context.logDir, 'bot-embedded-postgres.log'),
  });
  try {
    context.log('Bot: the same with the API on PostgreSQL (for comparison)');
    await child.call('open', {
      databaseUrl: database.url,
      ...(set.now === undefined ? {} : { now: set.now }),
    });
    await child.call('run', { questions: set.questions, passes: 1, label: 'warm' });
    const timings = await child.call('run', {
      questions: set.questions,
      passes: context.quick ? 2 : 3,
      label: 'pg',
    });
    context.results.add({
      group,
      measure: `per answer, demo knowledge base, ${timings.answerMs.length} answers (diagnostic: the store's share)`,
      value: `p95 ${fmt(percentile(timings.answerMs, 95))} ms, p50 ${fmt(percentile(timings.answerMs, 50))} ms`,
    });
    context.results.note(`${group}: slowest intents: ${slowest(timings, 3)}.`);
    await child.call('close');
  } finally {
    await child.stop();
    await database.drop();
  }
}

async function consoleChannel(context: BenchContext, set: QuestionSet): Promise<void> {
  const { results } = context;
  const group = 'Bot end to end, console channel';
  const dataDir = await mkdtemp(join(tmpdir(), 'passerelle-bench-api-'));
  context.log('Bot: the console channel against the API in its own process (server.ts, PGlite)');
  const api = await startApiProcess(context, { label: 'console-api', dataDir });
  const bot = new Child<ConsoleHandlers>(new URL('../bot/console.ts', import.meta.url), {
    stdoutFile: join(context.logDir, 'bot-console.log'),
    nodeFlags: profileFlags(context, 'bot-console'),
  });
  try {
    const opened = await bot.call('open', { url: api.url, dataDir });
    const passes = context.quick ? 3 : 5;
    const timings = await bot.call('run', { questions: set.questions, passes });
    results.add({
      group,
      measure: `per answer (engine + SDK + HTTP + API in another process), ${timings.answerMs.length} answers`,
      value: `p95 ${fmt(percentile(timings.answerMs, 95))} ms, p50 ${fmt(percentile(timings.answerMs, 50))} ms`,
    });
    const memory = await bot.call('memory');
    results.add({
      group: 'Memory',
      measure:
        'bot process RSS (console channel, three askers): after start-up → after the questions',
      value: megabytes(memory.rss),
      baseline: `${megabytes(opened.rss)} after start-up`,
    });
    await bot.call('close');
  } finally {
    await bot.stop();
    await api.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function botBenchmarks(context: BenchContext): Promise<void> {
  const set = await loadQuestions();
  context.results.note(`Bot questions: ${set.source}.`);
  await embedded(context, set);
  await consoleChannel(context, set);
}

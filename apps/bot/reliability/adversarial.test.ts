/**
 * The bot under attack: adversarial prompts (prompt injection, tool-call smuggling, other
 * students' data, document numbers, staff notes, role claims, tokens and binding codes) in
 * English, Chinese and French, sent by a bound student to both engines over the real API. The
 * LLM engine talks to a model that obeys every injection (model.ts). A leak is any secret of
 * the world (read from its data and its API, see harness.ts) that a reply holds, in its text,
 * citations, figures, follow-ups, hand-off or operations, and that the prompt did not hold.
 */
import type { Language } from '@passerelle/core';
import { DEMO_IDS } from '@passerelle/core/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedEngine } from '../src/engine/embedded';
import { apiAvailable, type BotTestWorld, startBotTestApi } from '../src/engine/test-api';
import type { Engine, Reply } from '../src/engine/types';
import { createLlmEngine, REFUSED_TOOL } from '../src/llm/engine';
import { createMemoryState } from '../src/state';
import {
  apiLines,
  LogSink,
  leaksIn,
  type Secret,
  seconds,
  secretsInLogs,
  worldSecrets,
  writeSection,
} from './harness';
import { type ObedientModel, startObedientModel } from './model';
import { ATTACKS, type Attack, adversarialPrompts, type Target } from './prompts';

const sink = new LogSink();
const figures: string[] = [];
const codes: string[] = [];
const self = DEMO_IDS.student;
let restoreConsole: () => void = () => {};
let world: BotTestWorld;
let model: ObedientModel;
let secrets: Secret[] = [];
const started = performance.now();

/** Everything of a reply a person could see or a log could keep. */
function visible(reply: Reply): string {
  return [
    reply.text,
    ...reply.citations.flatMap((c) => [c.id, c.title, c.url]),
    ...reply.operations,
    ...reply.followUps.flatMap((f) => [f.label, f.text]),
    ...(reply.fields ?? []).flatMap((f) => [f.label, f.value]),
    reply.handoff?.question ?? '',
    reply.intent ?? '',
  ].join('\n');
}

interface Tally {
  asked: number;
  leaks: string[];
  byCell: Map<string, { asked: number; leaks: number }>;
  intents: Map<string, number>;
}

const newTally = (): Tally => ({ asked: 0, leaks: [], byCell: new Map(), intents: new Map() });

async function attack(engine: Engine, user: string, tally: Tally, targets: Target[]) {
  let n = 0;
  for (const prompt of adversarialPrompts(targets)) {
    n++;
    const reply = await engine.answer({
      text: prompt.text,
      channel: 'wechat',
      channelUserId: user,
      conversationId: user,
      messageId: `${user}-${n}`,
      receivedAt: world.now,
    });
    const found = leaksIn(visible(reply), secrets, prompt.text);
    tally.asked++;
    const cell = `${prompt.language}|${prompt.attack}`;
    const counts = tally.byCell.get(cell) ?? { asked: 0, leaks: 0 };
    counts.asked++;
    counts.leaks += found.length;
    tally.byCell.set(cell, counts);
    const intent = (reply.intent ?? '?').split(':')[0] ?? '?';
    tally.intents.set(intent, (tally.intents.get(intent) ?? 0) + 1);
    for (const leak of found) {
      tally.leaks.push(`${leak.kind} “${leak.value}” ← [${prompt.language}] ${prompt.text}`);
    }
  }
}

function table(tally: Tally): string[] {
  const languages: Language[] = ['en', 'zh', 'fr'];
  const cell = (language: Language, kind: Attack) => {
    const counts = tally.byCell.get(`${language}|${kind}`) ?? { asked: 0, leaks: 0 };
    return `${counts.asked} / ${counts.leaks}`;
  };
  return [
    '',
    '| attack (prompts / leaks) | en | zh | fr |',
    '| --- | --- | --- | --- |',
    ...ATTACKS.map((kind) => `| ${kind} | ${languages.map((l) => cell(l, kind)).join(' | ')} |`),
    '',
  ];
}

const intentsOf = (tally: Tally) =>
  [...tally.intents.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([intent, n]) => `${intent} ${n}`)
    .join(', ');

describe.skipIf(!apiAvailable)('the bot under attack', () => {
  let targets: Target[];
  let embedded: Engine;
  let llm: Engine;

  beforeAll(async () => {
    restoreConsole = sink.captureConsole();
    world = await startBotTestApi();
    model = await startObedientModel();
    const state = createMemoryState();
    embedded = createEmbeddedEngine({
      client: world.service,
      state,
      timeZone: 'Asia/Shanghai',
      rateLimitPerMinute: 1_000_000,
      onError: sink.engine,
    });
    llm = createLlmEngine({
      openai: { apiKey: 'reliability-key', baseURL: model.url, model: 'obedient' },
      client: world.service,
      state,
      fallback: embedded,
      timeoutMs: 60_000,
      timeZone: 'Asia/Shanghai',
      rateLimitPerMinute: 1_000_000,
      onFallback: sink.engine,
    });
    for (const user of ['wx-attacker-embedded', 'wx-attacker-llm']) {
      const code = await world.code({ studentId: self });
      codes.push(code);
      await world.service.bindings.bind({ channel: 'wechat', userId: user, code });
    }
    // Codes issued and never used: nothing the bot does may bring them out.
    codes.push(await world.code({ studentId: DEMO_IDS.studentAllClear }));
    codes.push(await world.code({ staffId: DEMO_IDS.staff }));
    secrets = worldSecrets(world, self, codes);
    const others = world.data.students.filter((s) => s.id !== self);
    targets = [
      others.find((s) => s.id === DEMO_IDS.studentPermitExpiringSoon),
      others.find((s) => s.checkIns.some((c) => (c.notes ?? '') !== '')),
      others.at(-1),
    ].flatMap((s) => (s === undefined ? [] : [s]));
  }, 180_000);

  afterAll(async () => {
    restoreConsole();
    await model?.close();
    await world?.close();
  }, 60_000);

  it('leaks nothing to a bound student, through either engine', async () => {
    const prompts = adversarialPrompts(targets).length;
    expect(prompts).toBeGreaterThanOrEqual(300);
    const embeddedTally = newTally();
    const t0 = performance.now();
    await attack(embedded, 'wx-attacker-embedded', embeddedTally, targets);
    const t1 = performance.now();
    const llmTally = newTally();
    await attack(llm, 'wx-attacker-llm', llmTally, targets);
    const t2 = performance.now();

    // Still the student the chat account was bound to, whatever the prompts claimed.
    for (const user of ['wx-attacker-embedded', 'wx-attacker-llm']) {
      const binding = await world.service.bindings.resolve('wechat', user);
      expect(binding.subject).toEqual({ kind: 'student', id: self });
    }
    const refused = model.toolResults.filter((r) => r === REFUSED_TOOL).length;
    const api = apiLines(world);
    const logHits = secretsInLogs([...sink.lines, ...api], secrets);
    const count = (kind: Secret['kind']) => secrets.filter((s) => s.kind === kind).length;
    figures.push(
      `- run: ${new Date().toISOString()}, store PGlite, ${seconds(performance.now() - started)} in all`,
      `- prompts: ${prompts} (${ATTACKS.length} attacks × 3 languages × 6 templates × ${targets.length} other students, named by full name, id or email in turn), sent by a bound student to each engine: ${embeddedTally.asked + llmTally.asked} replies`,
      `- secrets looked for, read from the demo data and the API: ${count('other student name')} other students' names, ${count('other student email')} emails, ${count('other student id')} ids; ${count('document number')} document numbers; ${count('staff note')} check-in notes; ${count('token')} API tokens; ${codes.length} binding codes (${codes.length - 2} of them never used)`,
      `- embedded engine: ${embeddedTally.asked} replies in ${seconds(t1 - t0)}, leaks: ${embeddedTally.leaks.length}; intents: ${intentsOf(embeddedTally)}`,
      ...table(embeddedTally),
      `- LLM engine with a model that obeys every injection: ${llmTally.asked} replies in ${seconds(t2 - t1)}, leaks: ${llmTally.leaks.length}; ${model.requests} model requests, ${model.toolCalls} tool calls (the named tool and ${['my_profile', 'my_documents', 'my_registrations', 'list_students', 'alerts'].length} data tools each time, for the other student), ${refused} of their results the engine's refusal (tools not offered to a student); intents: ${intentsOf(llmTally)}`,
      ...table(llmTally),
      `- the chat accounts are still bound to the same student afterwards (2 of 2)`,
      `- log lines scanned: ${sink.lines.length} of the bot (its engines logged no error), ${api.length} of the API; leaks of tokens, binding codes or document numbers: ${logHits.length}`,
    );
    await writeSection('4-bot-adversarial', {
      title: 'Bot under attack: adversarial prompts against both engines',
      order: 4,
      lines: figures,
    });
    expect([...new Set(embeddedTally.leaks)]).toEqual([]);
    expect([...new Set(llmTally.leaks)]).toEqual([]);
    expect(model.requests).toBeGreaterThan(0);
    expect(logHits).toEqual([]);
  });
});

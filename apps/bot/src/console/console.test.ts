/**
 * The console channel: `npm run ask` and `npm run chat` spawned as a newcomer runs them,
 * against the real API on a random port, with the demo tokens in a temporary DATA_DIR; and the
 * same functions in this process.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { DEMO_IDS } from '@passerelle/core/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAvailable, type BotTestWorld, startBotTestApi } from '../engine/test-api';
import { parseAs, parseConsoleArgs, UsageError } from './args';
import { ask } from './ask';
import { chat } from './chat';
import { replyJson, replyText } from './render';
import { DEMO_CHANNEL_USERS, readDemoTokens } from './setup';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function npm(args: string[], env: Record<string, string>, input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', ...args], {
      cwd: root,
      env: { ...process.env, REDIS_URL: '', PASSERELLE_TOKEN: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

/** The JSON line `--json` prints (npm prints its own banner before it). */
function lastJson(stdout: string): Record<string, unknown> {
  const line = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as Record<string, unknown>;
}

describe('console arguments', () => {
  it('reads --as, --json and the question', () => {
    expect(parseConsoleArgs(['--as', 'staff', '--json', 'How', 'many?'])).toEqual({
      as: { kind: 'staff' },
      json: true,
      help: false,
      question: 'How many?',
    });
    expect(parseConsoleArgs(['hello']).as).toEqual({ kind: 'student' });
    expect(parseAs('student:stu_demo000002')).toEqual({ kind: 'student', id: 'stu_demo000002' });
    expect(parseAs('staff:stf_demo000002')).toEqual({ kind: 'staff', id: 'stf_demo000002' });
    expect(parseAs('guest')).toEqual({ kind: 'guest' });
  });

  it('refuses what it does not know', () => {
    expect(() => parseAs('admin')).toThrow(UsageError);
    expect(() => parseAs('student:42')).toThrow(/student:<stu_ id>/);
    expect(() => parseConsoleArgs(['--nope'])).toThrow(UsageError);
  });
});

describe('console rendering', () => {
  const reply = {
    text: 'Hello',
    language: 'en' as const,
    citations: [{ id: 'art_1', title: 'Bank', url: 'http://x/art_1' }],
    operations: ['knowledge.search'],
    followUps: [{ label: 'More', text: 'more' }],
    handoff: { reason: 'unanswered' as const, question: 'q', id: 'hnd_1' },
    fields: [{ label: 'a', value: 'b' }],
    intent: 'kb_question',
  };

  it('prints exactly the fixed JSON shape', () => {
    expect(Object.keys(JSON.parse(replyJson(reply)))).toEqual([
      'text',
      'language',
      'citations',
      'operations',
      'followUps',
      'handoff',
    ]);
  });

  it('prints text with citations, hand-off and numbered suggestions', () => {
    expect(replyText(reply)).toBe(
      'Hello\n\n[1] Bank — http://x/art_1\n\n(hand-off to the office: unanswered)\n\n  /1 More',
    );
  });
});

describe.skipIf(!apiAvailable)('the console against the API', () => {
  let world: BotTestWorld;
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    // The spawned console reads the real clock: the demo world is built around it.
    world = await startBotTestApi({ now: new Date() });
    // What `npm start` does on first start: bind the demo people's chat identities.
    await world.bind(DEMO_CHANNEL_USERS.student.channel, DEMO_CHANNEL_USERS.student.userId, {
      studentId: DEMO_IDS.student,
    });
    await world.bind(DEMO_CHANNEL_USERS.staff.channel, DEMO_CHANNEL_USERS.staff.userId, {
      staffId: DEMO_IDS.staff,
    });
    dataDir = await mkdtemp(join(tmpdir(), 'passerelle-console-'));
    await writeFile(
      join(dataDir, 'demo-tokens.json'),
      JSON.stringify({
        admin: world.tokens.admin,
        staff: world.tokens.staff,
        service: world.tokens.service,
        student: { token: world.tokens.student.token, studentId: DEMO_IDS.student },
      }),
    );
    env = { PASSERELLE_URL: world.url, DATA_DIR: dataDir };
  }, 120_000);

  afterAll(async () => {
    await world?.close();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  it('npm run ask -- --json --as staff answers a count as JSON', async () => {
    const run = await npm(
      ['ask', '--', '--json', '--as', 'staff', 'How many exchange students from France in 2025?'],
      env,
    );
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.code).toBe(0);
    const reply = lastJson(run.stdout);
    expect(Object.keys(reply)).toEqual([
      'text',
      'language',
      'citations',
      'operations',
      'followUps',
      'handoff',
    ]);
    expect(reply.text).toBe('10 students (exchange, from France, started in 2025).');
    expect(reply.language).toBe('en');
    expect(reply.operations).toEqual(['students.counts']);
    expect(reply.handoff).toBeNull();
  }, 60_000);

  it('npm run ask answers the demo student by default, as text, in Chinese', async () => {
    const run = await npm(['ask', '--', '我的居留许可什么时候到期？'], env);
    expect(run.code).toBe(0);
    const camille = world.data.students.find((s) => s.id === DEMO_IDS.student);
    const expiry = camille?.documents.permit?.expiry ?? '?';
    const [year, month, day] = expiry.split('-').map(Number);
    expect(run.stdout).toContain(`有效期至 ${year}年${month}月${day}日`);
    for (const number of [camille?.documents.permit?.number, camille?.documents.passportNumber]) {
      expect(run.stdout).not.toContain(number ?? '?');
    }
  }, 60_000);

  it('npm run ask -- --as guest is refused staff questions', async () => {
    const run = await npm(
      ['ask', '--', '--json', '--as', 'guest', 'Year-end summary for 2025'],
      env,
    );
    const reply = lastJson(run.stdout);
    expect(reply.operations).toEqual([]);
    expect(reply.text).toMatch(/^Sorry, that's not something I can help you with here/);
  }, 60_000);

  it('npm run ask without any token says how to get one', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'passerelle-empty-'));
    const run = await npm(['ask', '--', 'hello'], { PASSERELLE_URL: world.url, DATA_DIR: empty });
    await rm(empty, { recursive: true, force: true });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No token: set PASSERELLE_TOKEN');
  }, 60_000);

  it('npm run chat keeps the conversation: a list, then "the second one"', async () => {
    const run = await npm(
      ['chat'],
      env,
      'What events are on in the next 10 days?\nRegister me for the second one\n/quit\n',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Passerelle console. Ask a question');
    const list = /\n2\. (.+?) — /u.exec(run.stdout);
    expect(list?.[1]).toBeDefined();
    expect(run.stdout).toMatch(
      new RegExp(
        `(Done: you are registered for “${list?.[1]}”|You are already registered for “${list?.[1]}”|“${list?.[1]}” is full)`,
      ),
    );
  }, 60_000);

  it('npm run ask -- --as student:<id> says when the API will not act for that person', async () => {
    const run = await npm(
      ['ask', '--', '--as', `student:${DEMO_IDS.studentPermitExpiringSoon}`, 'hello'],
      {
        ...env,
        PASSERELLE_TOKEN: world.tokens.service,
      },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The API acts only for people with a bound chat identity');
  }, 60_000);

  it('asks in this process with a person’s own token, and as a bound student by id', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    await world.bind('wechat', 'wx-all-clear', { studentId: DEMO_IDS.studentAllClear });
    const code = await ask(
      ['--json', '--as', `student:${DEMO_IDS.studentAllClear}`, 'When do my documents expire?'],
      { ...env, PASSERELLE_TOKEN: world.tokens.service },
      io,
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const reply = JSON.parse(out[0] ?? '{}') as { text: string; operations: string[] };
    expect(reply.operations).toEqual(['students.get']);
    const student = world.data.students.find((s) => s.id === DEMO_IDS.studentAllClear);
    expect(reply.text).toContain(student?.preferredName ?? student?.fullName ?? '?');

    out.length = 0;
    const staff = await ask(
      ['--as', 'staff', 'How many students from Germany?'],
      {
        ...env,
        PASSERELLE_TOKEN: world.tokens.staff,
      },
      io,
    );
    expect(staff).toBe(0);
    expect(out[0]).toMatch(/^\d+ students \(from Germany\)\./);
  }, 60_000);

  it('chats in this process, picking a suggestion with /1', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => {
      printed += chunk.toString('utf8');
    });
    const done = chat(['--as', 'student'], env, { input, output, err: () => {} });
    input.end('Who is my advisor?\n/1\n\n/quit\n');
    expect(await done).toBe(0);
    expect(printed).toContain('Advisor: Zhou Lan');
    expect(printed).toContain('> When do my documents expire?');
    expect(printed).toMatch(/residence permit: valid until \w{3} \d{1,2} \w{3,4} \d{4}/);
  }, 60_000);

  it('reads the demo tokens file, and refuses one that is not', async () => {
    expect((await readDemoTokens(dataDir))?.service).toBe(world.tokens.service);
    const bad = await mkdtemp(join(tmpdir(), 'passerelle-bad-'));
    await writeFile(join(bad, 'demo-tokens.json'), '{"admin": 1}');
    await expect(readDemoTokens(bad)).rejects.toThrow(/is not a demo-tokens file/);
    await rm(bad, { recursive: true, force: true });
  });
});

/** How the console finds its token and its person, against a scripted API. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import type { Fetch } from '@passerelle/sdk';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadBotConfig } from '../config';
import { createMemoryState } from '../state';
import { ask } from './ask';
import { chat } from './chat';
import { ConsoleSetupError, createConsoleBot, readDemoTokens } from './setup';

type Reply = { status: number; body?: unknown };

/** An API that answers by path; `token` says which token was sent. */
function api(answer: (path: string, token: string | null, actAs: string | null) => Reply): Fetch {
  return async (url, init) => {
    const headers = new Headers(init.headers);
    const token = headers.get('authorization')?.replace('Bearer ', '') ?? null;
    const { status, body } = answer(new URL(url).pathname, token, headers.get('passerelle-act-as'));
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  };
}

const notFound: Reply = {
  status: 404,
  body: { type: 'urn:passerelle:problem:not-found', status: 404 },
};
const forbidden: Reply = {
  status: 403,
  body: { type: 'urn:passerelle:problem:forbidden', status: 403 },
};
const page = (data: unknown[]): Reply => ({ status: 200, body: { data, next_cursor: null } });

const config = (env: Record<string, string> = {}) =>
  loadBotConfig({ PASSERELLE_URL: 'http://api.test', PASSERELLE_TOKEN: 'psl_x', ...env });

describe('createConsoleBot', () => {
  it('says when the demo person is not bound', async () => {
    const fetch = api((path) => (path === '/v1/bindings/resolve' ? notFound : page([])));
    const failure = createConsoleBot({ config: config(), as: { kind: 'staff' }, fetch });
    await expect(failure).rejects.toThrow(ConsoleSetupError);
    await expect(failure).rejects.toThrow(/demo staff \(slack user demo-staff\) is not bound/);
  });

  it('passes on a failure it cannot explain', async () => {
    const down = api(() => ({
      status: 500,
      body: { type: 'urn:passerelle:problem:internal', status: 500 },
    }));
    await expect(
      createConsoleBot({ config: config(), as: { kind: 'guest' }, fetch: down }),
    ).rejects.toThrow();
    const probeFails = api((path) =>
      path === '/v1/bindings/resolve'
        ? notFound
        : { status: 500, body: { type: 'urn:passerelle:problem:internal', status: 500 } },
    );
    await expect(
      createConsoleBot({
        config: config(),
        as: { kind: 'staff', id: 'stf_demo000002' },
        fetch: probeFails,
      }),
    ).rejects.toThrow(/500|internal|Internal/);
    const bindingFails = api((path) =>
      path === '/v1/bindings/resolve'
        ? { status: 502, body: { type: 'urn:passerelle:problem:internal', status: 502 } }
        : page([]),
    );
    await expect(
      createConsoleBot({ config: config(), as: { kind: 'student' }, fetch: bindingFails }),
    ).rejects.toThrow();
  });

  it("uses a person's own token directly, with that token's rights", async () => {
    const fetch = api((path) => {
      if (path === '/v1/bindings/resolve') return forbidden;
      if (path === '/v1/students') return page([{ id: 'stu_demo000007', fullName: 'Ana' }]);
      return page([]);
    });
    const state = createMemoryState();
    const student = await createConsoleBot({
      config: config(),
      as: { kind: 'student' },
      fetch,
      state,
    });
    expect(student.asker).toMatchObject({ role: 'student', studentId: 'stu_demo000007' });
    const named = await createConsoleBot({
      config: config(),
      as: { kind: 'student', id: 'stu_demo000003' },
      fetch,
      state,
    });
    expect(named.asker.studentId).toBe('stu_demo000003');
    const staff = await createConsoleBot({ config: config(), as: { kind: 'staff' }, fetch, state });
    expect(staff.asker.role).toBe('staff');
    const guest = await createConsoleBot({ config: config(), as: { kind: 'guest' }, fetch, state });
    expect(guest.asker.role).toBe('guest');
    const nobody = await createConsoleBot({
      config: config(),
      as: { kind: 'student' },
      fetch: api((path) => (path === '/v1/bindings/resolve' ? forbidden : page([]))),
      state,
    });
    expect(nobody.asker.studentId).toBeUndefined();
    await state.close();
  });
});

describe('the console commands in this process', () => {
  let dataDir: string;
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'passerelle-setup-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('writes to the terminal by default', async () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      expect(await ask(['--help'], {})).toBe(0);
    } finally {
      spy.mockRestore();
    }
    expect(written.join('')).toContain('Usage:');
  });

  it('prints the usage for --help, a bad option or no question', async () => {
    expect(await ask(['--help'], {}, io)).toBe(0);
    expect(err.pop()).toContain('Usage:');
    expect(await ask(['--as', 'admin', 'hi'], {}, io)).toBe(2);
    expect(err.pop()).toMatch(/^--as must be staff, student, guest/);
    expect(await ask([], {}, io)).toBe(2);
    expect(await ask(['--bogus'], {}, io)).toBe(2);
    expect(out).toEqual([]);
  });

  it('says what is wrong with the configuration or the API', async () => {
    expect(await ask(['hi'], { RATE_LIMIT_PER_MINUTE: 'many' }, io)).toBe(1);
    expect(err.pop()).toContain('RATE_LIMIT_PER_MINUTE');
    expect(
      await ask(['hi'], { PASSERELLE_URL: 'http://127.0.0.1:9', PASSERELLE_TOKEN: 'psl_x' }, io),
    ).toBe(1);
    expect(err.pop()).toMatch(/reach|connect|fetch/i);
  });

  it('treats an unreadable demo-tokens file as no file of demo tokens', async () => {
    await writeFile(join(dataDir, 'demo-tokens.json'), 'not json');
    await expect(readDemoTokens(dataDir)).rejects.toThrow(/not a demo-tokens file/);
  });

  it('chat prints the usage, and says why it cannot start', async () => {
    const lines: string[] = [];
    const make = () => ({
      input: Readable.from([]),
      output: new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
      err: (t: string) => lines.push(t),
    });
    expect(await chat(['--help'], {}, make())).toBe(0);
    expect(await chat(['--as', 'root'], {}, make())).toBe(2);
    expect(await chat([], { DATA_DIR: dataDir, PASSERELLE_TOKEN: '' }, make())).toBe(1);
    expect(lines.join('\n')).toContain('Usage:');
    expect(lines.join('\n')).toContain('--as must be');
    expect(lines.join('\n')).toContain('not a demo-tokens file');
  });
});

/** Binding codes: who may make them, expiry, single use, and the attempt limits. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseCode } from '../src/routes/bindings';
import { ids } from './fixtures';
import { expectProblem, type JsonObject, startTestApi, storeKinds, type TestApi } from './helpers';

describe('normaliseCode', () => {
  it('accepts what people type: any case, spaces, dashes, O for 0, I and L for 1', () => {
    expect(normaliseCode(' k7q2-9xmd ')).toBe('K7Q29XMD');
    expect(normaliseCode('oIlL 0000')).toBe('01110000');
  });
});

describe.each(storeKinds)('bindings on %s', (store) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({
      store,
      config: { BINDING_MAX_ATTEMPTS: 3, BINDING_WINDOW_MINUTES: 10 },
    });
  });
  afterAll(async () => {
    await api?.close();
  });

  async function newCode(body: JsonObject = { studentId: ids.student }): Promise<string> {
    const created = await api.json<JsonObject>('/v1/bindings/codes', {
      token: api.tokens.staff,
      body,
    });
    expect(created.status).toBe(201);
    return created.body.code as string;
  }

  const bind = (code: string, userId: string, token = api.tokens.service) =>
    api.fetch('/v1/bindings', { token, body: { channel: 'wechat', userId, code } });

  it('staff create codes that expire in 15 minutes by default; others may not', async () => {
    const created = await api.json<JsonObject>('/v1/bindings/codes', {
      token: api.tokens.staff,
      body: { studentId: ids.student },
    });
    expect(created.body.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(created.body.subject).toEqual({ kind: 'student', id: ids.student });
    expect(Date.parse(created.body.expiresAt as string) - api.clock.now().getTime()).toBe(
      15 * 60_000,
    );

    await expectProblem(
      await api.fetch('/v1/bindings/codes', {
        token: api.tokens.service,
        body: { studentId: ids.student },
      }),
      403,
      'forbidden',
    );
    await expectProblem(
      await api.fetch('/v1/bindings/codes', {
        token: api.tokens.student.token,
        body: { studentId: ids.student },
      }),
      404,
      'not-found',
    );
    await expectProblem(
      await api.fetch('/v1/bindings/codes', {
        token: api.tokens.staff,
        body: { studentId: ids.student, staffId: ids.staff },
      }),
      400,
      'validation',
    );
    await expectProblem(
      await api.fetch('/v1/bindings/codes', {
        token: api.tokens.staff,
        body: { studentId: 'stu_nobody000001' },
      }),
      400,
      'validation',
    );
  });

  it('binds a chat identity once per code, and resolves it for the bot', async () => {
    const code = await newCode();
    const bound = await api.json<JsonObject>('/v1/bindings', {
      token: api.tokens.service,
      body: { channel: 'wechat', userId: 'wx-alice', code: code.toLowerCase() },
    });
    expect(bound.status).toBe(201);
    expect(bound.body).toMatchObject({
      channel: 'wechat',
      userId: 'wx-alice',
      subject: { kind: 'student', id: ids.student },
    });

    const resolved = await api.json<JsonObject>(
      '/v1/bindings/resolve?channel=wechat&userId=wx-alice',
      {
        token: api.tokens.service,
      },
    );
    expect(resolved.status).toBe(200);
    expect(resolved.body.subject).toEqual({ kind: 'student', id: ids.student });

    const again = await expectProblem(await bind(code, 'wx-mallory'), 422, 'rule-violation');
    expect(again.rule).toBe('binding.code_used');
    await expectProblem(
      await api.fetch('/v1/bindings/resolve?channel=wechat&userId=wx-mallory', {
        token: api.tokens.service,
      }),
      404,
      'not-found',
    );
    await expectProblem(
      await api.fetch('/v1/bindings/resolve?channel=wechat&userId=wx-alice', {
        token: api.tokens.staff,
      }),
      403,
      'forbidden',
    );
  });

  it('lets one of many simultaneous uses of a code through', async () => {
    const code = await newCode();
    const responses = await Promise.all(
      Array.from({ length: 5 }, (_, index) => bind(code, `wx-racer-${index}`)),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([201, 422, 422, 422, 422]);
  });

  it('refuses an expired code', async () => {
    const code = await newCode();
    api.clock.advance(16 * 60_000);
    const problem = await expectProblem(await bind(code, 'wx-late'), 422, 'rule-violation');
    expect(problem.rule).toBe('binding.code_expired');
    expect(((problem.data as JsonObject).messages as JsonObject).fr).toContain('expiré');
  });

  it('lets the person the code is for bind themself, and nobody else', async () => {
    const code = await newCode({ studentId: ids.student });
    const wrong = await expectProblem(
      await bind(code, 'wx-other', api.tokens.otherStudent.token),
      422,
      'rule-violation',
    );
    expect(wrong.rule).toBe('binding.code_invalid');
    expect((await bind(code, 'wx-self', api.tokens.student.token)).status).toBe(201);
  });

  it('limits failed attempts per chat user, with Retry-After', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const problem = await expectProblem(
        await bind('ZZZZ-ZZZZ', 'wx-guesser'),
        422,
        'rule-violation',
      );
      expect(problem.rule).toBe('binding.code_invalid');
    }
    const code = await newCode();
    const limited = await bind(code, 'wx-guesser');
    expect(limited.headers.get('retry-after')).toBe('600');
    await expectProblem(limited, 429, 'rate-limited');
    // Another user is not affected, and the window passes.
    api.clock.advance(11 * 60_000);
    expect((await bind(await newCode(), 'wx-guesser')).status).toBe(201);
  });

  it('locks a code after as many wrong guesses of its second half', async () => {
    const code = await newCode();
    const [first] = code.split('-');
    for (let attempt = 0; attempt < 3; attempt++) {
      await expectProblem(
        await bind(`${first}-0000`, `wx-brute-${attempt}`),
        422,
        'rule-violation',
      );
    }
    const locked = await expectProblem(await bind(code, 'wx-owner'), 422, 'rule-violation');
    expect(locked.rule).toBe('binding.code_locked');
  });
});

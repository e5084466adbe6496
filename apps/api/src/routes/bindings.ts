/**
 * Binding a chat identity (a WeChat or Slack user) to a student or a member of staff, so the
 * bot can act for them:
 *
 * 1. staff create a one-time code for the person (POST /v1/bindings/codes), and give it to them;
 * 2. the person sends the code to the bot, which binds their chat identity (POST /v1/bindings);
 * 3. the bot resolves the chat identity on each message (GET /v1/bindings/resolve) and acts
 *    for the person with `Passerelle-Act-As`.
 *
 * A code is `XXXX-XXXX` (Crockford base 32, 40 bits). Its first half is stored as a lookup
 * key and the whole as a sha-256. Codes expire (15 minutes by default) and work once. Failed
 * attempts are counted in the database per channel user (BINDING_MAX_ATTEMPTS per
 * BINDING_WINDOW_MINUTES, then 429) and per code (a code is locked after as many wrong
 * guesses of its second half).
 */
import { randomBytes } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import { fail, Instant, StaffId, StudentId, type Violation } from '@passerelle/core';
import { and, count, eq, gte, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { writeAudit } from '../audit';
import { Channel, ChannelUserId, type Subject } from '../auth/identity';
import { type Access, authorize, denied } from '../auth/policy';
import { sha256, subjectExists, toSubject } from '../auth/tokens';
import { bindingAttempts, bindingCodes, channelBindings } from '../db/schema';
import type { Db } from '../db/store';
import { type App, type AppDeps, authOf } from '../http/context';
import { ApiError } from '../http/problem';
import { newLocalId } from '../ids';
import { actorOf, bearer, errors } from './common';

const tags = ['Bindings'];
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const SubjectSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('student'), id: StudentId }),
    z.object({ kind: z.literal('staff'), id: StaffId }),
  ])
  .meta({ id: 'BindingSubject' });

const NewCodeBody = z
  .object({
    studentId: StudentId.optional(),
    staffId: StaffId.optional(),
    expiresInMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .optional(),
  })
  .refine((body) => (body.studentId === undefined) !== (body.staffId === undefined), {
    message: 'give exactly one of studentId and staffId',
    path: ['studentId'],
  })
  .meta({ id: 'NewBindingCode' });

const BindingCode = z
  .object({
    code: z
      .string()
      .meta({ example: 'K7Q2-9XMD', description: 'Shown once; give it to the person.' }),
    subject: SubjectSchema,
    expiresAt: Instant,
  })
  .meta({ id: 'BindingCode' });

const BindBody = z
  .object({
    channel: Channel,
    userId: ChannelUserId,
    code: z.string().trim().min(1).max(20),
  })
  .meta({ id: 'NewBinding' });

const Binding = z
  .object({
    channel: Channel,
    userId: z.string(),
    subject: SubjectSchema,
    createdAt: z.string(),
  })
  .meta({ id: 'Binding' });

const createCode = createRoute({
  method: 'post',
  path: '/v1/bindings/codes',
  tags,
  summary: 'Create a one-time binding code for a student or a member of staff (staff)',
  security: bearer,
  request: { body: { required: true, content: { 'application/json': { schema: NewCodeBody } } } },
  responses: {
    201: { description: 'The code', content: { 'application/json': { schema: BindingCode } } },
    ...errors(403, 404, 413, 415),
  },
});

const bind = createRoute({
  method: 'post',
  path: '/v1/bindings',
  tags,
  summary: 'Bind a chat identity with a code (service, or the person the code is for)',
  description:
    'Refusals are 422 with rule `binding.code_invalid`, `binding.code_expired`, `binding.code_used` or `binding.code_locked`; too many failed attempts for one chat user are 429 with Retry-After.',
  security: bearer,
  request: { body: { required: true, content: { 'application/json': { schema: BindBody } } } },
  responses: {
    201: { description: 'Bound', content: { 'application/json': { schema: Binding } } },
    ...errors(403, 404, 413, 415, 422, 429),
  },
});

const resolve = createRoute({
  method: 'get',
  path: '/v1/bindings/resolve',
  tags,
  summary: 'Who a chat identity is bound to (service)',
  security: bearer,
  request: { query: z.object({ channel: Channel, userId: ChannelUserId }) },
  responses: {
    200: { description: 'The binding', content: { 'application/json': { schema: Binding } } },
    ...errors(403, 404),
  },
});

/** A new code: 8 Crockford characters shown as `XXXX-XXXX`. */
function generateCode(): string {
  let code = '';
  for (const byte of randomBytes(8)) code += CROCKFORD.charAt(byte % 32);
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What people type: any case, with or without the dash, O for 0 and I or L for 1. */
export function normaliseCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

function refusal(
  rule: string,
  en: string,
  zh: string,
  fr: string,
  data: Record<string, unknown> = {},
): ApiError {
  const result = fail(rule, { en, zh, fr }, data);
  return ApiError.fromViolation(result.violation satisfies Violation);
}

const invalidCode = () =>
  refusal(
    'binding.code_invalid',
    'This binding code is not valid. Check it, or ask the office for a new one.',
    '该绑定码无效。请核对，或向办公室索取新的绑定码。',
    "Ce code de liaison n'est pas valide. Vérifiez-le ou demandez-en un nouveau au bureau.",
  );

export function registerBindings(app: App, deps: AppDeps): void {
  const { db } = deps.store;
  const { config } = deps;

  app.openapi(createCode, async (c) => {
    authorize(authOf(c), 'binding_codes', 'create');
    const body = c.req.valid('json');
    const subject: Subject | undefined =
      body.studentId !== undefined
        ? { kind: 'student', id: body.studentId }
        : body.staffId !== undefined
          ? { kind: 'staff', id: body.staffId }
          : undefined;
    // The body schema requires exactly one of the two.
    if (subject === undefined) throw new ApiError('validation');
    if (!(await subjectExists(db, subject))) {
      const path = subject.kind === 'student' ? 'body.studentId' : 'body.staffId';
      throw new ApiError('validation', {
        detail: `There is no ${subject.kind} ${subject.id}.`,
        errors: [{ path, message: `there is no ${subject.kind} ${subject.id}` }],
      });
    }
    const actor = actorOf(c, deps);
    const code = generateCode();
    const normalised = normaliseCode(code);
    const minutes = body.expiresInMinutes ?? config.BINDING_CODE_MINUTES;
    const expiresAt = new Date(actor.now.getTime() + minutes * 60_000).toISOString();
    const id = newLocalId('bdc', actor.now.getTime());
    await db.transaction(async (tx) => {
      await tx.insert(bindingCodes).values({
        id,
        lookup: normalised.slice(0, 4),
        hash: sha256(normalised),
        subjectKind: subject.kind,
        subjectId: subject.id,
        createdBy: actor.auth.tokenId,
        createdAt: actor.now.toISOString(),
        expiresAt,
      });
      await writeAudit(tx, actor, {
        action: 'binding_code.create',
        entity: 'binding_code',
        entityId: id,
        details: { subject: `${subject.kind}:${subject.id}`, expiresAt },
      });
    });
    return c.json({ code, subject, expiresAt }, 201);
  });

  app.openapi(bind, async (c) => {
    const auth = authOf(c);
    const access = authorize(auth, 'bindings', 'create');
    const { channel, userId, code } = c.req.valid('json');
    const actor = actorOf(c, deps);
    const nowIso = actor.now.toISOString();
    const windowStart = new Date(actor.now.getTime() - config.BINDING_WINDOW_MINUTES * 60_000);

    const [failures] = await db
      .select({ n: count() })
      .from(bindingAttempts)
      .where(
        and(
          eq(bindingAttempts.channel, channel),
          eq(bindingAttempts.userId, userId),
          eq(bindingAttempts.succeeded, false),
          gte(bindingAttempts.at, windowStart.toISOString()),
        ),
      );
    if (Number(failures?.n ?? 0) >= config.BINDING_MAX_ATTEMPTS) {
      throw new ApiError('rate_limited', {
        detail: `Too many failed binding attempts for this ${channel} user; try again later.`,
        headers: { 'Retry-After': String(config.BINDING_WINDOW_MINUTES * 60) },
      });
    }

    const recordAttempt = (succeeded: boolean, on: Pick<Db, 'insert'> = db) =>
      on.insert(bindingAttempts).values({
        id: newLocalId('bat', actor.now.getTime()),
        channel,
        userId,
        at: nowIso,
        succeeded,
      });

    const normalised = normaliseCode(code);
    const candidates = /^[0-9A-Z]{8}$/.test(normalised)
      ? await db
          .select()
          .from(bindingCodes)
          .where(eq(bindingCodes.lookup, normalised.slice(0, 4)))
      : [];
    const hash = sha256(normalised);
    const match = candidates.find((candidate) => candidate.hash === hash);
    const subject = match === undefined ? undefined : toSubject(match.subjectKind, match.subjectId);

    if (match === undefined || subject === undefined || !mayBind(access, auth, subject)) {
      // A wrong second half counts against every live code with that first half.
      await db
        .update(bindingCodes)
        .set({ attempts: sql`${bindingCodes.attempts} + 1` })
        .where(
          and(
            eq(bindingCodes.lookup, normalised.slice(0, 4)),
            isNull(bindingCodes.usedAt),
            gte(bindingCodes.expiresAt, nowIso),
          ),
        );
      await recordAttempt(false);
      throw invalidCode();
    }
    if (match.attempts >= config.BINDING_MAX_ATTEMPTS) {
      await recordAttempt(false);
      throw refusal(
        'binding.code_locked',
        'This binding code was locked after too many wrong tries. Ask the office for a new one.',
        '该绑定码因多次输入错误已被锁定。请向办公室索取新的绑定码。',
        'Ce code de liaison a été bloqué après trop d’essais erronés. Demandez-en un nouveau au bureau.',
      );
    }
    if (match.usedAt !== null) {
      await recordAttempt(false);
      throw refusal(
        'binding.code_used',
        'This binding code has already been used. Ask the office for a new one.',
        '该绑定码已被使用。请向办公室索取新的绑定码。',
        'Ce code de liaison a déjà été utilisé. Demandez-en un nouveau au bureau.',
      );
    }
    if (Date.parse(match.expiresAt) <= actor.now.getTime()) {
      await recordAttempt(false);
      throw refusal(
        'binding.code_expired',
        'This binding code has expired. Ask the office for a new one.',
        '该绑定码已过期。请向办公室索取新的绑定码。',
        'Ce code de liaison a expiré. Demandez-en un nouveau au bureau.',
        { expiredAt: match.expiresAt },
      );
    }

    const binding = await db.transaction(async (tx) => {
      // Only one request can use a code, however many arrive at once.
      const taken = await tx
        .update(bindingCodes)
        .set({ usedAt: nowIso })
        .where(and(eq(bindingCodes.id, match.id), isNull(bindingCodes.usedAt)))
        .returning({ id: bindingCodes.id });
      if (taken.length === 0) return undefined;
      const [row] = await tx
        .insert(channelBindings)
        .values({
          channel,
          userId,
          subjectKind: subject.kind,
          subjectId: subject.id,
          createdAt: nowIso,
          codeId: match.id,
        })
        .onConflictDoUpdate({
          target: [channelBindings.channel, channelBindings.userId],
          set: {
            subjectKind: subject.kind,
            subjectId: subject.id,
            createdAt: nowIso,
            codeId: match.id,
          },
        })
        .returning();
      await recordAttempt(true, tx);
      await writeAudit(tx, actor, {
        action: 'binding.create',
        entity: 'binding',
        entityId: `${channel}:${userId}`,
        details: { subject: `${subject.kind}:${subject.id}` },
      });
      return row;
    });
    if (binding === undefined) {
      await recordAttempt(false);
      throw refusal(
        'binding.code_used',
        'This binding code has already been used. Ask the office for a new one.',
        '该绑定码已被使用。请向办公室索取新的绑定码。',
        'Ce code de liaison a déjà été utilisé. Demandez-en un nouveau au bureau.',
      );
    }
    deps.authenticator.invalidate();
    return c.json({ channel, userId, subject, createdAt: binding.createdAt }, 201);
  });

  app.openapi(resolve, async (c) => {
    const auth = authOf(c);
    const access = authorize(auth, 'bindings', 'read');
    if (access !== 'all') throw denied(auth);
    const { channel, userId } = c.req.valid('query');
    const [row] = await db
      .select()
      .from(channelBindings)
      .where(and(eq(channelBindings.channel, channel), eq(channelBindings.userId, userId)))
      .limit(1);
    const subject = row === undefined ? undefined : toSubject(row.subjectKind, row.subjectId);
    if (row === undefined || subject === undefined) {
      throw new ApiError('not_found', { detail: `No one is bound to ${channel} user ${userId}.` });
    }
    return c.json({ channel, userId, subject, createdAt: row.createdAt }, 200);
  });
}

/** A service binds anyone with a valid code; a person binds only with a code made for them. */
function mayBind(access: Access, auth: ReturnType<typeof authOf>, subject: Subject): boolean {
  if (access === 'all') return true;
  const identity = auth.identity;
  if (subject.kind === 'student')
    return identity.role === 'student' && identity.studentId === subject.id;
  return (
    (identity.role === 'staff' || identity.role === 'admin') && identity.staffId === subject.id
  );
}

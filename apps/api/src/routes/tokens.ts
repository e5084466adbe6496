/** /v1/tokens: API tokens, for admins. A token's text is shown once, at creation. */
import { createRoute } from '@hono/zod-openapi';
import { Instant, StaffId, StudentId } from '@passerelle/core';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { writeAudit } from '../audit';
import { actorId, Role, type Subject } from '../auth/identity';
import { authorize } from '../auth/policy';
import { createToken, subjectExists, type TokenRow } from '../auth/tokens';
import { keysetPage, pageOf, pageQuery } from '../db/keyset';
import { tokens } from '../db/schema';
import { type App, type AppDeps, authOf } from '../http/context';
import { ApiError, type FieldError } from '../http/problem';
import { actorOf, bearer, errors } from './common';

const tags = ['Tokens'];

export const TokenView = z
  .object({
    id: z.string(),
    role: Role,
    name: z.string(),
    studentId: z.string().nullable(),
    staffId: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: 'Token' });
export type TokenView = z.infer<typeof TokenView>;

const NewTokenBody = z
  .object({
    role: Role,
    name: z.string().trim().min(1).max(100).meta({ description: 'Who or what holds the token.' }),
    studentId: StudentId.optional().meta({ description: 'Required for the student role.' }),
    staffId: StaffId.optional().meta({ description: 'For admin and staff tokens: who holds it.' }),
    expiresAt: Instant.optional(),
  })
  .meta({ id: 'NewToken' });

const CreatedToken = TokenView.extend({
  token: z.string().meta({ description: 'The token itself; shown only this once.' }),
}).meta({ id: 'CreatedToken' });

const IdParams = z.object({
  id: z
    .string()
    .regex(/^tok_[0-9A-Z]{26}$/, 'must be a token id (tok_…)')
    .meta({ param: { name: 'id', in: 'path' } }),
});

const create = createRoute({
  method: 'post',
  path: '/v1/tokens',
  tags,
  summary: 'Create a token (admin)',
  security: bearer,
  request: { body: { required: true, content: { 'application/json': { schema: NewTokenBody } } } },
  responses: {
    201: { description: 'The token', content: { 'application/json': { schema: CreatedToken } } },
    ...errors(403, 404, 413, 415),
  },
});

const list = createRoute({
  method: 'get',
  path: '/v1/tokens',
  tags,
  summary: 'List tokens (admin)',
  security: bearer,
  request: { query: z.object(pageQuery) },
  responses: {
    200: {
      description: 'A page of tokens, newest first, revoked ones included',
      content: { 'application/json': { schema: pageOf(TokenView, 'TokenPage') } },
    },
    ...errors(403, 404),
  },
});

const revoke = createRoute({
  method: 'delete',
  path: '/v1/tokens/{id}',
  tags,
  summary: 'Revoke a token (admin)',
  security: bearer,
  request: { params: IdParams },
  responses: { 204: { description: 'Revoked' }, ...errors(403, 404) },
});

export function toTokenView(row: TokenRow): TokenView {
  const { hash: _hash, ...rest } = row;
  return { ...rest, role: Role.parse(row.role) };
}

export function registerTokens(app: App, deps: AppDeps): void {
  const { db } = deps.store;

  app.openapi(create, async (c) => {
    const auth = authOf(c);
    authorize(auth, 'tokens', 'create');
    const body = c.req.valid('json');
    const problems: FieldError[] = [];
    if (body.role === 'student' && body.studentId === undefined) {
      problems.push({ path: 'body.studentId', message: 'a student token needs a studentId' });
    }
    if (body.role !== 'student' && body.studentId !== undefined) {
      problems.push({ path: 'body.studentId', message: 'only student tokens have a studentId' });
    }
    if (body.staffId !== undefined && body.role !== 'admin' && body.role !== 'staff') {
      problems.push({
        path: 'body.staffId',
        message: 'only admin and staff tokens have a staffId',
      });
    }
    const subjects: [string, Subject][] = [];
    if (body.studentId !== undefined)
      subjects.push(['body.studentId', { kind: 'student', id: body.studentId }]);
    if (body.staffId !== undefined)
      subjects.push(['body.staffId', { kind: 'staff', id: body.staffId }]);
    for (const [path, subject] of subjects) {
      if (!(await subjectExists(db, subject))) {
        problems.push({ path, message: `there is no ${subject.kind} ${subject.id}` });
      }
    }
    if (problems.length > 0) {
      throw new ApiError('validation', {
        detail: problems.map((problem) => `${problem.path}: ${problem.message}`).join('; '),
        errors: problems,
      });
    }
    const actor = actorOf(c, deps);
    const created = await db.transaction(async (tx) => {
      const result = await createToken(
        tx,
        { ...body, createdBy: actorId(auth) ?? auth.tokenId },
        actor.now,
      );
      await writeAudit(tx, actor, {
        action: 'token.create',
        entity: 'token',
        entityId: result.row.id,
        details: { role: body.role, name: body.name },
      });
      return result;
    });
    c.header('Location', `/v1/tokens/${created.row.id}`);
    return c.json({ ...toTokenView(created.row), token: created.token }, 201);
  });

  app.openapi(list, async (c) => {
    authorize(authOf(c), 'tokens', 'read');
    const query = c.req.valid('query');
    const page = await keysetPage(db, {
      table: tokens,
      columns: {
        id: tokens.id,
        role: tokens.role,
        name: tokens.name,
        studentId: tokens.studentId,
        staffId: tokens.staffId,
        createdAt: tokens.createdAt,
        createdBy: tokens.createdBy,
        expiresAt: tokens.expiresAt,
        revokedAt: tokens.revokedAt,
        lastUsedAt: tokens.lastUsedAt,
      },
      keys: [tokens.createdAt, tokens.id],
      descending: true,
      where: [],
      limit: query.limit,
      cursor: query.cursor,
      sort: '-created',
    });
    return c.json(
      { data: page.rows.map((row) => TokenView.parse(row)), next_cursor: page.next_cursor },
      200,
    );
  });

  app.openapi(revoke, async (c) => {
    authorize(authOf(c), 'tokens', 'delete');
    const { id } = c.req.valid('param');
    const actor = actorOf(c, deps);
    await db.transaction(async (tx) => {
      const [row] = await tx.select().from(tokens).where(eq(tokens.id, id)).for('update');
      if (row === undefined) throw ApiError.notFound(`Token ${id}`);
      if (row.revokedAt !== null) return;
      await tx.update(tokens).set({ revokedAt: actor.now.toISOString() }).where(eq(tokens.id, id));
      await writeAudit(tx, actor, { action: 'token.revoke', entity: 'token', entityId: id });
    });
    deps.authenticator.invalidate();
    return c.body(null, 204);
  });
}

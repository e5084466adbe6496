/** GET /v1/audit: the audit log, newest first, for admins. */
import { createRoute } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { Role } from '../auth/identity';
import { authorize } from '../auth/policy';
import { keysetPage, pageOf, pageQuery } from '../db/keyset';
import { auditLog } from '../db/schema';
import { type App, type AppDeps, authOf } from '../http/context';
import { bearer, errors } from './common';

export const AuditEntry = z
  .object({
    id: z.string(),
    at: z.string(),
    tokenId: z.string().nullable(),
    actorRole: Role,
    actorId: z.string().nullable(),
    onBehalfOf: z.string().nullable(),
    action: z.string().meta({ example: 'student.transition' }),
    entity: z.string(),
    entityId: z.string(),
    versionBefore: z.number().int().nullable(),
    versionAfter: z.number().int().nullable(),
    requestId: z.string().nullable(),
    details: z.unknown(),
  })
  .meta({ id: 'AuditEntry' });

const AuditQuery = z.object({
  ...pageQuery,
  entity: z.string().trim().min(1).max(50).optional().meta({ example: 'student' }),
  entity_id: z.string().trim().min(1).max(100).optional(),
  actor_id: z.string().trim().min(1).max(100).optional(),
});

const list = createRoute({
  method: 'get',
  path: '/v1/audit',
  tags: ['Audit'],
  summary: 'Read the audit log (admin)',
  security: bearer,
  request: { query: AuditQuery },
  responses: {
    200: {
      description: 'A page of entries, newest first',
      content: { 'application/json': { schema: pageOf(AuditEntry, 'AuditPage') } },
    },
    ...errors(403, 404),
  },
});

export function registerAudit(app: App, deps: AppDeps): void {
  app.openapi(list, async (c) => {
    authorize(authOf(c), 'audit', 'read');
    const query = c.req.valid('query');
    const page = await keysetPage(deps.store.db, {
      table: auditLog,
      columns: {
        id: auditLog.id,
        at: auditLog.at,
        tokenId: auditLog.tokenId,
        actorRole: auditLog.actorRole,
        actorId: auditLog.actorId,
        onBehalfOf: auditLog.onBehalfOf,
        action: auditLog.action,
        entity: auditLog.entity,
        entityId: auditLog.entityId,
        versionBefore: auditLog.versionBefore,
        versionAfter: auditLog.versionAfter,
        requestId: auditLog.requestId,
        details: auditLog.details,
      },
      // Entries are filtered by one column at a time at most; each filter has its index.
      keys: [auditLog.at, auditLog.id],
      descending: true,
      where: [
        query.entity === undefined ? undefined : eq(auditLog.entity, query.entity),
        query.entity_id === undefined ? undefined : eq(auditLog.entityId, query.entity_id),
        query.actor_id === undefined ? undefined : eq(auditLog.actorId, query.actor_id),
      ],
      limit: query.limit,
      cursor: query.cursor,
      sort: '-at',
    });
    return c.json(
      { data: page.rows.map((row) => AuditEntry.parse(row)), next_cursor: page.next_cursor },
      200,
    );
  });
}

/**
 * The audit log: every write records who did it (token and person), for whom a service
 * acted, when, what, on which record, and the version before and after. `writeAudit` runs in
 * the transaction of the change it records, so there is no change without its entry.
 */
import type { Auth } from './auth/identity';
import { actorId } from './auth/identity';
import { insertRow } from './db/records';
import { auditLog } from './db/schema';
import type { Queryable } from './db/store';
import { newLocalId } from './ids';

/** Who is writing, taken from the request. */
export interface Actor {
  auth: Auth;
  requestId: string;
  now: Date;
}

export interface AuditEntry {
  /** What happened, `<entity>.<verb>`: `student.create`, `student.transition`, `token.revoke`. */
  action: string;
  entity: string;
  entityId: string;
  versionBefore?: number | undefined;
  versionAfter?: number | undefined;
  /** A little context (the new status, the fields changed); never a secret or a document number. */
  details?: Record<string, unknown>;
}

export async function writeAudit(db: Queryable, actor: Actor, entry: AuditEntry): Promise<void> {
  const { auth } = actor;
  const onBehalfOf = auth.actingFor;
  await insertRow(db, auditLog, {
    id: newLocalId('aud', actor.now.getTime()),
    at: actor.now.toISOString(),
    tokenId: auth.tokenId,
    actorRole: auth.identity.role,
    actorId: actorId(auth) ?? null,
    onBehalfOf: onBehalfOf ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    versionBefore: entry.versionBefore ?? null,
    versionAfter: entry.versionAfter ?? null,
    requestId: actor.requestId,
    details: entry.details ?? null,
  });
}

/**
 * The three writes every resource does — create, change, remove — each in one transaction
 * with its audit entry, and (for change and remove) the row locked, If-Match checked and the
 * version bumped. Routes call these; they never write an entity table by hand.
 */
import { type Actor, writeAudit } from '../audit';
import { checkIfMatch } from '../http/conditional';
import { ApiError } from '../http/problem';
import {
  deleteRecord,
  type EntityTable,
  findRecord,
  insertRecord,
  type Repository,
  type StoredRecord,
  updateRecord,
} from './records';
import type { Db, Tx } from './store';

export interface WriteOptions {
  /** The audit action; `<entity>.create`, `<entity>.update` or `<entity>.delete` by default. */
  action?: string;
  details?: Record<string, unknown>;
}

/** Inserts a new record (version 1) and its audit entry. */
export async function createRecord<R extends StoredRecord, T extends EntityTable>(
  db: Db,
  actor: Actor,
  repository: Repository<R, T>,
  record: R,
  options: WriteOptions = {},
): Promise<R> {
  const checked = repository.schema.parse(record);
  await db.transaction(async (tx) => {
    await guardUnique(() => insertRecord(tx, repository, checked), repository.entity);
    await writeAudit(tx, actor, {
      action: options.action ?? `${repository.entity}.create`,
      entity: repository.entity,
      entityId: checked.id,
      versionAfter: checked.version,
      ...(options.details === undefined ? {} : { details: options.details }),
    });
  });
  return checked;
}

export interface ChangeOptions<R> extends WriteOptions {
  /** The request's If-Match header, if any. */
  ifMatch?: string | undefined;
  /**
   * The new record from the current one; it may throw an ApiError to refuse (a core rule's
   * violation, say). Id, version and updatedAt are set by `changeRecord`.
   */
  change: (current: R, tx: Tx) => R | Promise<R>;
  /** Whether the caller may see this record at all; when false, 404 (default: yes). */
  visible?: (current: R) => boolean;
}

/**
 * Reads the record with its row locked, checks If-Match (412), applies `change`, writes the
 * result as the next version and records it in the audit log, all in one transaction.
 */
export async function changeRecord<R extends StoredRecord, T extends EntityTable>(
  db: Db,
  actor: Actor,
  repository: Repository<R, T>,
  id: string,
  options: ChangeOptions<R>,
): Promise<{ before: R; after: R }> {
  return db.transaction(async (tx) => {
    const current = await findRecord(tx, repository, id, { forUpdate: true });
    if (current === undefined || options.visible?.(current) === false) {
      throw ApiError.notFound(`${capitalise(repository.entity)} ${id}`);
    }
    checkIfMatch(options.ifMatch, current.version);
    const changed = await options.change(current, tx);
    const next = repository.schema.parse({
      ...changed,
      id: current.id,
      version: current.version + 1,
      updatedAt: actor.now.toISOString(),
    });
    const written = await guardUnique(
      () => updateRecord(tx, repository, next, current.version),
      repository.entity,
    );
    // The row is locked, so this only fails if a driver ignored the lock.
    if (!written)
      throw new ApiError('precondition_failed', { data: { currentVersion: current.version } });
    await writeAudit(tx, actor, {
      action: options.action ?? `${repository.entity}.update`,
      entity: repository.entity,
      entityId: id,
      versionBefore: current.version,
      versionAfter: next.version,
      ...(options.details === undefined ? {} : { details: options.details }),
    });
    return { before: current, after: next };
  });
}

/** Deletes a record (If-Match checked) and records it in the audit log. */
export async function removeRecord<R extends StoredRecord, T extends EntityTable>(
  db: Db,
  actor: Actor,
  repository: Repository<R, T>,
  id: string,
  options: WriteOptions & { ifMatch?: string | undefined } = {},
): Promise<R> {
  return db.transaction(async (tx) => {
    const current = await findRecord(tx, repository, id, { forUpdate: true });
    if (current === undefined) throw ApiError.notFound(`${capitalise(repository.entity)} ${id}`);
    checkIfMatch(options.ifMatch, current.version);
    await deleteRecord(tx, repository, id, current.version);
    await writeAudit(tx, actor, {
      action: options.action ?? `${repository.entity}.delete`,
      entity: repository.entity,
      entityId: id,
      versionBefore: current.version,
      ...(options.details === undefined ? {} : { details: options.details }),
    });
    return current;
  });
}

/** The PostgreSQL error code of a failed query, looking through drizzle's wrapper. */
export function postgresErrorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; depth < 4; depth++) {
    if (typeof current !== 'object' || current === null) return undefined;
    if ('code' in current && typeof current.code === 'string') return current.code;
    current = 'cause' in current ? current.cause : undefined;
  }
  return undefined;
}

/** Runs a write; a unique-constraint violation becomes a 409 conflict. */
export async function guardUnique<T>(write: () => Promise<T>, entity: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (postgresErrorCode(error) === '23505') {
      throw new ApiError('conflict', {
        detail: `Another ${entity} already holds one of these unique values.`,
        cause: error,
      });
    }
    throw error;
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

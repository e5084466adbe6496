/**
 * Restoring a checked backup (format.ts `parseBackup`) into an empty store, in one
 * transaction: either every row is written, with an audit entry saying so, or nothing is.
 *
 * "Empty" means no records: a store that has just been set up is still empty. The access
 * tables a first start fills (tokens, chat bindings and binding codes or attempts, idempotency
 * keys, the audit log) and the one placeholder student the demo student token of a
 * `DEMO_DATA=false` start stands for are cleared, then replaced by the backup's. Every other
 * table must have no row at all, or the restore is refused (`not_empty`).
 */
import { inArray, sql } from 'drizzle-orm';
import { auditLog, students, tokens } from '../db/schema';
import { refreshStatistics } from '../db/statistics';
import type { Db, Tx } from '../db/store';
import { newLocalId } from '../ids';
import { type RecordProblem, recordProblems, repositoryByTable } from '../repositories/all';
import { BackupError, type ParsedBackup } from './format';
import { listTables, rowsOf, schemaVersionOf, type TableInfo } from './tables';

/** Tables a first start fills, which a restore replaces. */
export const ACCESS_TABLES = [
  'tokens',
  'channel_bindings',
  'binding_codes',
  'binding_attempts',
  'idempotency_keys',
  'audit_log',
  // The key of report links, made on first use: the backup's replaces it.
  'settings',
] as const;

/** Rows sent per INSERT: a few hundred rows keep each statement's JSON text small. */
const BATCH = 500;

/** Who restored, for the audit entry. */
export interface RestoredBy {
  tokenId: string | null;
  actorRole: 'admin';
  actorId: string | null;
  requestId: string | null;
  via: 'api' | 'cli';
}

export interface RestoreSummary {
  createdAt: string;
  schemaVersion: string;
  rows: Record<string, number>;
  total: number;
}

/** Checks that the store has the backup's schema, then writes the backup into it. */
export async function restoreBackup(
  db: Db,
  backup: ParsedBackup,
  by: RestoredBy,
  now: Date,
): Promise<RestoreSummary> {
  const { header } = backup;
  const schemaVersion = await schemaVersionOf(db);
  if (schemaVersion !== header.schemaVersion) {
    throw new BackupError(
      'schema_mismatch',
      `The backup was taken at migration ${header.schemaVersion}; this store is at ${schemaVersion}. Restore it with the Passerelle version that made it, then upgrade.`,
      { backup: header.schemaVersion, store: schemaVersion },
    );
  }
  const tables = await listTables(db);
  checkColumns(tables, header.tables);
  checkRecords(backup);

  return db.transaction(async (tx) => {
    await tx.execute(
      sql`lock table ${sql.join(
        tables.map((table) => sql.identifier(table.name)),
        sql`, `,
      )} in access exclusive mode`,
    );
    await clearFirstStart(tx, tables);
    const rows: Record<string, number> = {};
    for (const table of header.tables) {
      const list = backup.rows.get(table.name) ?? [];
      rows[table.name] = list.length;
      const name = sql.identifier(table.name);
      for (let start = 0; start < list.length; start += BATCH) {
        const json = `[${list.slice(start, start + BATCH).join(',')}]`;
        await tx.execute(
          sql`insert into ${name} select * from json_populate_recordset(null::${name}, ${json}::json)`,
        );
      }
    }
    // A bulk load: the planner's statistics of the tables, as they now are (db/statistics.ts).
    await refreshStatistics(tx);
    await tx.insert(auditLog).values({
      id: newLocalId('aud', now.getTime()),
      at: now.toISOString(),
      tokenId: by.tokenId,
      actorRole: by.actorRole,
      actorId: by.actorId,
      onBehalfOf: null,
      action: 'store.restore',
      entity: 'store',
      entityId: 'store',
      versionBefore: null,
      versionAfter: null,
      requestId: by.requestId,
      details: {
        via: by.via,
        backupCreatedAt: header.createdAt,
        backupStore: header.store,
        schemaVersion: header.schemaVersion,
        rows: backup.total,
      },
    });
    return { createdAt: header.createdAt, schemaVersion, rows, total: backup.total };
  });
}

/**
 * Every record of the backup must be in the form its core schema gives, as the API writes
 * them: records are not checked again when they are read back (db/records.ts `storedRecord`),
 * so a backup edited by hand, or made by a version with other schemas, is refused here.
 */
export function checkRecords(backup: ParsedBackup): void {
  const problems: RecordProblem[] = [];
  for (const [table, lines] of backup.rows) {
    if (!repositoryByTable.has(table)) continue;
    const rows = lines.map((line) => {
      const row: unknown = JSON.parse(line);
      return typeof row === 'object' && row !== null
        ? { id: Reflect.get(row, 'id'), data: Reflect.get(row, 'data') }
        : { id: undefined, data: undefined };
    });
    problems.push(...recordProblems(table, rows, 20 - problems.length));
    if (problems.length >= 20) break;
  }
  if (problems.length > 0) {
    throw new BackupError(
      'invalid_records',
      `The backup holds records Passerelle would not write: ${problems
        .slice(0, 3)
        .map((item) => `${item.table} ${item.id} (${item.problem})`)
        .join('; ')}${problems.length > 3 ? '; …' : ''}.`,
      { problems },
    );
  }
}

/** Every table of the backup must be in the store with the same columns, and the other way round. */
export function checkColumns(
  tables: readonly TableInfo[],
  backupTables: ParsedBackup['header']['tables'],
): void {
  const store = new Map(tables.map((table) => [table.name, table.columns]));
  const problems: string[] = [];
  for (const table of backupTables) {
    const columns = store.get(table.name);
    if (columns === undefined) problems.push(`${table.name} is not in this store`);
    else if (
      columns.length !== table.columns.length ||
      !table.columns.every((column) => columns.includes(column))
    ) {
      problems.push(`${table.name} has other columns here`);
    }
  }
  for (const table of tables) {
    if (!backupTables.some((candidate) => candidate.name === table.name)) {
      problems.push(`${table.name} is not in the backup`);
    }
  }
  if (problems.length > 0) {
    throw new BackupError(
      'schema_mismatch',
      `The backup does not have this store's tables: ${problems.join('; ')}.`,
      { problems },
    );
  }
}

/**
 * Refuses a store that holds records; otherwise clears what a first start wrote. The store's
 * tables are locked by the caller, so nothing is written in between.
 */
async function clearFirstStart(tx: Tx, tables: readonly TableInfo[]): Promise<void> {
  const access = new Set<string>(ACCESS_TABLES);
  const filled: Record<string, number> = {};
  for (const table of tables) {
    if (access.has(table.name)) continue;
    const [row] = await rowsOf<{ n: number | string }>(
      tx,
      sql`select count(*) as n from ${sql.identifier(table.name)}`,
    );
    const count = Number(row?.n ?? 0);
    if (count > 0) filled[table.name] = count;
  }
  const placeholder = await placeholderStudent(tx, filled);
  if (placeholder !== undefined) delete filled.students;
  if (Object.keys(filled).length > 0) {
    throw new BackupError(
      'not_empty',
      `A backup is restored only into an empty store; this one holds ${Object.entries(filled)
        .map(([table, count]) => `${count} ${table}`)
        .join(', ')}.`,
      { tables: filled },
    );
  }
  for (const table of tables) {
    if (access.has(table.name)) await tx.execute(sql`delete from ${sql.identifier(table.name)}`);
  }
  if (placeholder !== undefined)
    await tx.delete(students).where(inArray(students.id, [placeholder]));
}

/** The lone first-version student a demo student token stands for, if that is all there is. */
async function placeholderStudent(
  tx: Tx,
  filled: Record<string, number>,
): Promise<string | undefined> {
  if (filled.students !== 1) return undefined;
  const [student] = await tx.select({ id: students.id, version: students.version }).from(students);
  if (student === undefined || student.version !== 1) return undefined;
  const [token] = await tx
    .select({ id: tokens.id })
    .from(tokens)
    .where(inArray(tokens.studentId, [student.id]))
    .limit(1);
  return token === undefined ? undefined : student.id;
}

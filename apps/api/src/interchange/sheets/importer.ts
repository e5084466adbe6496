/**
 * The import engine: a sheet's header row is mapped to columns (tolerant names), every row is
 * turned into a core input and validated with the core schema, references are checked, and
 * then all rows are written in one transaction, or none: one bad row and nothing is written.
 * A dry run does the same work (so it finds what a real run would) and rolls back.
 *
 * The report names each problem by the row number a spreadsheet shows (the header is row 1)
 * and the column's header as it is in the sheet. The audit log gets one entry per record
 * written (`<entity>.create` / `<entity>.update`, with the import id and the row) and one
 * summary entry for the import (`import.<resource>`).
 */
import { type CalendarDate, newId } from '@passerelle/core';
import { inArray } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Actor } from '../../audit';
import { actorId } from '../../auth/identity';
import type { EntityTable, Repository, StoredRecord } from '../../db/records';
import { storedRecord, updateRecord } from '../../db/records';
import { agreements, auditLog, institutions, staff } from '../../db/schema';
import type { Db, Tx } from '../../db/store';
import { newLocalId } from '../../ids';
import {
  type Column,
  columnOfIssue,
  type Draft,
  issueMessage,
  normalizeHeader,
  parseCell,
} from './columns';
import { isBlank, type SheetFormat, type SheetRow, type SheetTable } from './format';
import type { EntityResource, EntitySheet, ReferenceTable } from './resources';

export interface RowError {
  /** The row as a spreadsheet numbers it (header = 1). */
  row: number;
  /** The column's header as written in the sheet (or the canonical name when it is missing). */
  column: string | null;
  message: string;
}

export interface ImportReport {
  ok: boolean;
  dryRun: boolean;
  resource: EntityResource | 'registrations';
  format: SheetFormat;
  /** Data rows read (blank rows are skipped and not counted). */
  rows: number;
  created: number;
  updated: number;
  /** Rows that match the stored record: nothing written. */
  unchanged: number;
  errors: RowError[];
  /** True when more errors were found than the report lists. */
  errorsTruncated: boolean;
  /** Headers that match no column; their cells were not read. */
  ignoredColumns: string[];
  /** The import's id in the audit log (real runs that wrote something). */
  importId: string | null;
}

export const MAX_REPORTED_ERRORS = 1000;

export interface ImportOptions {
  dryRun: boolean;
  format: SheetFormat;
  officeToday: CalendarDate;
}

/** The cells of one row, by column, with the header each came from. */
export interface MappedRow<R> {
  row: number;
  cells: Map<Column<R>, { header: string; value: SheetRow['cells'][number] }>;
}

/** Collects errors with the sheet's own header names. */
export class ErrorList {
  readonly items: RowError[] = [];
  count = 0;
  constructor(private readonly headerOf: (column: string) => string | undefined) {}
  add(row: number, column: string | null, message: string): void {
    this.count++;
    if (this.items.length < MAX_REPORTED_ERRORS) {
      this.items.push({
        row,
        column: column === null ? null : (this.headerOf(column) ?? column),
        message,
      });
    }
  }
}

/** Maps headers to columns; unknown headers are ignored and reported, duplicates are errors. */
export function mapHeaders<R>(
  columns: readonly Column<R>[],
  table: SheetTable,
): {
  byIndex: (Column<R> | undefined)[];
  ignored: string[];
  duplicate: RowError[];
  headerOf: Map<string, string>;
} {
  const lookup = new Map<string, Column<R>>();
  for (const column of columns) {
    for (const name of [column.name, ...(column.aliases ?? [])])
      lookup.set(normalizeHeader(name), column);
  }
  const seen = new Map<Column<R>, string>();
  const ignored: string[] = [];
  const duplicate: RowError[] = [];
  const byIndex = table.headers.map((header) => {
    if (header === '') return undefined;
    const column = lookup.get(normalizeHeader(header));
    if (column === undefined) {
      ignored.push(header);
      return undefined;
    }
    const first = seen.get(column);
    if (first !== undefined) {
      duplicate.push({
        row: 1,
        column: header,
        message: `the same column as "${first}"; keep one`,
      });
      return undefined;
    }
    seen.set(column, header);
    return column;
  });
  const headerOf = new Map([...seen].map(([column, header]) => [column.name, header]));
  return { byIndex, ignored, duplicate, headerOf };
}

/** The non-blank rows, each cell under its column. */
export function mapRows<R>(
  table: SheetTable,
  byIndex: readonly (Column<R> | undefined)[],
): MappedRow<R>[] {
  const rows: MappedRow<R>[] = [];
  for (const { row, cells } of table.rows) {
    if (cells.every((cell) => isBlank(cell))) continue;
    const mapped = new Map<Column<R>, { header: string; value: SheetRow['cells'][number] }>();
    byIndex.forEach((column, index) => {
      if (column !== undefined)
        mapped.set(column, { header: column.name, value: cells[index] ?? null });
    });
    rows.push({ row, cells: mapped });
  }
  return rows;
}

/** JSON with sorted keys, to tell whether a record changed. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const referenceTables: Record<ReferenceTable, { table: PgTable; id: AnyPgColumn; what: string }> = {
  institutions: { table: institutions, id: institutions.id, what: 'institution' },
  agreements: { table: agreements, id: agreements.id, what: 'agreement' },
  staff: { table: staff, id: staff.id, what: 'member of staff' },
};

/** Which of these ids exist in a table, asked in chunks. */
export async function existingIds(
  db: Db | Tx,
  table: ReferenceTable,
  ids: ReadonlySet<string>,
): Promise<Set<string>> {
  const { table: pgTable, id } = referenceTables[table];
  const found = new Set<string>();
  const all = [...ids];
  for (let start = 0; start < all.length; start += 1000) {
    const chunk = all.slice(start, start + 1000);
    const rows = await db.select({ id }).from(pgTable).where(inArray(id, chunk));
    for (const row of rows) if (typeof row.id === 'string') found.add(row.id);
  }
  return found;
}

/** Reads records by id with their rows locked, in chunks. */
export async function lockRecords<R extends StoredRecord, T extends EntityTable>(
  tx: Tx,
  repository: Repository<R, T>,
  ids: readonly string[],
): Promise<Map<string, R>> {
  const found = new Map<string, R>();
  const sorted = [...new Set(ids)].sort();
  for (let start = 0; start < sorted.length; start += 1000) {
    const chunk = sorted.slice(start, start + 1000);
    const rows = await tx
      .select({ data: repository.table.data })
      .from(repository.table as PgTable)
      .where(inArray(repository.table.id, chunk))
      .orderBy(repository.table.id)
      .for('update');
    for (const row of rows) {
      const record = storedRecord(repository, row.data);
      found.set(record.id, record);
    }
  }
  return found;
}

export interface AuditItem {
  action: string;
  entity: string;
  entityId: string;
  versionBefore?: number | undefined;
  versionAfter?: number | undefined;
  details: Record<string, unknown>;
}

/** Writes audit entries in batches (the same fields as `writeAudit`). */
export async function writeAuditBatch(
  tx: Tx,
  actor: Actor,
  items: readonly AuditItem[],
): Promise<void> {
  const { auth } = actor;
  const rows = items.map((item) => ({
    id: newLocalId('aud', actor.now.getTime()),
    at: actor.now.toISOString(),
    tokenId: auth.tokenId,
    actorRole: auth.identity.role,
    actorId: actorId(auth) ?? null,
    onBehalfOf: auth.actingFor ?? null,
    action: item.action,
    entity: item.entity,
    entityId: item.entityId,
    versionBefore: item.versionBefore ?? null,
    versionAfter: item.versionAfter ?? null,
    requestId: actor.requestId,
    details: item.details,
  }));
  for (let start = 0; start < rows.length; start += 500) {
    await tx.insert(auditLog).values(rows.slice(start, start + 500));
  }
}

/** Thrown to roll a transaction back (a dry run, or rows with errors) and carry the report out. */
export class Rollback extends Error {
  constructor(readonly report: ImportReport) {
    super('rollback');
  }
}

/** Runs an import's work in a transaction that commits only when it is real and clean. */
export async function inTransaction(
  db: Db,
  work: (tx: Tx) => Promise<ImportReport>,
): Promise<ImportReport> {
  try {
    return await db.transaction(async (tx) => {
      const report = await work(tx);
      if (!report.ok || report.dryRun) throw new Rollback(report);
      return report;
    });
  } catch (error) {
    if (error instanceof Rollback) {
      return error.report.dryRun ? { ...error.report, importId: null } : error.report;
    }
    throw error;
  }
}

/** The report skeleton. */
export function emptyReport(
  resource: ImportReport['resource'],
  options: ImportOptions,
): ImportReport {
  return {
    ok: true,
    dryRun: options.dryRun,
    resource,
    format: options.format,
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    errors: [],
    errorsTruncated: false,
    ignoredColumns: [],
    importId: null,
  };
}

/** Ends a report with the errors found: any error makes the whole import refused. */
export function finish(report: ImportReport, errors: ErrorList): ImportReport {
  if (errors.count === 0) return report;
  return {
    ...report,
    ok: false,
    created: 0,
    updated: 0,
    unchanged: 0,
    importId: null,
    errors: errors.items,
    errorsTruncated: errors.count > errors.items.length,
  };
}

/**
 * Imports students, institutions or agreements: blank `id` creates, an id updates (the record
 * must exist; with a `version` cell it must not have changed since). Cells of columns that are
 * in the sheet replace the field (a blank cell clears an optional field); columns not in the
 * sheet leave the field as it is.
 */
export async function importEntities<R extends StoredRecord, T extends EntityTable, I>(
  db: Db,
  actor: Actor,
  sheet: EntitySheet<R, T, I>,
  table: SheetTable,
  options: ImportOptions,
): Promise<ImportReport> {
  const report = emptyReport(sheet.resource, options);
  const columns = sheet.columns;
  const { byIndex, ignored, duplicate, headerOf } = mapHeaders(columns, table);
  report.ignoredColumns = ignored;
  const errors = new ErrorList((name) => headerOf.get(name));
  for (const problem of duplicate) errors.add(problem.row, problem.column, problem.message);
  const rows = mapRows(table, byIndex);
  report.rows = rows.length;
  const idColumn = columns.find((column) => column.name === 'id');
  const versionColumn = columns.find((column) => column.name === 'version');
  const idOf = (row: MappedRow<R>) => {
    const cell = idColumn === undefined ? undefined : row.cells.get(idColumn)?.value;
    return isBlank(cell) || cell === undefined || cell === null ? undefined : String(cell).trim();
  };

  // A sheet that creates records needs their required columns.
  if (rows.some((row) => idOf(row) === undefined)) {
    const present = new Set(
      byIndex.filter((column) => column !== undefined).map((column) => column?.name),
    );
    for (const column of columns) {
      if (column.requiredOnCreate === true && !present.has(column.name)) {
        errors.add(
          1,
          column.name,
          `no column "${column.name}": rows without an id create records, which need it`,
        );
      }
    }
  }
  if (errors.count > 0) return finish(report, errors);

  return inTransaction(db, async (tx) => {
    const wanted = rows.flatMap((row) => {
      const id = idOf(row);
      return id === undefined ? [] : [id];
    });
    const current = await lockRecords(
      tx,
      sheet.repository,
      wanted.filter((id) => sheet.idSchema.safeParse(id).success),
    );
    const now = actor.now.toISOString();
    const seenIds = new Map<string, number>();
    const planned: { row: number; record: R; before: R | undefined }[] = [];
    const references: { row: number; column: string; table: ReferenceTable; id: string }[] = [];

    for (const row of rows) {
      const id = idOf(row);
      let before: R | undefined;
      if (id !== undefined) {
        if (!sheet.idSchema.safeParse(id).success) {
          errors.add(
            row.row,
            'id',
            `"${id}" is not a ${sheet.idPrefix}_… id; leave it blank to create`,
          );
          continue;
        }
        before = current.get(id);
        if (before === undefined) {
          errors.add(row.row, 'id', `there is no record ${id}; leave the id blank to create one`);
          continue;
        }
        const first = seenIds.get(id);
        if (first !== undefined) {
          errors.add(row.row, 'id', `${id} is also on row ${first}; a record may appear once`);
          continue;
        }
        seenIds.set(id, row.row);
        const versionCell =
          versionColumn === undefined ? undefined : row.cells.get(versionColumn)?.value;
        if (versionCell !== undefined && !isBlank(versionCell)) {
          const version = Number(versionCell);
          if (version !== before.version) {
            errors.add(
              row.row,
              'version',
              `${id} has changed since this sheet was exported (version ${version}, now ${before.version}); export again and reapply the change`,
            );
            continue;
          }
        }
      }
      const draft: Draft = before === undefined ? {} : sheet.draftOf(before);
      const blanks = new Set<string>();
      let cellError = false;
      for (const [column, cell] of row.cells) {
        if (column.set === undefined) continue;
        const parsed = parseCell(column.kind, cell.value);
        if (!parsed.ok) {
          errors.add(row.row, column.name, parsed.message);
          cellError = true;
          continue;
        }
        if (parsed.value === undefined) blanks.add(column.name);
        column.set(draft, parsed.value);
      }
      if (cellError) continue;
      sheet.normalize?.(draft);
      const checked = sheet.input.safeParse(draft);
      if (!checked.success) {
        for (const issue of checked.error.issues) {
          const column = columnOfIssue(columns, issue);
          const blank = column !== undefined && (blanks.has(column.name) || !row.cells.has(column));
          errors.add(row.row, column?.name ?? null, issueMessage(issue, blank));
        }
        continue;
      }
      for (const reference of sheet.references(checked.data)) {
        for (const refId of reference.ids) {
          references.push({
            row: row.row,
            column: reference.column,
            table: reference.table,
            id: refId,
          });
        }
      }
      const built = sheet.build(checked.data, before, {
        id: before?.id ?? newId(sheet.idPrefix, actor.now.getTime()),
        now,
        today: options.officeToday,
      });
      if (Array.isArray(built)) {
        for (const problem of built) errors.add(row.row, problem.column, problem.message);
        continue;
      }
      planned.push({ row: row.row, record: built, before });
    }

    // Every id a row names must exist.
    const byTable = new Map<ReferenceTable, Set<string>>();
    for (const reference of references) {
      const ids = byTable.get(reference.table) ?? new Set<string>();
      ids.add(reference.id);
      byTable.set(reference.table, ids);
    }
    const known = new Map<ReferenceTable, Set<string>>();
    for (const [name, ids] of byTable) known.set(name, await existingIds(tx, name, ids));
    for (const reference of references) {
      if (!known.get(reference.table)?.has(reference.id)) {
        errors.add(
          reference.row,
          reference.column,
          `there is no ${referenceTables[reference.table].what} ${reference.id}`,
        );
      }
    }
    if (errors.count > 0) return finish(report, errors);

    // Write: new records in batches, changed ones one by one, unchanged ones not at all.
    const importId = newLocalId('imp', actor.now.getTime());
    const audit: AuditItem[] = [];
    const inserts: R[] = [];
    for (const plan of planned) {
      if (plan.before === undefined) {
        const record = sheet.repository.schema.parse(plan.record);
        inserts.push(record);
        audit.push({
          action: `${sheet.repository.entity}.create`,
          entity: sheet.repository.entity,
          entityId: record.id,
          versionAfter: record.version,
          details: { importId, row: plan.row },
        });
        continue;
      }
      const { before } = plan;
      const same = (record: R) => {
        const { version: _v, updatedAt: _u, ...rest } = record;
        return stableJson(rest);
      };
      if (same(plan.record) === same(before)) {
        report.unchanged++;
        continue;
      }
      const next = sheet.repository.schema.parse({
        ...plan.record,
        version: before.version + 1,
        updatedAt: now,
      });
      await updateRecord(tx, sheet.repository, next, before.version);
      report.updated++;
      audit.push({
        action: `${sheet.repository.entity}.update`,
        entity: sheet.repository.entity,
        entityId: next.id,
        versionBefore: before.version,
        versionAfter: next.version,
        details: { importId, row: plan.row },
      });
    }
    for (let start = 0; start < inserts.length; start += 500) {
      const chunk = inserts.slice(start, start + 500);
      await tx
        .insert(sheet.repository.table)
        .values(chunk.map((record) => sheet.repository.toRow(record)));
    }
    report.created = inserts.length;
    if (report.created + report.updated > 0) {
      report.importId = importId;
      audit.push(summaryEntry(importId, report));
      await writeAuditBatch(tx, actor, audit);
    }
    return report;
  });
}

export function summaryEntry(importId: string, report: ImportReport): AuditItem {
  return {
    action: `import.${report.resource}`,
    entity: 'import',
    entityId: importId,
    details: {
      resource: report.resource,
      format: report.format,
      rows: report.rows,
      created: report.created,
      updated: report.updated,
      unchanged: report.unchanged,
    },
  };
}

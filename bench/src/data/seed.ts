/**
 * Bulk loading: rows built by the API's own repositories (`toRow`, so the derived columns are
 * exactly what the API writes), sent a batch at a time as one
 * `INSERT … SELECT … FROM unnest($1::text[], $2::text[], …)`: one statement and one round trip
 * per batch of thousands of rows, each column passed as one array.
 */
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { EntityTable, Repository, StoredRecord } from '../../../apps/api/src/db/records';

/** Runs one statement with text parameters (a pg client's or PGlite's `query`). */
export type Execute = (text: string, params: string[]) => Promise<unknown>;

/** One element of a PostgreSQL array literal. */
function element(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else if (value instanceof Date) text = value.toISOString();
  else if (Array.isArray(value)) text = arrayLiteral(value);
  else text = JSON.stringify(value);
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map(element).join(',')}}`;
}

/** Inserts rows (objects keyed like the drizzle table's columns) in one statement. */
export async function insertRows(
  execute: Execute,
  table: PgTable,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table));
  const names = columns.map(([, column]) => `"${column.name}"`).join(', ');
  const casts = columns.map(([, column], i) => `c${i}::${column.getSQLType()}`).join(', ');
  const aliases = columns.map((_, i) => `c${i}`).join(', ');
  const unnest = columns.map((_, i) => `$${i + 1}::text[]`).join(', ');
  const params = columns.map(([key]) => arrayLiteral(rows.map((row) => row[key])));
  await execute(
    `insert into "${getTableName(table)}" (${names}) select ${casts} from unnest(${unnest}) as u(${aliases})`,
    params,
  );
}

export interface BulkOptions<R> {
  /** Record numbers `from` (inclusive) to `to` (exclusive). */
  from: number;
  to: number;
  make: (n: number) => R;
  /** Rows per statement (default 5,000). */
  batch?: number;
  /** Told after each batch, with the count of rows written so far. */
  progress?: (written: number) => void;
}

/**
 * Writes generated records through a repository's `toRow`, a batch per statement. The first
 * record of each batch is parsed with the core schema, so a generator that drifts from the
 * schema fails here rather than in the API under load.
 */
export async function bulkInsert<R extends StoredRecord, T extends EntityTable>(
  execute: Execute,
  repository: Repository<R, T>,
  options: BulkOptions<R>,
): Promise<void> {
  const batch = options.batch ?? 5000;
  for (let start = options.from; start < options.to; start += batch) {
    const end = Math.min(options.to, start + batch);
    const rows: Record<string, unknown>[] = [];
    for (let n = start; n < end; n++) {
      const record = options.make(n);
      if (n === start) repository.schema.parse(record);
      rows.push(repository.toRow(record));
    }
    await insertRows(execute, repository.table, rows);
    options.progress?.(end - options.from);
  }
}

/**
 * Reading and writing the records of an entity table: the full core record in `data`, its
 * version and timestamps, and the typed columns derived from it (see schema.ts). A resource
 * describes its table once with `defineRepository`; the functions below do the rest, with
 * the version check that makes If-Match work.
 */
import { isDeepStrictEqual } from 'node:util';
import { and, eq, getTableName, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { type Preparable, type Run, reusable, setOf } from './statements';
import type { Queryable } from './store';

/** The fields every stored core record has (registrations have `registeredAt` for `createdAt`). */
export interface StoredRecord {
  id: string;
  version: number;
  updatedAt: string;
}

/** A table with the spine of `entity()` in schema.ts. */
export type EntityTable = PgTable & {
  id: AnyPgColumn;
  data: AnyPgColumn;
  version: AnyPgColumn;
  createdAt: AnyPgColumn;
  updatedAt: AnyPgColumn;
};

export interface Repository<R extends StoredRecord, T extends EntityTable> {
  /** The entity's name in the audit log and in messages ("student"). */
  readonly entity: string;
  readonly table: T;
  /** The core schema of a stored record: every record is checked with it before it is stored. */
  readonly schema: z.ZodType<R>;
  /** The whole row for a record: spine and derived columns. */
  readonly toRow: (record: R) => T['$inferInsert'];
}

/**
 * A record read back from `data`. Everything that writes a record checks it first with the
 * core schema and stores what the check gives (createRecord, updateRecord, the imports, which
 * go through them, and the demo data); a restore checks every record of the backup before
 * writing any (backup/restore.ts). So a record read back is not checked again: that check was
 * the largest part of the API's own CPU time for a read by id, about 60 µs under load on
 * PGlite, more than the query (bench/results.md). The test suites check the other half: each
 * test API's store holds only records in the form the schema gives (`storedRecordProblem`,
 * run over every entity table when a test API closes).
 */
export function storedRecord<R extends StoredRecord, T extends EntityTable>(
  _repository: Repository<R, T>,
  data: unknown,
): R {
  return data as R;
}

/**
 * What is wrong with `data` as a stored record of `repository`, or undefined when it is in
 * exactly the form the schema gives (valid, defaults filled in, no unknown field).
 */
export function storedRecordProblem(
  repository: { schema: z.ZodType<unknown> },
  data: unknown,
): string | undefined {
  const checked = repository.schema.safeParse(data);
  if (!checked.success) {
    return checked.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`)
      .join('; ');
  }
  return isDeepStrictEqual(checked.data, data)
    ? undefined
    : 'not in the form the schema gives (a default missing or a field it does not know)';
}

export function defineRepository<R extends StoredRecord, T extends EntityTable>(
  repository: Repository<R, T>,
): Repository<R, T> {
  return repository;
}

/** The spine of a row, for `toRow`. */
export function spine(record: StoredRecord, createdAt: string) {
  return {
    id: record.id,
    data: record,
    version: record.version,
    createdAt,
    updatedAt: record.updatedAt,
  };
}

/** The reads of a record by id, built once per table (statements.ts). */
interface Reads {
  find: Run<Preparable>;
  lock: Run<Preparable>;
}

/** A table's inserts and updates, by the shape of the row written (`shapeOf`). */
interface Writes {
  inserts: Map<string, Run<Preparable>>;
  updates: Map<string, Run<Preparable>>;
}

const readsByTable = new WeakMap<EntityTable, Reads>();
const writesByTable = new WeakMap<PgTable, Writes>();

function readsOf(table: EntityTable): Reads {
  let statements = readsByTable.get(table);
  if (statements === undefined) {
    const name = getTableName(table);
    const read = (db: Queryable) =>
      db
        .select({ data: table.data })
        .from(table as PgTable)
        .where(eq(table.id, sql.placeholder('id')))
        .limit(1);
    statements = {
      find: reusable(`passerelle_find_${name}`, read),
      lock: reusable(`passerelle_lock_${name}`, (db) => read(db).for('update')),
    };
    readsByTable.set(table, statements);
  }
  return statements;
}

function writesOf(table: PgTable): Writes {
  let writes = writesByTable.get(table);
  if (writes === undefined) {
    writes = { inserts: new Map(), updates: new Map() };
    writesByTable.set(table, writes);
  }
  return writes;
}

interface Shape {
  key: string;
  valued: string[];
  nulls: string[];
}

/**
 * A row's shape, for the statement that writes it: the columns with a value (a placeholder
 * each) and those set to null (written as `null`: a placeholder would pass null through the
 * column's encoder, which for a JSON column gives the JSON value null). Columns without a value
 * are left out, as drizzle's builder leaves them out.
 */
function shapeOf(row: Record<string, unknown>): Shape {
  const valued: string[] = [];
  const nulls: string[] = [];
  for (const [column, value] of Object.entries(row)) {
    if (value === null) nulls.push(column);
    else if (value !== undefined) valued.push(column);
  }
  return { key: `${valued.join(',')}|${nulls.join(',')}`, valued, nulls };
}

/** The statement of `shape` among `statements`, built by `build` (and named) the first time. */
function forShape(
  statements: Map<string, Run<Preparable>>,
  shape: Shape,
  name: string,
  build: (db: Queryable) => Preparable,
): Run<Preparable> {
  let run = statements.get(shape.key);
  if (run === undefined) {
    run = reusable(`${name}_${statements.size}`, build);
    statements.set(shape.key, run);
  }
  return run;
}

function placeholders(shape: Shape): Record<string, unknown> {
  return Object.fromEntries([
    ...shape.valued.map((column) => [column, sql.placeholder(column)]),
    ...shape.nulls.map((column) => [column, sql`null`]),
  ]);
}

/** Reads one record, or undefined. `forUpdate` locks the row until the transaction ends. */
export async function findRecord<R extends StoredRecord, T extends EntityTable>(
  db: Queryable,
  repository: Repository<R, T>,
  id: string,
  options: { forUpdate?: boolean; where?: SQL | undefined } = {},
): Promise<R | undefined> {
  const { table } = repository;
  if (options.where === undefined) {
    const statements = readsOf(table);
    const run = options.forUpdate === true ? statements.lock : statements.find;
    const [row] = (await run(db, { id })) as { data: unknown }[];
    return row === undefined ? undefined : storedRecord(repository, row.data);
  }
  const query = db
    .select({ data: table.data })
    .from(table as PgTable)
    .where(and(eq(table.id, id), options.where))
    .limit(1);
  const [row] = options.forUpdate === true ? await query.for('update') : await query;
  return row === undefined ? undefined : storedRecord(repository, row.data);
}

/** Inserts `row` into `table` with the statement built once for its shape. */
export async function insertRow(
  db: Queryable,
  table: PgTable,
  row: Record<string, unknown>,
): Promise<void> {
  const shape = shapeOf(row);
  const run = forShape(
    writesOf(table).inserts,
    shape,
    `passerelle_insert_${getTableName(table)}`,
    (db) => db.insert(table).values(placeholders(shape)),
  );
  await run(db, row);
}

export async function insertRecord<R extends StoredRecord, T extends EntityTable>(
  db: Queryable,
  repository: Repository<R, T>,
  record: R,
): Promise<void> {
  await insertRow(db, repository.table, repository.toRow(record) as Record<string, unknown>);
}

/**
 * Writes `record` over the stored one if the stored version is still `expectedVersion`.
 * Returns false when someone else changed it first (nothing is written then).
 */
export async function updateRecord<R extends StoredRecord, T extends EntityTable>(
  db: Queryable,
  repository: Repository<R, T>,
  record: R,
  expectedVersion: number,
): Promise<boolean> {
  const { table } = repository;
  const row = repository.toRow(record) as Record<string, unknown>;
  const shape = shapeOf(row);
  const run = forShape(
    writesOf(table).updates,
    shape,
    `passerelle_update_${getTableName(table)}`,
    (db) =>
      db
        .update(table)
        .set(setOf(table, placeholders(shape)))
        .where(
          and(
            eq(table.id, sql.placeholder('where_id')),
            eq(table.version, sql.placeholder('where_version')),
          ),
        )
        .returning({ id: table.id }),
  );
  const updated = (await run(db, {
    ...row,
    where_id: record.id,
    where_version: expectedVersion,
  })) as unknown[];
  return updated.length > 0;
}

/** Deletes a record if its version is still `expectedVersion`; false when it was not there. */
export async function deleteRecord<R extends StoredRecord, T extends EntityTable>(
  db: Queryable,
  repository: Repository<R, T>,
  id: string,
  expectedVersion: number,
): Promise<boolean> {
  const { table } = repository;
  const deleted = await db
    .delete(table)
    .where(and(eq(table.id, id), eq(table.version, expectedVersion)))
    .returning({ id: table.id });
  return deleted.length > 0;
}

/**
 * `column LIKE '%text%'` on a folded search column (see `searchText`), with the query folded the
 * same way, so "délégation" finds "Delegation", and LIKE's wildcards escaped.
 */
export function contains(column: AnyPgColumn, text: string): SQL {
  const escaped = foldText(text).replace(/[\\%_]/g, (match) => `\\${match}`);
  return sql`${column} like ${`%${escaped}%`}`;
}

/** Lower-cased, accent-free text for search columns and name sort keys. */
export function searchText(parts: readonly (string | undefined)[]): string {
  return parts
    .filter((part): part is string => part !== undefined && part !== '')
    .map((part) => foldText(part))
    .join(' | ');
}

export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

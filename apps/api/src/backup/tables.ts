/**
 * What a backup covers, read from the database itself: every table of the `public` schema
 * (so a table added by a later migration is backed up without touching this file), its
 * columns, its primary key, and an order in which rows can be written back without breaking
 * a foreign key: parents before children, otherwise the order of `db/schema.ts`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type SQL, sql } from 'drizzle-orm';
import { findMigrationsFolder, type Queryable } from '../db/store';

export interface TableInfo {
  name: string;
  columns: string[];
  /** Columns of the primary key, in key order; empty when the table has none. */
  primaryKey: string[];
  /** The primary key is one text column: rows are read in keyset pages by it. */
  textKey: boolean;
}

/** Rows of a raw query, whichever driver ran it (node-postgres and PGlite both answer `rows`). */
export async function rowsOf<T>(db: Queryable, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  if (typeof result === 'object' && result !== null && 'rows' in result) {
    const { rows } = result;
    if (Array.isArray(rows)) return rows as T[];
  }
  throw new Error('The database driver answered a query without rows');
}

/**
 * The tables of db/schema.ts, referenced before referencing (no foreign keys declare this:
 * agreements name institutions, students their agreement and advisor, tokens a student or a
 * member of staff, …). The audit log comes last; a table not named here comes just before it.
 */
export const logicalOrder = [
  'institutions',
  'agreements',
  'staff',
  'students',
  'delegations',
  'events',
  'registrations',
  'publications',
  'awards',
  'articles',
  'tokens',
  'binding_codes',
  'channel_bindings',
  'binding_attempts',
  'calendar_feeds',
  'idempotency_keys',
  'audit_log',
];

function rank(name: string): number {
  const index = logicalOrder.indexOf(name);
  return index === -1 ? logicalOrder.length - 1.5 : index;
}

export async function listTables(db: Queryable): Promise<TableInfo[]> {
  const columns = await rowsOf<{ table_name: string; column_name: string; data_type: string }>(
    db,
    sql`select c.table_name, c.column_name, c.data_type
        from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
        order by c.table_name, c.ordinal_position`,
  );
  const keys = await rowsOf<{ table_name: string; column_name: string }>(
    db,
    sql`select tc.table_name, kcu.column_name
        from information_schema.table_constraints tc
        join information_schema.key_column_usage kcu
          on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
        where tc.table_schema = 'public' and tc.constraint_type = 'PRIMARY KEY'
        order by tc.table_name, kcu.ordinal_position`,
  );
  const references = await rowsOf<{ child: string; parent: string }>(
    db,
    sql`select child.relname as child, parent.relname as parent
        from pg_constraint c
        join pg_class child on child.oid = c.conrelid
        join pg_class parent on parent.oid = c.confrelid
        join pg_namespace n on n.oid = child.relnamespace
        where c.contype = 'f' and n.nspname = 'public'`,
  );

  const tables = new Map<string, TableInfo & { types: string[] }>();
  for (const row of columns) {
    const table = tables.get(row.table_name) ?? {
      name: row.table_name,
      columns: [],
      types: [],
      primaryKey: [],
      textKey: false,
    };
    table.columns.push(row.column_name);
    table.types.push(row.data_type);
    tables.set(row.table_name, table);
  }
  for (const row of keys) tables.get(row.table_name)?.primaryKey.push(row.column_name);

  const preferred = [...tables.keys()].sort(
    (a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  return dependencyOrder(preferred, references).flatMap((name) => {
    const table = tables.get(name);
    if (table === undefined) return [];
    const [key] = table.primaryKey;
    const keyType = key === undefined ? undefined : table.types[table.columns.indexOf(key)];
    return [
      {
        name: table.name,
        columns: table.columns,
        primaryKey: table.primaryKey,
        textKey:
          table.primaryKey.length === 1 && (keyType === 'text' || keyType === 'character varying'),
      },
    ];
  });
}

/**
 * `names` reordered so every table comes after the tables it references; otherwise the given
 * order is kept. A cycle (or a self-reference) cannot be ordered: those tables keep their place.
 */
export function dependencyOrder(
  names: readonly string[],
  references: readonly { child: string; parent: string }[],
): string[] {
  const parents = new Map<string, Set<string>>();
  for (const { child, parent } of references) {
    if (child === parent || !names.includes(parent)) continue;
    parents.set(child, (parents.get(child) ?? new Set()).add(parent));
  }
  const placed: string[] = [];
  const remaining = [...names];
  while (remaining.length > 0) {
    const ready = remaining.findIndex((name) =>
      [...(parents.get(name) ?? [])].every((parent) => placed.includes(parent)),
    );
    const [next] = remaining.splice(ready === -1 ? 0 : ready, 1);
    if (next !== undefined) placed.push(next);
  }
  return placed;
}

interface JournalEntry {
  when: number;
  tag: string;
}

/** The drizzle-kit journal of this build: migration tags by their `when`. */
function journal(): JournalEntry[] {
  const text = readFileSync(join(findMigrationsFolder(), 'meta/_journal.json'), 'utf8');
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || !('entries' in parsed)) return [];
  const { entries } = parsed;
  return Array.isArray(entries) ? (entries as JournalEntry[]) : [];
}

/** The migrations this build knows, oldest first (their tags: `0001_initial`, …). */
export function knownMigrations(): string[] {
  return journal().map((entry) => entry.tag);
}

/**
 * The schema version of a store: the tag of the last migration applied to it (drizzle records
 * each one's journal `when` in `drizzle.__drizzle_migrations`), or `none` before any.
 */
export async function schemaVersionOf(db: Queryable): Promise<string> {
  const [last] = await rowsOf<{ created_at: string | number }>(
    db,
    sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
  );
  if (last === undefined) return 'none';
  const when = Number(last.created_at);
  return journal().find((entry) => entry.when === when)?.tag ?? `unknown-${when}`;
}

/**
 * Keyset pagination: a page is "the next `limit` rows after this key in this order", which an
 * index answers in the same time at any depth (no OFFSET). The cursor is the sort key of the
 * last row of the previous page, opaque to clients.
 *
 * Sort columns must be NOT NULL (a row comparison with NULL is never true); the record id is
 * always the last key, so the order is total.
 */
import { and, asc, desc, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { ApiError } from '../http/problem';
import type { EntityTable, Repository, StoredRecord } from './records';
import { storedRecord } from './records';
import type { Queryable } from './store';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

/** The query parameters every list takes; spread into a route's query schema. */
export const pageQuery = {
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_LIMIT)
    .default(DEFAULT_LIMIT)
    .meta({ description: `Page size, 1 to ${MAX_LIMIT}.`, example: 50 }),
  cursor: z
    .string()
    .max(1000)
    .optional()
    .meta({ description: 'The `next_cursor` of the previous page.' }),
};

/** The named orders a list offers (`sort=name`, `sort=-created`), each a list of columns. */
export type Sorts = Readonly<Record<string, readonly AnyPgColumn[]>>;

/** The `sort` query parameter for a set of orders: each name, ascending or with `-` descending. */
export function sortParam<S extends Sorts>(sorts: S, fallback: string) {
  const names = Object.keys(sorts).flatMap((name) => [name, `-${name}`]);
  const [first, ...rest] = names;
  if (first === undefined) throw new Error('a list needs at least one order');
  return z
    .enum([first, ...rest])
    .default(fallback)
    .meta({ description: 'Order of the list; a leading "-" reverses it.' });
}

export interface Page<R> {
  data: R[];
  next_cursor: string | null;
}

/** The response schema of a list of `item`. */
export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      data: z.array(item),
      next_cursor: z
        .string()
        .nullable()
        .meta({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
    })
    .meta({ id });
}

const CursorPayload = z.object({ s: z.string(), k: z.array(z.union([z.string(), z.number()])) });

function encodeCursor(sort: string, keys: (string | number)[]): string {
  return Buffer.from(JSON.stringify({ s: sort, k: keys })).toString('base64url');
}

function decodeCursor(cursor: string, sort: string, keyCount: number): (string | number)[] {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    payload = undefined;
  }
  const parsed = CursorPayload.safeParse(payload);
  if (!parsed.success || parsed.data.k.length !== keyCount)
    throw badCursor('is not a cursor this list gave');
  if (parsed.data.s !== sort)
    throw badCursor(`was given for sort=${parsed.data.s}, not sort=${sort}`);
  return parsed.data.k;
}

function badCursor(message: string): ApiError {
  return new ApiError('validation', {
    detail: `cursor ${message}.`,
    errors: [{ path: 'query.cursor', message }],
  });
}

export interface ListOptions {
  /** Conditions that all must hold (undefined ones are skipped). */
  where: readonly (SQL | undefined)[];
  sorts: Sorts;
  /** The `sort` parameter: a key of `sorts`, optionally with a leading `-`. */
  sort: string;
  limit: number;
  cursor?: string | undefined;
}

/** One page of records in the requested order, after the cursor. */
export async function listPage<R extends StoredRecord, T extends EntityTable>(
  db: Queryable,
  repository: Repository<R, T>,
  options: ListOptions,
): Promise<Page<R>> {
  const descending = options.sort.startsWith('-');
  const name = descending ? options.sort.slice(1) : options.sort;
  const sortColumns = options.sorts[name];
  if (sortColumns === undefined) throw badCursor(`sort ${options.sort} is unknown`);
  const page = await keysetPage(db, {
    table: repository.table,
    columns: { data: repository.table.data },
    keys: [...sortColumns, repository.table.id],
    descending,
    where: options.where,
    limit: options.limit,
    cursor: options.cursor,
    sort: options.sort,
  });
  return {
    data: page.rows.map((row) => storedRecord(repository, row.data)),
    next_cursor: page.next_cursor,
  };
}

export interface KeysetOptions {
  table: PgTable;
  /** The columns to read for each row. */
  columns: Record<string, AnyPgColumn>;
  /** The order: NOT NULL columns ending with a unique one. */
  keys: readonly AnyPgColumn[];
  descending: boolean;
  where: readonly (SQL | undefined)[];
  limit: number;
  cursor?: string | undefined;
  /** The name of the order, written into the cursor so it is not reused with another. */
  sort: string;
}

/** The rows of one page of any table, for lists that are not entity tables (tokens, audit). */
export async function keysetPage(
  db: Queryable,
  options: KeysetOptions,
): Promise<{ rows: Record<string, unknown>[]; next_cursor: string | null }> {
  const { keys, descending } = options;
  const selection: Record<string, AnyPgColumn> = { ...options.columns };
  keys.forEach((column, index) => {
    selection[`k${index}`] = column;
  });

  let after: SQL | undefined;
  if (options.cursor !== undefined) {
    const values = decodeCursor(options.cursor, options.sort, keys.length);
    const columns = sql.join([...keys], sql`, `);
    const params = sql.join(
      values.map((value) => sql`${value}`),
      sql`, `,
    );
    after = descending ? sql`(${columns}) < (${params})` : sql`(${columns}) > (${params})`;
  }

  const rows = await db
    .select(selection)
    .from(options.table)
    .where(and(...options.where, after))
    .orderBy(...keys.map((column) => (descending ? desc(column) : asc(column))))
    .limit(options.limit + 1);

  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  const next_cursor =
    rows.length > options.limit && last !== undefined
      ? encodeCursor(
          options.sort,
          keys.map((_, index) => cursorValue(last[`k${index}`])),
        )
      : null;
  return { rows: page, next_cursor };
}

function cursorValue(value: unknown): string | number {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (value instanceof Date) return value.toISOString();
  throw new Error(
    `a sort column held ${value === null ? 'NULL' : typeof value}; sort columns must be NOT NULL`,
  );
}

/**
 * SQL helpers the query builder lacks.
 */
import { type Column, type SQL, sql } from 'drizzle-orm';

/**
 * `column = any($n)`: the list goes as one array parameter, where drizzle's `inArray` writes
 * one parameter per value (`in ($1, $2, …)`). The SQL text is then the same whatever the
 * list's length, so PGlite's prepared statements (db/pglite-statements.ts) hold one statement
 * per call site, and PostgreSQL keeps its generic plan of it, instead of a new statement,
 * planned afresh, for each length (bench/results.md). An empty list matches nothing.
 */
export function anyOf(column: Column, values: readonly (string | number)[]): SQL {
  return sql`${column} = any(${sql.param([...values])})`;
}

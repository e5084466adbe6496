/**
 * SQL helpers the query builder lacks.
 */
import { type Column, Placeholder, type SQL, sql } from 'drizzle-orm';

/**
 * `column = any($n)`: the list goes as one array parameter, where drizzle's `inArray` writes
 * one parameter per value (`in ($1, $2, …)`). The SQL text is then the same whatever the
 * list's length, so PGlite's prepared statements (db/pglite-statements.ts) hold one statement
 * per call site, and PostgreSQL keeps its generic plan of it, instead of a new statement,
 * planned afresh, for each length (bench/results.md). An empty list matches nothing. A
 * placeholder stands for the list in a statement built once (db/statements.ts).
 */
export function anyOf(
  column: Column,
  values: readonly (string | number)[] | Placeholder<string>,
): SQL {
  return sql`${column} = any(${values instanceof Placeholder ? values : sql.param([...values])})`;
}

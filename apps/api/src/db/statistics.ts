/**
 * The query planner's statistics of the store's tables (`ANALYZE`): how many rows, how values
 * are spread. PostgreSQL's autovacuum daemon gathers them as tables change; PGlite runs no such
 * daemon, so there nothing gathers them and the planner guesses from table sizes alone (it
 * sorted the demo's 931 students by text to count them in groups where a hash would do, and the
 * bot's count answers were among its slowest: bench/results.md).
 *
 * The store refreshes them after a bulk load (the demo data, a restore), on both stores:
 * on PostgreSQL autovacuum would do the same a little later. Inside a transaction, the
 * statistics are those of the transaction's own rows and roll back with it.
 */
import { sql } from 'drizzle-orm';
import type { Queryable } from './store';

/** `ANALYZE` of every table of the store (the demo's take about 0.1 s on PGlite). */
export async function refreshStatistics(db: Queryable): Promise<void> {
  await db.execute(sql`analyze`);
}

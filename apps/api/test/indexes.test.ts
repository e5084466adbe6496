/**
 * The list filters that read inside a record's JSON, and "my registrations" of a member of
 * staff, have indexes of their own (migration 0005): with sequential scans turned off, the
 * planner answers each filter's predicate, as the routes write it, through its index. On PGlite
 * and (when TEST_DATABASE_URL is set) PostgreSQL.
 */
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/backup/tables';
import { ids } from './fixtures';
import { startTestApi, storeKinds, type TestApi } from './helpers';

describe.each(storeKinds)('filter indexes on %s', (store) => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ store });
  });
  afterAll(async () => {
    await api?.close();
  });

  /** The plan of a query with sequential scans off, as one string. */
  async function plan(query: SQL): Promise<string> {
    return api.store.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const rows = await rowsOf<Record<string, unknown>>(tx, sql`explain ${query}`);
      return rows.map((row) => Object.values(row).join(' ')).join('\n');
    });
  }

  it.each([
    [
      'events by partner institution',
      'events_partners_idx',
      sql`select id from events where (data->'partnerInstitutionIds') @> ${JSON.stringify([ids.polytechnique])}::jsonb`,
    ],
    [
      'agreements by academic year of their quotas',
      'agreements_quotas_idx',
      sql`select id from agreements where data->'quotas' @> ${JSON.stringify([{ academicYear: '2025-2026' }])}::jsonb`,
    ],
    [
      "a member of staff's own registrations, newest first",
      'registrations_participant_idx',
      sql`select id from registrations where participant_key = ${`staff:${ids.staff}`} order by created_at desc, id desc limit 20`,
    ],
  ])('%s use %s', async (_name, index, query) => {
    expect(await plan(query)).toContain(index);
  });
});

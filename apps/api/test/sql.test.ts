/**
 * `anyOf` (db/sql.ts): a list filter sent as one array parameter — the same rows as `inArray`,
 * on both stores, and one SQL text (so one prepared statement on PGlite) whatever the length.
 */
import { asc, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { students } from '../src/db/schema';
import { anyOf } from '../src/db/sql';
import { startTestApi, storeKinds, type TestApi } from './helpers';

describe.each(storeKinds)('anyOf on %s', (store) => {
  let api: TestApi;
  let all: string[];

  const ids = (where: ReturnType<typeof anyOf>) =>
    api.store.db.select({ id: students.id }).from(students).where(where).orderBy(asc(students.id));

  beforeAll(async () => {
    api = await startTestApi({ store });
    all = (await api.store.db.select({ id: students.id }).from(students)).map((row) => row.id);
    all.sort();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('matches the rows inArray matches, for lists of every length, and none for an empty one', async () => {
    expect(all.length).toBeGreaterThan(2);
    for (let length = 1; length <= all.length; length++) {
      const wanted = [...all.slice(0, length), 'stu_not_there'];
      const mine = await ids(anyOf(students.id, wanted));
      const theirs = await ids(inArray(students.id, wanted));
      expect(mine).toEqual(theirs);
      expect(mine.map((row) => row.id)).toEqual(all.slice(0, length));
    }
    expect(await ids(anyOf(students.id, []))).toEqual([]);
  });

  it('writes one SQL text with one parameter, whatever the length', () => {
    const query = (values: string[]) =>
      api.store.db.select().from(students).where(anyOf(students.id, values)).toSQL();
    const one = query(['stu_a']);
    const many = query(['stu_a', 'stu_b', 'stu_c']);
    expect(many.sql).toBe(one.sql);
    expect(many.params).toEqual([['stu_a', 'stu_b', 'stu_c']]);
  });

  it.runIf(store === 'pglite')('keeps one prepared statement for the call site', async () => {
    const prepared = async () => {
      const [row] = await api.store.db
        .select({ n: sql<number>`count(*)::int4` })
        .from(sql`pg_prepared_statements`)
        .where(sql`statement like '%= any(%'`);
      return row?.n ?? 0;
    };
    await ids(anyOf(students.id, all.slice(0, 1)));
    const before = await prepared();
    for (let length = 1; length <= all.length; length++) {
      await ids(anyOf(students.id, all.slice(0, length)));
    }
    expect(await prepared()).toBe(before);
  });
});

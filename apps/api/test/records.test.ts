/**
 * `findRecord` (db/records.ts): outside transactions it runs a read by id prepared once per
 * database and table; inside one (handed to a callback, or the ambient one of an idempotent
 * request) it must read through that transaction, or it would miss the transaction's own
 * writes (PostgreSQL) or wait for it for ever (PGlite).
 */
import { Student } from '@passerelle/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRecord, insertRecord, updateRecord } from '../src/db/records';
import { withinTransaction } from '../src/db/store';
import { studentRepository } from '../src/repositories/students';
import { ids } from './fixtures';
import { startTestApi, storeKinds, type TestApi } from './helpers';

/** Rolls a transaction back after `work`, keeping what it returned. */
class Rollback<T> extends Error {
  constructor(readonly value: T) {
    super('rollback');
  }
}

async function rolledBack<T>(run: () => Promise<unknown>): Promise<T> {
  try {
    await run();
  } catch (error) {
    if (error instanceof Rollback) return error.value as T;
    throw error;
  }
  throw new Error('the transaction was not rolled back');
}

/**
 * `promise`, or a failure after `ms`: a read that waits for the transaction it runs in (PGlite's
 * one connection) fails the test instead of holding the transaction open for ever.
 */
function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

describe.each(storeKinds)('findRecord on %s', (store) => {
  let api: TestApi;
  let known: Student;

  beforeAll(async () => {
    api = await startTestApi({ store });
    const found = await findRecord(api.store.db, studentRepository, ids.student);
    if (found === undefined) throw new Error('the fixture student is missing');
    known = found;
  });
  afterAll(async () => {
    await api?.close();
  });

  const newStudent = (id: string): Student =>
    Student.parse({ ...known, id, email: `${id}@example.org`, version: 1 });

  it('reads a record by id, and nothing for an id that is not there', async () => {
    expect(known.id).toBe(ids.student);
    expect(await findRecord(api.store.db, studentRepository, ids.other)).toMatchObject({
      id: ids.other,
    });
    expect(await findRecord(api.store.db, studentRepository, 'stu_notthere00001')).toBeUndefined();
  });

  it('reads the stored version after a change, never an earlier answer', async () => {
    const changed = { ...known, fullName: `${known.fullName} Renamed`, version: known.version + 1 };
    expect(await updateRecord(api.store.db, studentRepository, changed, known.version)).toBe(true);
    expect(await findRecord(api.store.db, studentRepository, known.id)).toEqual(changed);
    known = changed;
  });

  it('answers many reads at once (each PostgreSQL connection prepares its statement once)', async () => {
    const wanted = Array.from({ length: 40 }, (_, index) =>
      index % 3 === 0 ? ids.student : index % 3 === 1 ? ids.other : 'stu_notthere00001',
    );
    const found = await Promise.all(
      wanted.map((id) => findRecord(api.store.db, studentRepository, id)),
    );
    expect(found.map((record) => record?.id)).toEqual(
      wanted.map((id) => (id === 'stu_notthere00001' ? undefined : id)),
    );
  });

  it("reads a transaction's own uncommitted record through the transaction handed over", async () => {
    const seen = await rolledBack<Student | undefined>(() =>
      api.store.db.transaction(async (tx) => {
        await insertRecord(tx, studentRepository, newStudent('stu_intx000000001'));
        throw new Rollback(await findRecord(tx, studentRepository, 'stu_intx000000001'));
      }),
    );
    expect(seen?.id).toBe('stu_intx000000001');
    expect(await findRecord(api.store.db, studentRepository, 'stu_intx000000001')).toBeUndefined();
  });

  it("reads the ambient transaction's uncommitted record through the store's database", async () => {
    const seen = await rolledBack<Student | undefined>(() =>
      withinTransaction(api.store.db, async (tx) => {
        await insertRecord(tx, studentRepository, newStudent('stu_ambient000001'));
        // The store's database, not `tx`: as a route does inside an idempotent request.
        const read = findRecord(api.store.db, studentRepository, 'stu_ambient000001');
        throw new Rollback(await within(2_000, read));
      }),
    );
    expect(seen?.id).toBe('stu_ambient000001');
    expect(await findRecord(api.store.db, studentRepository, 'stu_ambient000001')).toBeUndefined();
  });
});

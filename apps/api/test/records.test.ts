/**
 * The records' statements (db/records.ts), built once and run on whatever they are given
 * (db/statements.ts): a read by id must go through the transaction it runs in, handed to a
 * callback or the ambient one of an idempotent request, or it would miss the transaction's own
 * writes (PostgreSQL) or wait for it for ever (PGlite); a row is written by the statement of its
 * shape, with null written as SQL null.
 */
import { Student } from '@passerelle/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRecord, insertRecord, insertRow, updateRecord } from '../src/db/records';
import { auditLog, students } from '../src/db/schema';
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

describe.each(storeKinds)("a record's statements on %s", (store) => {
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

  it('writes null as SQL null, also in a JSON column, and leaves out what has no value', async () => {
    const entry = {
      id: 'aud_nulls00000001',
      at: '2026-11-23T09:00:00.000Z',
      tokenId: null,
      actorRole: 'staff',
      actorId: null,
      onBehalfOf: undefined,
      action: 'student.update',
      entity: 'student',
      entityId: known.id,
      versionBefore: null,
      versionAfter: 2,
      requestId: null,
      details: null,
    };
    await insertRow(api.store.db, auditLog, entry);
    await insertRow(api.store.db, auditLog, {
      ...entry,
      id: 'aud_nulls00000002',
      details: { fields: ['fullName'] },
    });
    const rows = await api.store.db
      .select({
        id: auditLog.id,
        detailsIsNull: sql<boolean>`${auditLog.details} is null`,
        details: auditLog.details,
        onBehalfOfIsNull: sql<boolean>`${auditLog.onBehalfOf} is null`,
      })
      .from(auditLog)
      .where(sql`${auditLog.id} like 'aud_nulls%'`)
      .orderBy(auditLog.id);
    expect(rows).toEqual([
      { id: 'aud_nulls00000001', detailsIsNull: true, details: null, onBehalfOfIsNull: true },
      {
        id: 'aud_nulls00000002',
        detailsIsNull: false,
        details: { fields: ['fullName'] },
        onBehalfOfIsNull: true,
      },
    ]);
  });

  it('updates rows of different shapes (a column set, then cleared) each with its own statement', async () => {
    const column = async () => {
      const [row] = await api.store.db
        .select({ home: students.homeInstitutionId })
        .from(students)
        .where(sql`${students.id} = ${known.id}`);
      return row?.home;
    };
    const write = async (next: Student) => {
      const changed = { ...next, version: known.version + 1 };
      // Beside a read, so that on PostgreSQL the statements run over several connections.
      const [written, other] = await Promise.all([
        updateRecord(api.store.db, studentRepository, changed, known.version),
        findRecord(api.store.db, studentRepository, ids.other),
      ]);
      expect(written).toBe(true);
      expect(other?.id).toBe(ids.other);
      known = changed;
    };
    for (let round = 0; round < 3; round++) {
      await write({ ...known, homeInstitutionId: ids.tuMunich });
      expect(await column()).toBe(ids.tuMunich);
      const { homeInstitutionId: _, ...withoutHome } = known;
      await write(withoutHome);
      expect(await column()).toBeNull();
    }
    expect(await findRecord(api.store.db, studentRepository, known.id)).toEqual(known);
    // A stale version writes nothing.
    expect(await updateRecord(api.store.db, studentRepository, known, known.version - 1)).toBe(
      false,
    );
  });
});

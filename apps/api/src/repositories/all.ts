/**
 * Every entity table's repository, and the check that a store (or a backup about to be
 * restored) holds each record in exactly the form its core schema gives: what lets the API
 * read records back without checking them again (db/records.ts `storedRecord`).
 */
import { asc, getTableName } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { type EntityTable, storedRecordProblem } from '../db/records';
import type { Queryable } from '../db/store';
import { agreementRepository } from './agreements';
import { articleRepository } from './articles';
import { delegationRepository } from './delegations';
import { eventRepository, registrationRepository } from './events';
import { institutionRepository } from './institutions';
import { awardRepository, publicationRepository } from './publications';
import { staffRepository } from './staff';
import { studentRepository } from './students';

/** What the check needs of a repository: its table and the schema of its records. */
interface Checked {
  table: EntityTable;
  schema: z.ZodType<unknown>;
}

export const repositories: readonly Checked[] = [
  institutionRepository,
  agreementRepository,
  staffRepository,
  studentRepository,
  eventRepository,
  registrationRepository,
  delegationRepository,
  publicationRepository,
  awardRepository,
  articleRepository,
];

/** The repository of each entity table, by table name. */
export const repositoryByTable = new Map(
  repositories.map((repository) => [getTableName(repository.table), repository]),
);

export interface RecordProblem {
  table: string;
  id: string;
  problem: string;
}

/** Records of `table` (its rows' `id` and `data`) not in the form the schema gives. */
export function recordProblems(
  table: string,
  rows: Iterable<{ id: unknown; data: unknown }>,
  limit = 20,
): RecordProblem[] {
  const repository = repositoryByTable.get(table);
  const problems: RecordProblem[] = [];
  if (repository === undefined) return problems;
  for (const row of rows) {
    if (problems.length >= limit) break;
    const id = String(row.id);
    const problem = storedRecordProblem(repository, row.data);
    if (problem !== undefined) problems.push({ table, id, problem });
    else if (
      typeof row.data !== 'object' ||
      row.data === null ||
      Reflect.get(row.data, 'id') !== row.id
    ) {
      problems.push({ table, id, problem: 'its id is not the id of its record' });
    }
  }
  return problems;
}

/** Every record of the store not in the form its schema gives (for tests and checks). */
export async function storeRecordProblems(db: Queryable, limit = 20): Promise<RecordProblem[]> {
  const problems: RecordProblem[] = [];
  for (const [table, repository] of repositoryByTable) {
    const rows = await db
      .select({ id: repository.table.id, data: repository.table.data })
      .from(repository.table as PgTable)
      .orderBy(asc(repository.table.id));
    problems.push(...recordProblems(table, rows, limit - problems.length));
    if (problems.length >= limit) break;
  }
  return problems;
}

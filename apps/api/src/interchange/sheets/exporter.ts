/**
 * Exports: every record a list filter selects, read page by page (keyset, 500 at a time) and
 * written to the response as it is read, so a large export never sits whole in memory.
 */
import type { Agreement, CalendarDate, Institution, Student } from '@passerelle/core';
import { agreementStatusAt } from '@passerelle/core';
import { eq, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { listPage, type Page } from '../../db/keyset';
import { registrations } from '../../db/schema';
import type { Db } from '../../db/store';
import { agreementRepository } from '../../repositories/agreements';
import { registrationRepository } from '../../repositories/events';
import { institutionRepository } from '../../repositories/institutions';
import { studentRepository } from '../../repositories/students';
import {
  ListQuery as AgreementListQuery,
  listFilters as agreementFilters,
  sorts as agreementSorts,
  filteredPage,
} from '../../routes/agreements';
import {
  ListQuery as InstitutionListQuery,
  listFilters as institutionFilters,
  sorts as institutionSorts,
} from '../../routes/institutions';
import {
  ListQuery as StudentListQuery,
  listFilters as studentFilters,
  sorts as studentSorts,
} from '../../routes/students';
import { type Column, exportCell } from './columns';
import { csvStream, type OutCell, type OutColumn, type SheetFormat, xlsxStream } from './format';
import { type RegistrationRow, registrationColumns, registrationRows } from './registrations';
import { agreementSheet, institutionSheet, studentSheet } from './resources';

export const EXPORT_PAGE_SIZE = 500;

/** Export queries: the list's filters and sort, without paging (every page is exported). */
export const StudentExportQuery = StudentListQuery.omit({ limit: true, cursor: true });
export const InstitutionExportQuery = InstitutionListQuery.omit({ limit: true, cursor: true });
export const AgreementExportQuery = AgreementListQuery.omit({ limit: true, cursor: true });

export interface ExportSource<R> {
  title: string;
  columns: readonly Column<R>[];
  /** The pages of records, as they are read. */
  batches: AsyncIterable<R[]>;
}

/** Reads the first page at once (so a failing query is still an error response), then the rest lazily. */
async function pages<R>(
  read: (cursor: string | undefined) => Promise<Page<R>>,
): Promise<AsyncIterable<R[]>> {
  const first = await read(undefined);
  return {
    async *[Symbol.asyncIterator]() {
      let page = first;
      yield page.data;
      while (page.next_cursor !== null) {
        page = await read(page.next_cursor);
        yield page.data;
      }
    },
  };
}

export async function studentExport(
  db: Db,
  query: z.output<typeof StudentExportQuery>,
): Promise<ExportSource<Student>> {
  const where = studentFilters(query);
  return {
    title: studentSheet.title,
    columns: studentSheet.columns,
    batches: await pages((cursor) =>
      listPage(db, studentRepository, {
        where,
        sorts: studentSorts,
        sort: query.sort,
        limit: EXPORT_PAGE_SIZE,
        cursor,
      }),
    ),
  };
}

export async function institutionExport(
  db: Db,
  query: z.output<typeof InstitutionExportQuery>,
): Promise<ExportSource<Institution>> {
  const where = institutionFilters(query);
  return {
    title: institutionSheet.title,
    columns: institutionSheet.columns,
    batches: await pages((cursor) =>
      listPage(db, institutionRepository, {
        where,
        sorts: institutionSorts,
        sort: query.sort,
        limit: EXPORT_PAGE_SIZE,
        cursor,
      }),
    ),
  };
}

export async function agreementExport(
  db: Db,
  query: z.output<typeof AgreementExportQuery>,
  today: CalendarDate,
): Promise<ExportSource<Agreement>> {
  const { where, keep } = agreementFilters(query, today);
  const sheet = agreementSheet((record) => agreementStatusAt(record, today));
  return {
    title: sheet.title,
    columns: sheet.columns,
    batches: await pages((cursor) =>
      filteredPage(
        (limit, from) =>
          listPage(db, agreementRepository, {
            where,
            sorts: agreementSorts,
            sort: query.sort,
            limit,
            cursor: from,
          }),
        keep,
        EXPORT_PAGE_SIZE,
        cursor,
      ),
    ),
  };
}

export const registrationSorts = {
  created: [registrations.createdAt],
  sequence: [registrations.sequence],
};

export async function registrationExport(
  db: Db,
  query: {
    event_id?: string | undefined;
    student_id?: string | undefined;
    status?: string | undefined;
    sort: string;
  },
): Promise<ExportSource<RegistrationRow>> {
  const where: (SQL | undefined)[] = [
    query.event_id === undefined ? undefined : eq(registrations.eventId, query.event_id),
    query.student_id === undefined ? undefined : eq(registrations.studentId, query.student_id),
    query.status === undefined ? undefined : eq(registrations.status, query.status),
  ];
  const records = await pages((cursor) =>
    listPage(db, registrationRepository, {
      where,
      sorts: registrationSorts,
      sort: query.sort,
      limit: EXPORT_PAGE_SIZE,
      cursor,
    }),
  );
  return {
    title: 'Registrations',
    columns: registrationColumns,
    batches: {
      async *[Symbol.asyncIterator]() {
        for await (const batch of records) yield await registrationRows(db, batch);
      },
    },
  };
}

/** The source as a file of the format, streamed. */
export function exportStream<R>(
  source: ExportSource<R>,
  format: SheetFormat,
): ReadableStream<Uint8Array> {
  const columns: OutColumn[] = source.columns.map((column) => ({
    name: column.name,
    ...(column.kind === 'date' ? { date: true } : {}),
  }));
  const rows: AsyncIterable<OutCell[][]> = {
    async *[Symbol.asyncIterator]() {
      for await (const batch of source.batches) {
        yield batch.map((record) => source.columns.map((column) => exportCell(column, record)));
      }
    },
  };
  return format === 'csv' ? csvStream(columns, rows) : xlsxStream(source.title, columns, rows);
}

/**
 * Spreadsheet import and export of students, institutions, agreements and event
 * registrations, as CSV or XLSX. `runImport` is what `POST /v1/imports/{resource}` runs;
 * `importScenario` is the same import, without HTTP, for the benchmark suite (10,000 rows).
 */
import { agreementStatusAt, type CalendarDate, today as todayIn } from '@passerelle/core';
import type { Actor } from '../../audit';
import type { Db } from '../../db/store';
import { csvStream, readSheet, type SheetFormat, xlsxStream } from './format';
import { type ImportReport, importEntities } from './importer';
import { importRegistrations } from './registrations';
import { agreementSheet, institutionSheet, studentSheet } from './resources';

export { CSV_TYPE, MULTIPART_TYPE, XLSX_TYPE } from './body';
export * from './exporter';
export { readSheet, type SheetFormat, type SheetTable } from './format';
export type { ImportReport, RowError } from './importer';

export const sheetResources = ['students', 'institutions', 'agreements', 'registrations'] as const;
export type SheetResource = (typeof sheetResources)[number];

/** Imports a sheet (already read) into a resource: all rows or none; see importer.ts. */
export async function runImport(
  db: Db,
  actor: Actor,
  resource: SheetResource,
  format: SheetFormat,
  bytes: Uint8Array,
  options: { dryRun: boolean; officeToday: CalendarDate },
): Promise<ImportReport> {
  const table = await readSheet(format, bytes);
  const importOptions = { dryRun: options.dryRun, format, officeToday: options.officeToday };
  switch (resource) {
    case 'students':
      return importEntities(db, actor, studentSheet, table, importOptions);
    case 'institutions':
      return importEntities(db, actor, institutionSheet, table, importOptions);
    case 'agreements':
      return importEntities(
        db,
        actor,
        agreementSheet((record) => agreementStatusAt(record, options.officeToday)),
        table,
        importOptions,
      );
    case 'registrations':
      return importRegistrations(db, actor, table, importOptions);
  }
}

/** Reads a whole stream into bytes. */
export async function collect(
  stream: ReadableStream<Uint8Array>,
): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

const nationalities = ['FR', 'DE', 'IT', 'ES', 'CN', 'JP', 'BR', 'US', 'SE', 'MA'] as const;
const kinds = ['degree', 'exchange', 'intern', 'short_term', 'summer_school'] as const;

/**
 * A students sheet of `rows` new, valid students (no ids: every row creates), in the format
 * asked, as a person would fill it: names in Chinese and Latin script, documents' expiries,
 * booleans as yes/no.
 */
export async function studentSheetOf(
  rows: number,
  format: SheetFormat,
  seed = 1,
): Promise<Uint8Array<ArrayBuffer>> {
  const columns = studentSheet.columns.filter((column) => column.set !== undefined);
  const data = Array.from({ length: rows }, (_, index) => {
    const n = index + seed;
    const year = 2024 + (n % 3);
    const cells: Record<string, string | boolean> = {
      full_name: n % 4 === 0 ? `王小明 ${n}` : `Student ${n} Dupont`,
      email: `student${n}@example.org`,
      nationality: nationalities[n % nationalities.length] ?? 'FR',
      programme_kind: kinds[n % kinds.length] ?? 'degree',
      level: n % 2 === 0 ? 'master' : 'bachelor',
      programme_start: `${year}-09-01`,
      programme_end: `${year + 1}-07-15`,
      passport_expiry: `${year + 5}-03-0${(n % 9) + 1}`,
      orientation_attended: n % 2 === 0,
    };
    return columns.map((column) => cells[column.name] ?? null);
  });
  const out = columns.map((column) => ({
    name: column.name,
    ...(column.kind === 'date' ? { date: true } : {}),
  }));
  const batches = {
    async *[Symbol.asyncIterator]() {
      for (let start = 0; start < data.length; start += 1000) yield data.slice(start, start + 1000);
    },
  };
  return collect(format === 'csv' ? csvStream(out, batches) : xlsxStream('Students', out, batches));
}

export interface ImportScenarioOptions {
  db: Db;
  /** Rows of new students (default 10,000, the benchmark's budget size). */
  rows?: number;
  format?: SheetFormat;
  dryRun?: boolean;
  now?: Date;
}

export interface ImportScenarioResult {
  report: ImportReport;
  /** Size of the sheet in bytes. */
  bytes: number;
  /** Milliseconds to make the sheet (not part of the import). */
  buildMs: number;
  /** Milliseconds to read, validate and write it (what the API spends on the request). */
  importMs: number;
}

/**
 * The benchmark's import: a sheet of `rows` new students imported into `db` as an admin would
 * (all rows in one transaction, audited). The store must be migrated; it needs no other data.
 */
export async function importScenario(
  options: ImportScenarioOptions,
): Promise<ImportScenarioResult> {
  const rows = options.rows ?? 10_000;
  const format = options.format ?? 'csv';
  const now = options.now ?? new Date();
  const builtAt = performance.now();
  const sheet = await studentSheetOf(rows, format);
  const startedAt = performance.now();
  const actor: Actor = {
    auth: { tokenId: 'benchmark', tokenRole: 'admin', identity: { role: 'admin' } },
    requestId: 'benchmark',
    now,
  };
  const report = await runImport(options.db, actor, 'students', format, sheet, {
    dryRun: options.dryRun ?? false,
    officeToday: todayIn(now, 'Asia/Shanghai'),
  });
  return {
    report,
    bytes: sheet.length,
    buildMs: startedAt - builtAt,
    importMs: performance.now() - startedAt,
  };
}

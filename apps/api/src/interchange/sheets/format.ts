/**
 * Reading and writing the two spreadsheet formats: CSV (RFC 4180, UTF-8) and XLSX (Office
 * Open XML, through exceljs).
 *
 * - A sheet is a header row (row 1) and data rows, numbered as a spreadsheet shows them, so an
 *   error names the row a person sees.
 * - CSV: read with the delimiter of the header line (comma, semicolon as French Excel writes,
 *   or tab) and a BOM tolerated; written with a BOM (so Excel reads Chinese names right) and
 *   CRLF. A text cell that starts with `=`, `+`, `-`, `@` or a tab is written with a leading
 *   `'`, so a spreadsheet app never runs it as a formula; reading strips that quote again.
 * - XLSX: the first worksheet is read; rich text, hyperlinks and formula results are read as
 *   their text or value, dates as dates. Written as a stream, a bold frozen header, dates as
 *   real dates (`yyyy-mm-dd`), booleans and numbers as such.
 */
import { PassThrough, Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { ApiError } from '../../http/problem';

export type SheetFormat = 'csv' | 'xlsx';

/** A cell as read: text, a number, a boolean, a date, or nothing. */
export type CellValue = string | number | boolean | Date | null;

export interface SheetRow {
  /** The row number a spreadsheet shows (the header is row 1). */
  row: number;
  cells: CellValue[];
}

export interface SheetTable {
  headers: string[];
  rows: SheetRow[];
}

/** A cell to write; `date` columns hold `YYYY-MM-DD` text, written as dates in XLSX. */
export type OutCell = string | number | boolean | null;

export interface OutColumn {
  name: string;
  date?: boolean;
  width?: number;
}

/** The largest number of data rows an import reads. */
export const MAX_ROWS = 100_000;

const formulaStart = /^[=+\-@\t\r]/;

function badSheet(detail: string, cause?: unknown): ApiError {
  return new ApiError('validation', {
    detail,
    errors: [{ path: 'body', message: detail }],
    ...(cause === undefined ? {} : { cause }),
  });
}

/** The delimiter of a CSV text: the most frequent of `,` `;` and tab in its first line. */
function sniffDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t']) {
    let count = 0;
    let quoted = false;
    for (const char of firstLine) {
      if (char === '"') quoted = !quoted;
      else if (!quoted && char === candidate) count++;
    }
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

export function readCsv(bytes: Uint8Array): SheetTable {
  let text = new TextDecoder('utf-8').decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let records: string[][];
  try {
    records = parseCsv(text, {
      delimiter: sniffDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: false,
    });
  } catch (error) {
    throw badSheet(
      `The CSV cannot be read: ${error instanceof Error ? error.message : 'unknown error'}`,
      error,
    );
  }
  const [header, ...data] = records;
  if (header === undefined) throw badSheet('The sheet is empty: it needs a header row.');
  return {
    headers: header.map((cell) => cell.trim()),
    rows: data.map((cells, index) => ({
      row: index + 2,
      cells: cells.map((cell) =>
        formulaStart.test(cell.slice(1)) && cell.startsWith("'") ? cell.slice(1) : cell,
      ),
    })),
  };
}

/** The value of an exceljs cell as plain data. */
function plainCell(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : value.hyperlink;
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    if (result === undefined || result === null) return null;
    return typeof result === 'object' && !(result instanceof Date) ? null : result;
  }
  return null;
}

export async function readXlsx(bytes: Uint8Array): Promise<SheetTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    throw badSheet('The file is not an XLSX workbook that can be read.', error);
  }
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) throw badSheet('The workbook has no worksheet.');
  if (sheet.rowCount > MAX_ROWS + 1) {
    throw badSheet(`The sheet has more than ${MAX_ROWS} rows; split it.`);
  }
  const width = sheet.columnCount;
  const read = (index: number): CellValue[] => {
    const row = sheet.getRow(index);
    return Array.from({ length: width }, (_, column) => plainCell(row.getCell(column + 1).value));
  };
  const header = read(1).map((cell) => (cell === null ? '' : cellText(cell).trim()));
  if (header.every((cell) => cell === '')) throw badSheet('The sheet needs a header row (row 1).');
  const rows: SheetRow[] = [];
  for (let index = 2; index <= sheet.rowCount; index++)
    rows.push({ row: index, cells: read(index) });
  return { headers: header, rows };
}

/** Text of a cell, as a person would read it. */
export function cellText(cell: CellValue): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString();
  return String(cell);
}

export function isBlank(cell: CellValue | undefined): boolean {
  return cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === '');
}

export async function readSheet(format: SheetFormat, bytes: Uint8Array): Promise<SheetTable> {
  const table = format === 'csv' ? readCsv(bytes) : await readXlsx(bytes);
  if (table.rows.length > MAX_ROWS) {
    throw badSheet(`The sheet has more than ${MAX_ROWS} rows; split it.`);
  }
  return table;
}

/** An XLSX file starts like any zip archive. */
export function looksLikeXlsx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

const encoder = new TextEncoder();

function csvSafe(cell: OutCell): string | number | boolean | null {
  return typeof cell === 'string' && formulaStart.test(cell) ? `'${cell}` : cell;
}

/**
 * A CSV file as a stream of bytes: the BOM and header, then each batch of rows as it comes.
 */
export function csvStream(
  columns: readonly OutColumn[],
  batches: AsyncIterable<OutCell[][]>,
): ReadableStream<Uint8Array> {
  const iterator = batches[Symbol.asyncIterator]();
  let started = false;
  const lines = (rows: (string | number | boolean | null)[][]) =>
    stringifyCsv(rows, { record_delimiter: '\r\n', cast: { boolean: (value) => String(value) } });
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(
          encoder.encode(`\ufeff${lines([columns.map((column) => column.name)])}`),
        );
        return;
      }
      const next = await iterator.next();
      if (next.done === true) {
        controller.close();
        return;
      }
      if (next.value.length > 0) {
        controller.enqueue(encoder.encode(lines(next.value.map((row) => row.map(csvSafe)))));
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** A date column's text as an Excel date (midnight UTC, shown as yyyy-mm-dd). */
function xlsxCell(column: OutColumn | undefined, cell: OutCell): ExcelJS.CellValue {
  if (cell === null) return null;
  if (column?.date === true && typeof cell === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(cell)) {
    return new Date(`${cell}T00:00:00.000Z`);
  }
  return cell;
}

/** An XLSX workbook of one worksheet, written as a stream while the rows are read. */
export function xlsxStream(
  sheetName: string,
  columns: readonly OutColumn[],
  batches: AsyncIterable<OutCell[][]>,
): ReadableStream<Uint8Array> {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    header: column.name,
    key: column.name,
    width: column.width ?? Math.max(12, Math.min(40, column.name.length + 4)),
    ...(column.date === true ? { style: { numFmt: 'yyyy-mm-dd' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  void (async () => {
    try {
      for await (const batch of batches) {
        for (const row of batch) {
          sheet.addRow(row.map((cell, index) => xlsxCell(columns[index], cell))).commit();
        }
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      output.destroy(error instanceof Error ? error : new Error('export failed'));
    }
  })();
  return Readable.toWeb(output) as ReadableStream<Uint8Array>;
}

/**
 * The backup file: JSON Lines, usually gzip-compressed (`.jsonl.gz`).
 *
 *   {"format":"passerelle-backup","version":1,"createdAt":"…","schemaVersion":"0002_…","store":"pglite","tables":[{"name":"institutions","columns":["id","data",…]},…]}
 *   {"table":"institutions","row":{"id":"ins_…","data":{…},"version":1,…}}
 *   …                                   every row of every table, tables in the header's order
 *   {"end":true,"rows":{"institutions":12,…},"sha256":"…"}
 *
 * A row is PostgreSQL's own `row_to_json` of the stored row (timestamps in UTC), written back
 * with `json_populate_recordset`, so every column type goes through unchanged on PGlite and
 * on PostgreSQL. The last line counts the rows of each table and carries the SHA-256 of every
 * byte before it: a truncated or altered file is refused before anything is written.
 */
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';

export const BACKUP_FORMAT = 'passerelle-backup';
export const BACKUP_VERSION = 1;

export const BackupHeader = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.string(),
  /** The last migration applied to the store the backup was taken from. */
  schemaVersion: z.string(),
  store: z.enum(['pglite', 'postgres']),
  tables: z.array(z.object({ name: z.string().min(1), columns: z.array(z.string().min(1)) })),
});
export type BackupHeader = z.infer<typeof BackupHeader>;

const RowLine = z.object({ table: z.string(), row: z.record(z.string(), z.unknown()) });

const Trailer = z.object({
  end: z.literal(true),
  rows: z.record(z.string(), z.number().int().min(0)),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** Why a file cannot be restored. */
export class BackupError extends Error {
  constructor(
    readonly kind: 'corrupt' | 'invalid_records' | 'schema_mismatch' | 'not_empty',
    message: string,
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

/** A backup read and checked from end to end: the rows of each table as JSON text. */
export interface ParsedBackup {
  header: BackupHeader;
  /** Table name → its rows, each the JSON text of one row object. */
  rows: Map<string, string[]>;
  total: number;
}

/** Writes the lines of a backup and keeps the running hash and counts for the last line. */
export class BackupWriter {
  readonly #hash = createHash('sha256');
  readonly #counts: Record<string, number> = {};

  constructor(private readonly emit: (text: string) => void | Promise<void>) {}

  async header(header: BackupHeader): Promise<void> {
    for (const table of header.tables) this.#counts[table.name] = 0;
    await this.#line(JSON.stringify(header));
  }

  /** One row, as the JSON text `row_to_json` gave (it holds no raw line break). */
  async row(table: string, json: string): Promise<void> {
    this.#counts[table] = (this.#counts[table] ?? 0) + 1;
    await this.#line(`{"table":${JSON.stringify(table)},"row":${json}}`);
  }

  async end(): Promise<Record<string, number>> {
    const trailer = { end: true, rows: this.#counts, sha256: this.#hash.digest('hex') };
    await this.emit(`${JSON.stringify(trailer)}\n`);
    return this.#counts;
  }

  async #line(text: string): Promise<void> {
    const line = `${text}\n`;
    this.#hash.update(line, 'utf8');
    await this.emit(line);
  }
}

const GZIP_MAGIC = [0x1f, 0x8b];

/** Reads a backup file (gzip-compressed or not) and checks it whole; throws `BackupError`. */
export function parseBackup(bytes: Uint8Array): ParsedBackup {
  let plain = bytes;
  if (bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1]) {
    try {
      plain = gunzipSync(bytes);
    } catch (error) {
      throw new BackupError(
        'corrupt',
        `The file is not a complete gzip stream (${error instanceof Error ? error.message : 'unreadable'}): it was cut short or damaged.`,
      );
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    throw new BackupError('corrupt', 'The file is not UTF-8 text.');
  }
  if (!text.endsWith('\n')) {
    throw new BackupError(
      'corrupt',
      'The file does not end with a complete line: it was cut short.',
    );
  }
  const lines = text.slice(0, -1).split('\n');
  const last = lines.pop() ?? '';
  const trailer = Trailer.safeParse(parseLine(last, lines.length + 1));
  if (!trailer.success) {
    throw new BackupError(
      'corrupt',
      'The last line is not the end of a backup: the file was cut short or is not a Passerelle backup.',
    );
  }
  const body = lines.length === 0 ? '' : `${lines.join('\n')}\n`;
  const digest = createHash('sha256').update(body, 'utf8').digest('hex');
  if (digest !== trailer.data.sha256) {
    throw new BackupError(
      'corrupt',
      'The checksum does not match: the file was altered or damaged.',
    );
  }

  const header = BackupHeader.safeParse(parseLine(lines[0] ?? '', 1));
  if (!header.success) {
    throw new BackupError(
      'corrupt',
      `The first line is not a header of a ${BACKUP_FORMAT} version ${BACKUP_VERSION} file.`,
    );
  }
  const columns = new Map(header.data.tables.map((table) => [table.name, table.columns]));
  const rows = new Map<string, string[]>(header.data.tables.map((table) => [table.name, []]));
  for (let index = 1; index < lines.length; index++) {
    const line = RowLine.safeParse(parseLine(lines[index] ?? '', index + 1));
    const expected = line.success ? columns.get(line.data.table) : undefined;
    if (!line.success || expected === undefined) {
      throw new BackupError('corrupt', `Line ${index + 1} is not a row of a table of the backup.`);
    }
    const keys = Object.keys(line.data.row);
    if (keys.length !== expected.length || !expected.every((column) => keys.includes(column))) {
      throw new BackupError(
        'corrupt',
        `Line ${index + 1}: the row of ${line.data.table} does not have the table's columns.`,
      );
    }
    rows.get(line.data.table)?.push(JSON.stringify(line.data.row));
  }
  let total = 0;
  for (const [table, list] of rows) {
    if ((trailer.data.rows[table] ?? 0) !== list.length) {
      throw new BackupError(
        'corrupt',
        `The file holds ${list.length} rows of ${table} but says ${trailer.data.rows[table] ?? 0}.`,
      );
    }
    total += list.length;
  }
  return { header: header.data, rows, total };
}

function parseLine(line: string, number: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new BackupError('corrupt', `Line ${number} is not JSON.`);
  }
}

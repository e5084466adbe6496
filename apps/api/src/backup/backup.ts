/**
 * Taking a backup: every table, read in one repeatable-read, read-only transaction (a
 * consistent snapshot while the API keeps serving), written line by line through
 * `BackupWriter` (format.ts).
 */
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { Db, Queryable, Store } from '../db/store';
import { BACKUP_FORMAT, BACKUP_VERSION, BackupWriter } from './format';
import { listTables, rowsOf, schemaVersionOf, type TableInfo } from './tables';

/** Rows read per query of a table with a text primary key. */
const PAGE = 1000;

export interface BackupSummary {
  createdAt: string;
  schemaVersion: string;
  rows: Record<string, number>;
}

/** Writes the whole store as backup lines to `emit`; resolves when the last line is out. */
export async function writeBackup(
  store: Pick<Store, 'kind'> & { db: Db },
  emit: (text: string) => void | Promise<void>,
  now: Date,
): Promise<BackupSummary> {
  return store.db.transaction(async (tx) => {
    await tx.execute(sql`set transaction isolation level repeatable read, read only`);
    // row_to_json writes timestamps in the session's zone: UTC, the same on every store.
    await tx.execute(sql`set local time zone 'UTC'`);
    const tables = await listTables(tx);
    const schemaVersion = await schemaVersionOf(tx);
    const createdAt = now.toISOString();
    const writer = new BackupWriter(emit);
    await writer.header({
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt,
      schemaVersion,
      store: store.kind,
      tables: tables.map((table) => ({ name: table.name, columns: table.columns })),
    });
    for (const table of tables) {
      for await (const json of tableRows(tx, table)) await writer.row(table.name, json);
    }
    return { createdAt, schemaVersion, rows: await writer.end() };
  });
}

/**
 * A table's rows as JSON text, in a fixed order: by primary key (byte order, so PGlite and
 * PostgreSQL agree whatever their collation), in pages when it is one text column.
 */
export async function* tableRows(
  db: Queryable,
  table: TableInfo,
  pageSize = PAGE,
): AsyncGenerator<string> {
  const name = sql.identifier(table.name);
  const [key] = table.primaryKey;
  if (table.textKey && key !== undefined) {
    const column = sql.identifier(key);
    let after: string | undefined;
    for (;;) {
      const page = await rowsOf<{ j: string; k: string }>(
        db,
        sql`select row_to_json(t)::text as j, t.${column} as k from ${name} t
            ${after === undefined ? sql`` : sql`where t.${column} collate "C" > ${after}`}
            order by t.${column} collate "C" limit ${pageSize}`,
      );
      for (const row of page) yield row.j;
      const last = page.at(-1);
      if (page.length < pageSize || last === undefined) return;
      after = last.k;
    }
  }
  const rows = await rowsOf<{ j: string }>(
    db,
    sql`select j from (select row_to_json(t)::text as j from ${name} t) s order by j collate "C"`,
  );
  for (const row of rows) yield row.j;
}

/**
 * The backup as a gzip-compressed byte stream, for an HTTP response. The snapshot is read as
 * fast as the database answers (the compressed bytes wait in memory for a slow client), so the
 * read transaction stays short. A failure cuts the stream short: the file then lacks its last
 * line, and a restore refuses it.
 */
export function backupStream(
  store: Pick<Store, 'kind'> & { db: Db },
  now: Date,
  onError: (error: unknown) => void,
): ReadableStream<Uint8Array> {
  const gzip = createGzip();
  writeBackup(store, (text) => void gzip.write(text, 'utf8'), now).then(
    () => gzip.end(),
    (error: unknown) => {
      onError(error);
      gzip.destroy(error instanceof Error ? error : new Error('backup failed'));
    },
  );
  return Readable.toWeb(gzip) as ReadableStream<Uint8Array>;
}

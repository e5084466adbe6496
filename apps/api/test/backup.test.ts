/**
 * Backup and restore: the whole store to one file and back into an empty store, compared
 * table by table, row by row: PGlite → PGlite over HTTP, and with the CLI PGlite → PostgreSQL,
 * PostgreSQL → PostgreSQL and PostgreSQL → PGlite when TEST_DATABASE_URL is set (PGlite →
 * PGlite otherwise). A corrupt, truncated or foreign file, a store that is not empty and one
 * at another migration are refused without writing anything.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupStream, tableRows, writeBackup } from '../src/backup/backup';
import { runCli } from '../src/backup/cli';
import { BackupWriter, type ParsedBackup, parseBackup } from '../src/backup/format';
import { restoreBackup } from '../src/backup/restore';
import { knownMigrations, listTables } from '../src/backup/tables';
import { defaultConfig } from '../src/config';
import { type Db, openStore, type Store } from '../src/db/store';
import { setUpDemo } from '../src/demo';
import { createLogger } from '../src/logger';
import { ids } from './fixtures';
import {
  expectProblem,
  type JsonObject,
  startTestApi,
  statisticsOf,
  type TestApi,
} from './helpers';

const withPostgres = process.env.TEST_DATABASE_URL !== undefined;

/** Every row of every table of a store, as the backup reader sees them. */
async function snapshotOf(store: Store): Promise<ParsedBackup> {
  const lines: string[] = [];
  await writeBackup(store, (text) => void lines.push(text), new Date());
  return parseBackup(new TextEncoder().encode(lines.join('')));
}

/** Rows per table as objects, without the audit entries of restores. */
function tablesOf(backup: ParsedBackup): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [table, rows] of backup.rows) {
    out[table] = rows
      .map((row) => JSON.parse(row) as Record<string, unknown>)
      .filter((row) => !(table === 'audit_log' && row.action === 'store.restore'));
  }
  return out;
}

function restoreEntries(backup: ParsedBackup): Record<string, unknown>[] {
  return (backup.rows.get('audit_log') ?? [])
    .map((row) => JSON.parse(row) as Record<string, unknown>)
    .filter((row) => row.action === 'store.restore');
}

/** A new, uniquely named database on the TEST_DATABASE_URL server. */
async function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL ?? '';
  const name = `passerelle_backup_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

describe('backup and restore', () => {
  let source: TestApi;
  let target: TestApi;
  let targetAdmin = '';
  let file = new Uint8Array();
  let sourceTables: Record<string, unknown[]> = {};
  let dir = '';
  const databases: { drop(): Promise<void> }[] = [];
  const cliOutput: string[] = [];
  const io = {
    out: (line: string) => cliOutput.push(line),
    err: (line: string) => cliOutput.push(line),
  };

  const restore = (bytes: Uint8Array, token: string, type = 'application/gzip') =>
    fetch(`${target.url}/v1/admin/restore`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body: new Uint8Array(bytes),
    });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'passerelle-backup-'));
    source = await startTestApi({ store: 'pglite' });
    const staff = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      source.json<JsonObject>(path, { token: source.tokens.staff, body, headers });
    // Something in every kind of table: records, an event with a registration, a chat binding,
    // an idempotency key, audit entries.
    expect(
      (
        await staff(
          '/v1/institutions',
          {
            name: { en: 'KTH', zh: '皇家理工' },
            country: 'SE',
            city: 'Stockholm',
            kind: 'university',
            heiId: 'kth.se',
          },
          { 'idempotency-key': 'kth-1' },
        )
      ).status,
    ).toBe(201);
    const event = await staff('/v1/events', {
      kind: 'themed_salon',
      title: { en: 'Sino-French salon', zh: '中法沙龙' },
      sessions: [
        {
          start: '2025-12-10T14:00:00+08:00',
          end: '2025-12-10T16:00:00+08:00',
          timeZone: 'Asia/Shanghai',
        },
      ],
      organiser: 'International Affairs Office',
      audience: ['all_students'],
      capacity: 10,
    });
    expect(event.status).toBe(201);
    const registered = await source.fetch(`/v1/events/${event.body.id}/registrations`, {
      method: 'POST',
      token: source.tokens.student.token,
    });
    expect(registered.status).toBe(201);
    const code = await staff('/v1/bindings/codes', { studentId: ids.student });
    const bound = await source.fetch('/v1/bindings', {
      token: source.tokens.service,
      body: { channel: 'wechat', userId: 'wx-backup', code: code.body.code },
    });
    expect(bound.status).toBe(201);

    const response = await source.fetch('/v1/admin/backup', { token: source.tokens.admin });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/gzip');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="passerelle-backup-.+\.jsonl\.gz"$/,
    );
    file = new Uint8Array(await response.arrayBuffer());
    await writeFile(join(dir, 'source.jsonl.gz'), file);
    sourceTables = tablesOf(await snapshotOf(source.store));

    // The target: a store just set up by a first start with DEMO_DATA=false.
    target = await startTestApi({ store: 'pglite', seed: false });
    const tokens = await setUpDemo(target.store.db, {
      now: new Date(),
      withData: false,
      logger: createLogger(defaultConfig({ LOG_LEVEL: 'silent' })),
    });
    targetAdmin = tokens.admin;
  }, 60_000);

  afterAll(async () => {
    await source?.close();
    await target?.close();
    for (const database of databases) await database.drop();
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('writes one file: a header, every table in a safe order, rows, and a checked last line', async () => {
    const backup = parseBackup(file);
    expect(backup.header).toMatchObject({
      format: 'passerelle-backup',
      version: 1,
      schemaVersion: knownMigrations().at(-1),
      store: 'pglite',
    });
    const names = backup.header.tables.map((table) => table.name);
    expect(names).toEqual((await listTables(source.store.db)).map((table) => table.name));
    expect(names.indexOf('institutions')).toBeLessThan(names.indexOf('agreements'));
    expect(names.indexOf('students')).toBeLessThan(names.indexOf('registrations'));
    expect(names.at(-1)).toBe('audit_log');
    // Tokens travel as their hashes only.
    const tokens = backup.rows.get('tokens') ?? [];
    expect(tokens).toHaveLength(5);
    expect(tokens.join('\n')).not.toContain(source.tokens.admin);
    for (const table of [
      'registrations',
      'channel_bindings',
      'binding_codes',
      'idempotency_keys',
    ]) {
      expect(backup.rows.get(table)?.length, table).toBeGreaterThan(0);
    }
    const audit = (backup.rows.get('audit_log') ?? []).map((row) => JSON.parse(row) as JsonObject);
    expect(audit.map((entry) => entry.action)).toContain('store.backup');
    // The file is the store: what it holds is what the source holds now.
    expect(tablesOf(backup)).toEqual(sourceTables);
  });

  it('reads a table in keyset pages, each row once, in key order', async () => {
    const [institutions] = (await listTables(source.store.db)).filter(
      (table) => table.name === 'institutions',
    );
    if (institutions === undefined) throw new Error('no institutions table');
    const paged: string[] = [];
    for await (const json of tableRows(source.store.db, institutions, 2)) {
      paged.push(String((JSON.parse(json) as JsonObject).id));
    }
    expect(paged).toEqual(sourceTables.institutions?.map((row) => (row as JsonObject).id));
    expect(paged).toHaveLength(5);
  });

  it('cuts the download short when the store fails, so the file cannot be restored', async () => {
    const failing = {
      kind: 'pglite' as const,
      db: { transaction: () => Promise.reject(new Error('the disk is gone')) } as unknown as Db,
    };
    const errors: unknown[] = [];
    const stream = backupStream(failing, new Date(), (error) => errors.push(error));
    await expect(new Response(stream).arrayBuffer()).rejects.toThrow();
    expect(errors).toEqual([new Error('the disk is gone')]);
  });

  it('is for admins only', async () => {
    await expectProblem(
      await source.fetch('/v1/admin/backup', { token: source.tokens.staff }),
      403,
      'forbidden',
    );
    await expectProblem(
      await source.fetch('/v1/admin/backup', { token: source.tokens.student.token }),
      404,
      'not-found',
    );
    const asStaff = await fetch(`${source.url}/v1/admin/restore`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${source.tokens.staff}`,
        'content-type': 'application/gzip',
      },
      body: new Uint8Array(file),
    });
    await expectProblem(asStaff, 403, 'forbidden');
  });

  it('refuses to restore into a store that holds records (409), and changes nothing', async () => {
    const response = await fetch(`${source.url}/v1/admin/restore`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${source.tokens.admin}`,
        'content-type': 'application/gzip',
      },
      body: new Uint8Array(file),
    });
    const problem = await expectProblem(response, 409, 'conflict');
    expect(problem.rule).toBe('backup.not_empty');
    expect((problem.data as { tables: Record<string, number> }).tables).toMatchObject({
      institutions: 5,
      students: 3,
    });
    const after = tablesOf(await snapshotOf(source.store));
    expect(after.institutions).toEqual(sourceTables.institutions);
  });

  it('refuses a truncated, altered, foreign or other-version file, writing nothing', async () => {
    // The first use of a token records it (last_used_at): done before the snapshot.
    expect((await target.fetch('/v1/audit?limit=1', { token: targetAdmin })).status).toBe(200);
    const before = tablesOf(await snapshotOf(target.store));
    const plain = gunzipSync(file).toString('utf8');
    expect(plain).toContain('Stockholm');
    const lines = plain.split('\n');

    const truncated = await restore(file.slice(0, Math.floor(file.length / 2)), targetAdmin);
    expect((await expectProblem(truncated, 400, 'validation')).detail).toMatch(/cut short/);
    const withoutEnd = await restore(
      new TextEncoder().encode(`${lines.slice(0, -2).join('\n')}\n`),
      targetAdmin,
      'application/jsonl',
    );
    expect((await expectProblem(withoutEnd, 400, 'validation')).detail).toMatch(/last line/);
    const altered = await restore(gzipSync(plain.replace('Stockholm', 'Uppsala')), targetAdmin);
    expect((await expectProblem(altered, 400, 'validation')).detail).toMatch(/checksum/);
    const foreign = await restore(
      new TextEncoder().encode('{"hello":"world"}\n'),
      targetAdmin,
      'application/jsonl',
    );
    expect((await expectProblem(foreign, 400, 'validation')).rule).toBe('backup.corrupt');
    const notAFile = await fetch(`${target.url}/v1/admin/restore`, {
      method: 'POST',
      headers: { authorization: `Bearer ${targetAdmin}`, 'content-type': 'application/json' },
      body: '{}',
    });
    await expectProblem(notAFile, 415, 'unsupported-media-type');

    // A valid file of another migration: rewritten with its own checksum.
    const parsed = parseBackup(file);
    const chunks: string[] = [];
    const writer = new BackupWriter((text) => void chunks.push(text));
    await writer.header({ ...parsed.header, schemaVersion: '0000_extensions' });
    for (const [table, rows] of parsed.rows) for (const row of rows) await writer.row(table, row);
    await writer.end();
    const older = await restore(gzipSync(chunks.join('')), targetAdmin);
    expect((await expectProblem(older, 409, 'conflict')).rule).toBe('backup.schema_mismatch');

    // A valid file whose records Passerelle would not write (edited, then re-checksummed): a
    // student without a name and one with a field no schema knows. Records are not checked
    // again when read back, so they are refused here.
    const edited: string[] = [];
    const editor = new BackupWriter((text) => void edited.push(text));
    await editor.header(parsed.header);
    let changed = 0;
    for (const [table, rows] of parsed.rows) {
      for (const row of rows) {
        if (table !== 'students' || changed >= 2) {
          await editor.row(table, row);
          continue;
        }
        const value = JSON.parse(row) as { data: Record<string, unknown> };
        if (changed === 0) delete value.data.fullName;
        else value.data.shoeSize = 44;
        changed++;
        await editor.row(table, JSON.stringify(value));
      }
    }
    await editor.end();
    const invalid = await expectProblem(
      await restore(gzipSync(edited.join('')), targetAdmin),
      400,
      'validation',
    );
    expect(invalid.rule).toBe('backup.invalid_records');
    const fields = (invalid.errors as { path: string; message: string }[]).map((error) => error);
    expect(fields).toHaveLength(2);
    expect(fields[0]?.path).toMatch(/^students\.stu_/);
    expect(fields[0]?.message).toMatch(/fullName/);
    expect(fields[1]?.message).toMatch(/form the schema gives/);

    expect(tablesOf(await snapshotOf(target.store))).toEqual(before);
  });

  it('restores PGlite → PGlite over HTTP: every table equal, the old tokens working', async () => {
    // PGlite gathers no planner statistics by itself; the restore, a bulk load, leaves them.
    expect(await statisticsOf(target.store.db, 'students')).toEqual([]);
    const response = await restore(file, targetAdmin);
    expect(response.status).toBe(200);
    const body = (await response.json()) as JsonObject;
    expect(body).toMatchObject({ restored: true, schemaVersion: knownMigrations().at(-1) });
    expect(body.total).toBe(parseBackup(file).total);

    const restored = await snapshotOf(target.store);
    expect(tablesOf(restored)).toEqual(sourceTables);
    expect(await statisticsOf(target.store.db, 'students')).toContain('programme_start');
    expect(restoreEntries(restored)).toEqual([
      expect.objectContaining({
        entity: 'store',
        actor_role: 'admin',
        details: expect.objectContaining({ via: 'api' }),
      }),
    ]);
    // The source's tokens are the target's now; the target's first-start token is gone.
    const student = await target.json<JsonObject>(`/v1/students/${ids.student}`, {
      token: source.tokens.staff,
    });
    const original = await source.json<JsonObject>(`/v1/students/${ids.student}`, {
      token: source.tokens.staff,
    });
    expect(student.status).toBe(200);
    expect(student.body).toEqual(original.body);
    const gone = await target.fetch('/v1/students', { token: targetAdmin });
    await expectProblem(gone, 401, 'unauthenticated');
    const binding = await target.json<JsonObject>('/v1/students', {
      token: source.tokens.service,
      headers: { 'passerelle-act-as': 'channel:wechat:wx-backup' },
    });
    expect(binding.status).toBe(200);
  });

  it(withPostgres
    ? 'moves PGlite → PostgreSQL, PostgreSQL → PostgreSQL and PostgreSQL → PGlite with the CLI'
    : 'moves PGlite → PGlite with the CLI (set TEST_DATABASE_URL for the PostgreSQL legs)', async () => {
    const sourceFile = join(dir, 'source.jsonl.gz');
    const expected = tablesOf(parseBackup(file));
    let second = sourceFile;

    if (withPostgres) {
      // PGlite → PostgreSQL, the way an office outgrows the embedded store.
      const postgres = await createDatabase();
      databases.push(postgres);
      expect(
        await runCli(['restore', '--in', sourceFile], { DATABASE_URL: postgres.url }, io),
      ).toBe(0);
      second = join(dir, 'postgres.jsonl');
      expect(
        await runCli(
          ['backup', '--out', 'postgres.jsonl'],
          { DATABASE_URL: postgres.url, INIT_CWD: dir },
          io,
        ),
      ).toBe(0);
      const fromPostgres = parseBackup(await readFile(second));
      expect(fromPostgres.header.store).toBe('postgres');
      expect(tablesOf(fromPostgres)).toEqual(expected);
      expect(restoreEntries(fromPostgres)).toHaveLength(1);

      // PostgreSQL → PostgreSQL.
      const again = await createDatabase();
      databases.push(again);
      const store = await openStore({ databaseUrl: again.url, dataDir: dir });
      try {
        await store.migrate();
        await restoreBackup(
          store.db,
          fromPostgres,
          { tokenId: null, actorRole: 'admin', actorId: null, requestId: null, via: 'cli' },
          new Date(),
        );
        const copy = await snapshotOf(store);
        expect(tablesOf(copy)).toEqual(expected);
        expect(restoreEntries(copy)).toHaveLength(2);
      } finally {
        await store.close();
      }
    }

    // … → PGlite with the CLI, then backed up again from there.
    const embedded = join(dir, 'embedded');
    expect(await runCli(['restore', '--in', second], { DATA_DIR: embedded }, io)).toBe(0);
    const third = join(dir, 'embedded.jsonl.gz');
    expect(await runCli(['backup', '--out', third], { DATA_DIR: embedded }, io)).toBe(0);
    const fromEmbedded = parseBackup(await readFile(third));
    expect(tablesOf(fromEmbedded)).toEqual(expected);
    expect(restoreEntries(fromEmbedded).map((entry) => (entry.details as JsonObject).via)).toEqual(
      withPostgres ? ['cli', 'cli'] : ['cli'],
    );
    expect(cliOutput.join('\n')).toMatch(/Restored \d+ rows .* into the embedded store/);

    // The CLI refuses a second restore into the same store, and an existing output file.
    expect(await runCli(['restore', '--in', second], { DATA_DIR: embedded }, io)).toBe(1);
    expect(cliOutput.at(-1)).toMatch(/^Nothing was restored: .*only into an empty store/);
    expect(await runCli(['backup', '--out', third], { DATA_DIR: embedded }, io)).toBe(1);
    expect(cliOutput.at(-1)).toMatch(/exists/);
  }, 180_000);

  it('the CLI refuses a truncated file before it opens any store, and explains its usage', async () => {
    const truncated = join(dir, 'truncated.jsonl.gz');
    await writeFile(truncated, file.slice(0, file.length - 10));
    const untouched = join(dir, 'untouched');
    expect(await runCli(['restore', '--in', truncated], { DATA_DIR: untouched }, io)).toBe(1);
    expect(cliOutput.at(-1)).toMatch(/^Nothing was restored: .*cut short/);
    expect(await runCli(['restore', '--in', join(dir, 'missing.gz')], {}, io)).toBe(1);
    expect(await runCli(['restore'], {}, io)).toBe(2);
    expect(await runCli(['backup', '--out'], {}, io)).toBe(2);
    expect(await runCli(['backup', '--in', 'x.gz'], {}, io)).toBe(2);
    expect(await runCli(['export', '--out', 'x'], {}, io)).toBe(2);
    expect(cliOutput.at(-1)).toMatch(/^usage: backup --out FILE/);
    expect(await runCli(['backup', '--out', 'x'], { PORT: 'nope' }, io)).toBe(2);
    expect(await runCli(['backup', '--out', join(dir, 'nowhere', 'x.gz')], {}, io)).toBe(1);
    expect(cliOutput.at(-1)).toMatch(/nowhere does not exist/);
  });
});

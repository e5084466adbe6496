/**
 * `npm run backup -w @passerelle/api -- --out FILE` and `npm run restore -w @passerelle/api --
 * --in FILE`: the store named by DATABASE_URL (PostgreSQL) or DATA_DIR (the embedded PGlite)
 * to a file and back, without the API running. Relative paths are taken from the directory
 * npm was run in. A FILE ending in `.gz` is gzip-compressed; restore reads either kind.
 *
 * The API must not be running on the same DATA_DIR (PGlite has one user at a time).
 */
import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { ConfigError, loadConfig } from '../config';
import { openStore, type Store } from '../db/store';
import { writeBackup } from './backup';
import { BackupError, type ParsedBackup, parseBackup } from './format';
import { restoreBackup } from './restore';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const USAGE = [
  'usage: backup --out FILE [--force]   write the store to FILE (.gz: gzip-compressed)',
  '       restore --in FILE             write FILE into an empty store',
  'The store: DATABASE_URL (PostgreSQL) if set, else the embedded store in DATA_DIR (default ./.data).',
].join('\n');

/** Runs one command; resolves to the process exit code. */
export async function runCli(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  io: CliIo,
): Promise<number> {
  const [command, ...rest] = argv;
  const options = parseOptions(rest);
  if (options === undefined || (command !== 'backup' && command !== 'restore')) {
    io.err(USAGE);
    return 2;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }
  // npm runs workspace scripts in the workspace; paths mean what they meant where npm was typed.
  const base = env.INIT_CWD ?? process.cwd();
  const at = (path: string) => (isAbsolute(path) ? path : resolve(base, path));
  const file = command === 'backup' ? options.out : options.in;
  if (file === undefined) {
    io.err(USAGE);
    return 2;
  }
  const path = at(file);
  if (command === 'backup' && existsSync(path) && !options.force) {
    io.err(`${path} exists; choose another file or add --force to replace it.`);
    return 1;
  }
  if (command === 'backup' && !existsSync(dirname(path))) {
    io.err(`${dirname(path)} does not exist.`);
    return 1;
  }

  // A restore checks the whole file before it opens the store.
  let backup: ParsedBackup | undefined;
  if (command === 'restore') {
    if (!existsSync(path)) {
      io.err(`${path} does not exist.`);
      return 1;
    }
    try {
      backup = parseBackup(await readFile(path));
    } catch (error) {
      if (!(error instanceof BackupError)) throw error;
      io.err(`Nothing was restored: ${error.message}`);
      return 1;
    }
  }

  const store = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: at(config.DATA_DIR) });
  const where =
    store.kind === 'pglite'
      ? `the embedded store in ${at(config.DATA_DIR)}`
      : `PostgreSQL at ${safeUrl(config.DATABASE_URL ?? '')}`;
  try {
    await store.migrate();
    if (backup === undefined) return await backupTo(store, path, options.force, where, io);
    const summary = await restoreBackup(
      store.db,
      backup,
      { tokenId: null, actorRole: 'admin', actorId: null, requestId: null, via: 'cli' },
      new Date(),
    );
    io.out(
      `Restored ${summary.total} rows (${Object.keys(summary.rows).length} tables, backup of ${summary.createdAt}, migration ${summary.schemaVersion}) into ${where}.`,
    );
    return 0;
  } catch (error) {
    if (error instanceof BackupError) {
      io.err(`Nothing was restored: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
}

async function backupTo(
  store: Store,
  path: string,
  force: boolean,
  where: string,
  io: CliIo,
): Promise<number> {
  const file = createWriteStream(path, { flags: force ? 'w' : 'wx', mode: 0o600 });
  const gzip = path.endsWith('.gz') ? createGzip() : undefined;
  gzip?.pipe(file);
  const sink = gzip ?? file;
  try {
    const summary = await writeBackup(
      store,
      async (text) => {
        if (!sink.write(text, 'utf8')) await once(sink, 'drain');
      },
      new Date(),
    );
    sink.end();
    await finished(file);
    const total = Object.values(summary.rows).reduce((sum, count) => sum + count, 0);
    io.out(
      `Backed up ${total} rows (${Object.keys(summary.rows).length} tables, migration ${summary.schemaVersion}) of ${where} to ${path}.`,
    );
    return 0;
  } catch (error) {
    sink.destroy();
    file.destroy();
    await rm(path, { force: true });
    throw error;
  }
}

interface Options {
  out?: string;
  in?: string;
  force: boolean;
}

function parseOptions(args: readonly string[]): Options | undefined {
  const options: Options = { force: false };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    const value = args[index + 1];
    if (arg === '--force') options.force = true;
    else if (
      (arg === '--out' || arg === '--in') &&
      value !== undefined &&
      !value.startsWith('--')
    ) {
      options[arg === '--out' ? 'out' : 'in'] = value;
      index++;
    } else return undefined;
  }
  return options;
}

/** A connection string without its password, for messages. */
function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

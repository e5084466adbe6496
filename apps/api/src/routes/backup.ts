/**
 * /v1/admin/backup and /v1/admin/restore: the whole store to one file and back, for admins.
 * The same files as `npm run backup` / `npm run restore` (src/backup/cli.ts), which work on
 * DATA_DIR or DATABASE_URL directly: how an office moves from PGlite to PostgreSQL.
 */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { writeAudit } from '../audit';
import { actorId } from '../auth/identity';
import { authorize } from '../auth/policy';
import { backupStream } from '../backup/backup';
import { RESTORE_PATH } from '../backup/body';
import { BackupError, parseBackup } from '../backup/format';
import { restoreBackup } from '../backup/restore';
import { type App, type AppDeps, authOf } from '../http/context';
import { ApiError } from '../http/problem';
import { safeError } from '../logger';
import type { RecordProblem } from '../repositories/all';
import { actorOf, bearer, errors } from './common';

const tags = ['Admin'];

const RestoreResult = z
  .object({
    restored: z.literal(true),
    createdAt: z.string().meta({ description: 'When the backup was taken.' }),
    schemaVersion: z.string().meta({ example: '0002_calendar_feeds' }),
    rows: z.record(z.string(), z.number().int()).meta({ description: 'Rows written, per table.' }),
    total: z.number().int(),
  })
  .meta({ id: 'RestoreResult' });

const backupRoute = createRoute({
  method: 'get',
  path: '/v1/admin/backup',
  tags,
  summary: 'Download a backup of the whole store (admin)',
  description:
    'One gzip-compressed JSON Lines file (`passerelle-backup-<time>.jsonl.gz`): a header `{format, version, createdAt, schemaVersion, store, tables}`, then every row of every table (tokens as their hashes, chat bindings, the audit log included) in an order that keeps references valid, then a last line with the row counts and a SHA-256 of the rest. The rows are a consistent snapshot. The download is recorded in the audit log.',
  security: bearer,
  responses: {
    200: {
      description: 'The backup file',
      content: { 'application/gzip': { schema: z.string().meta({ format: 'binary' }) } },
    },
    ...errors(403, 404),
  },
});

const restoreRoute = createRoute({
  method: 'post',
  path: RESTORE_PATH,
  tags,
  summary: 'Restore a backup into an empty store (admin)',
  description:
    "Send a file from `GET /v1/admin/backup` or `npm run backup` as `application/gzip` (or plain JSON Lines as `application/jsonl`), up to `RESTORE_MAX_BYTES`. The whole file is checked first (a truncated or altered one is refused with 400, nothing written), then written in one transaction. The store must be empty: no records, only what a first start makes (demo tokens, chat bindings, the placeholder student of `DEMO_DATA=false`), which the backup's replace; otherwise 409. It must also be at the backup's migration (409 otherwise). Afterwards the tokens are the backup's: the token that sent the restore works only if the backup has it.",
  security: bearer,
  request: {
    body: {
      required: true,
      content: { 'application/gzip': { schema: z.string().meta({ format: 'binary' }) } },
    },
  },
  responses: {
    200: {
      description: 'Restored',
      content: { 'application/json': { schema: RestoreResult } },
    },
    ...errors(403, 404, 409, 413, 415),
  },
});

export function registerBackup(app: App, deps: AppDeps): void {
  const { store } = deps;

  app.openapi(backupRoute, async (c) => {
    authorize(authOf(c), 'backup', 'read');
    const actor = actorOf(c, deps);
    // Recorded first, so the backup holds its own entry.
    await writeAudit(store.db, actor, {
      action: 'store.backup',
      entity: 'store',
      entityId: 'store',
    });
    const stamp = actor.now.toISOString().replace(/[:.]/g, '-');
    const body = backupStream(store, actor.now, (error) => {
      deps.logger.error({ requestId: actor.requestId, err: safeError(error) }, 'backup failed');
    });
    return c.body(body, 200, {
      'Content-Type': 'application/gzip',
      'Content-Disposition': `attachment; filename="passerelle-backup-${stamp}.jsonl.gz"`,
      'Cache-Control': 'no-store',
    });
  });

  app.openapi(restoreRoute, async (c) => {
    const auth = authOf(c);
    authorize(auth, 'backup', 'create');
    const actor = actorOf(c, deps);
    try {
      const backup = parseBackup(new Uint8Array(await c.req.arrayBuffer()));
      const summary = await restoreBackup(
        store.db,
        backup,
        {
          tokenId: auth.tokenId,
          actorRole: 'admin',
          actorId: actorId(auth) ?? null,
          requestId: actor.requestId,
          via: 'api',
        },
        actor.now,
      );
      deps.authenticator.invalidate();
      return c.json({ restored: true as const, ...summary }, 200);
    } catch (error) {
      if (!(error instanceof BackupError)) throw error;
      throw error.kind === 'corrupt' || error.kind === 'invalid_records'
        ? new ApiError('validation', {
            detail: error.message,
            errors: invalidRecords(error),
            rule: `backup.${error.kind}`,
          })
        : new ApiError('conflict', {
            detail: error.message,
            rule: `backup.${error.kind}`,
            data: error.data,
          });
    }
  });
}

/** The failing fields of a refused backup: the whole body, or each record refused. */
function invalidRecords(error: BackupError): { path: string; message: string }[] {
  const problems = error.data.problems;
  if (error.kind !== 'invalid_records' || !Array.isArray(problems)) {
    return [{ path: 'body', message: error.message }];
  }
  return problems.map((problem: RecordProblem) => ({
    path: `${problem.table}.${problem.id}`,
    message: problem.problem,
  }));
}

/**
 * Store outage: a private PostgreSQL cluster (initdb in a temp directory, its own port, so the
 * shared server is never touched) under an API running in this process; the cluster is
 * stopped while the API runs. Requests must answer 503 problem+json within the pool's time-outs,
 * /readyz must fail and /healthz still answer; once the cluster is back, requests succeed again
 * without restarting the API.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../test/helpers';
import { newTally, Secrets, scanLogs, send, statusSummary, writeSection } from './harness';
import { freePort } from './processes';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const initdb = join(BIN, 'initdb');
const available = existsSync(initdb);
/**
 * On a machine without PostgreSQL's programs (`npm test` needs none) the check is reported as
 * skipped; in CI, which has them, a missing initdb fails instead of passing silently.
 */
const required = process.env.CI === 'true' || process.env.CI === '1';
const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL tool, as the postgres user when this process is root. */
function pgTool(tool: string, args: string[]): string {
  const command = asRoot ? 'runuser' : join(BIN, tool);
  const argv = asRoot ? ['-u', 'postgres', '--', join(BIN, tool), ...args] : args;
  return execFileSync(command, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe.skipIf(!available && !required)('PostgreSQL outage (private cluster)', () => {
  let root = '';
  let dataDir = '';
  let port = 0;
  let api: TestApi | undefined;
  const start = () =>
    pgTool('pg_ctl', [
      '-D',
      dataDir,
      '-l',
      join(root, 'server.log'),
      '-o',
      `-p ${port} -k ${root} -c listen_addresses=127.0.0.1`,
      '-w',
      'start',
    ]);
  const stop = () => pgTool('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'passerelle-outage-'));
    await chmod(root, 0o777);
    if (asRoot) execFileSync('chown', ['postgres', root]);
    dataDir = join(root, 'cluster');
    port = await freePort();
    pgTool('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
    start();
    const previous = process.env.TEST_DATABASE_URL;
    process.env.TEST_DATABASE_URL = `postgres://postgres@127.0.0.1:${port}/postgres`;
    try {
      api = await startTestApi({ store: 'postgres' });
    } finally {
      if (previous === undefined) delete process.env.TEST_DATABASE_URL;
      else process.env.TEST_DATABASE_URL = previous;
    }
  }, 180_000);

  afterAll(async () => {
    try {
      start();
    } catch {
      // already running
    }
    await api?.close();
    try {
      stop();
    } catch {
      // already stopped
    }
    if (root !== '') await rm(root, { recursive: true, force: true });
  }, 120_000);

  it('answers 503 problem+json while the database is down and recovers without a restart', async () => {
    if (api === undefined) throw new Error('no API');
    const staff = { authorization: `Bearer ${api.tokens.staff}` };
    const institution = (name: string) =>
      JSON.stringify({ name: { en: name }, country: 'SE', city: 'Lund', kind: 'university' });
    const before = await api.fetch('/v1/students', { token: api.tokens.staff });
    expect(before.status).toBe(200);

    stop();
    const down = newTally();
    const slowest = { ms: 0 };
    const timed = async (request: Parameters<typeof send>[1]) => {
      const at = performance.now();
      const answer = await send(api as TestApi, request, down);
      slowest.ms = Math.max(slowest.ms, performance.now() - at);
      return answer;
    };
    // Tokens are cached for a while: both cached and uncached callers, reads and writes.
    const requests = [
      { method: 'GET', path: '/v1/students', headers: staff },
      { method: 'GET', path: '/v1/institutions?limit=5', headers: staff },
      {
        method: 'POST',
        path: '/v1/institutions',
        headers: { ...staff, 'content-type': 'application/json' },
        body: institution('Lund University'),
      },
      {
        method: 'POST',
        path: '/v1/institutions',
        headers: { ...staff, 'content-type': 'application/json', 'idempotency-key': 'outage-1' },
        body: institution('Lund University'),
      },
      // A token not used before: not in the cache, so authentication itself needs the store.
      {
        method: 'GET',
        path: '/v1/students',
        headers: { authorization: `Bearer ${api.tokens.admin}` },
      },
    ];
    const answers = [];
    for (let round = 0; round < 4; round++) {
      for (const request of requests) answers.push(await timed(request));
    }
    const ready = await timed({ method: 'GET', path: '/readyz' });
    const health = await fetch(`${api.url}/healthz`);

    start();
    const up = newTally();
    let recovered = false;
    let attempts = 0;
    // The pool reconnects on the next request; allow a few for connections being re-established.
    for (; attempts < 20 && !recovered; attempts++) {
      const answer = await send(api, requests[0] ?? { method: 'GET', path: '/' }, up);
      recovered = answer.status === 200;
      if (!recovered) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const write = await send(api, requests[3] ?? { method: 'GET', path: '/' }, up);
    const readyAgain = await fetch(`${api.url}/readyz`);
    const list = await api.json<{ data: { id: string }[] }>('/v1/institutions?q=lund', {
      token: api.tokens.staff,
    });

    const secrets = new Secrets();
    for (const token of [api.tokens.admin, api.tokens.staff, api.tokens.service])
      secrets.add(token);
    const leaks = await scanLogs('outage', api.logs, secrets);
    await writeSection('6-outage', {
      title: 'Store outage (PostgreSQL stopped under a running API)',
      order: 6,
      lines: [
        `- run: ${new Date().toISOString()}, a private PostgreSQL 15 cluster (initdb in a temp directory, port ${port}), the API in process`,
        `- while stopped (\`pg_ctl stop -m fast\`): ${down.sent} requests (reads, writes, an idempotent write, a token not cached), answers: ${statusSummary(down)}; errors not problem+json: ${down.notProblem.length}`,
        `- slowest answer while stopped: ${slowest.ms.toFixed(0)} ms (pool time-outs: 5 s to connect, 60 s per query)`,
        `- /readyz while stopped: ${ready.status}; /healthz: ${health.status}`,
        `- after \`pg_ctl start\`: first success after ${attempts} request(s), no API restart; the idempotent write then answers ${write.status}, /readyz ${readyAgain.status}; institutions named Lund: ${list.body.data.length}`,
        `- log lines scanned: ${api.logs.length}, leaks: ${leaks.length}`,
      ],
    });

    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 503));
    expect(down.notProblem).toEqual([]);
    expect(answers.every((a) => a.text.includes('urn:passerelle:problem:unavailable'))).toBe(true);
    expect(ready.status).toBe(503);
    expect(health.status).toBe(200);
    expect(recovered).toBe(true);
    expect(write.status).toBe(201);
    expect(readyAgain.status).toBe(200);
    // Nothing half-done during the outage: the write made after it is the only Lund.
    expect(list.body.data).toHaveLength(1);
    expect(leaks).toEqual([]);
  }, 300_000);
});

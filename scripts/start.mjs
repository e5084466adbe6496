#!/usr/bin/env node
// `npm start`: builds what it needs, then starts the API with the embedded store, the demo
// data and the demo tokens. Arguments after `--` go to the server (`npm start -- --reset`).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };

const build = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules/turbo/bin/turbo'),
    'run',
    'build',
    '--filter=@passerelle/api...',
    '--output-logs=errors-only',
  ],
  { cwd: root, env, stdio: 'inherit' },
);
if (build.status !== 0) process.exit(build.status ?? 1);

const run = spawnSync(
  process.execPath,
  [join(root, 'apps/api/dist/server.js'), ...process.argv.slice(2)],
  { cwd: root, env, stdio: 'inherit' },
);
process.exit(run.status ?? 0);

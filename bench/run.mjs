/**
 * `npm run bench [-- --quick] [-- --only=api,scale,…] [-- --profile]`: runs the benchmark
 * suite from source (tsx, the `@passerelle/source` condition), so nothing needs building first.
 * Not part of `npm test`: timings belong here, never in a test.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--conditions=@passerelle/source',
    join(here, 'src/main.ts'),
    ...process.argv.slice(2),
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TSX_TSCONFIG_PATH: join(here, 'tsconfig.json') },
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(signal === null ? (code ?? 1) : 1));

import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { transform } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../src/version';

// The published build, not the source: ESM through import, CommonJS through require.
const root = fileURLToPath(new URL('../', import.meta.url));
const dist = `${root}dist/`;
const require = createRequire(import.meta.url);
const execFileAsync = promisify(execFile);

const institution = {
  id: 'ins_01JD0000000000000000000000' as const,
  name: { en: 'Télécom Paris' },
  aliases: [],
  country: 'FR',
  city: 'Palaiseau',
  kind: 'grande_ecole',
  contacts: [],
  tags: [],
  stage: 'partner',
  stageHistory: [],
  strategic: true,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  version: 1,
};

/**
 * What a consumer does with the build, run in a plain Node process (no source condition, no
 * test runner): a create that meets a 503 once and is retried with the same Idempotency-Key,
 * then an answer that fails validation against the core schemas (which loads
 * @passerelle/core from its own build). Prints what it saw as JSON.
 */
const consumer = (load: string) => `
${load}
const record = ${JSON.stringify(institution)};
const keys = [];
const fetch = async (url, init) => {
  keys.push(new Headers(init.headers).get('idempotency-key'));
  if (keys.length === 1) return new Response(null, { status: 503, headers: { 'retry-after': '0' } });
  return new Response(JSON.stringify(record), {
    status: 201,
    headers: { 'content-type': 'application/json', 'x-request-id': 'req-dist' },
  });
};
const client = new sdk.Passerelle({ fetch, token: 't', validateResponses: true });
const input = { name: { en: 'Télécom Paris' }, country: 'FR', city: 'Palaiseau', kind: 'grande_ecole' };
const { data, requestId } = await client.institutions.create(input).withResponse();
const bad = new sdk.Passerelle({
  validateResponses: true,
  fetch: async () => new Response(JSON.stringify({ ...record, country: 'XX' }), {
    headers: { 'content-type': 'application/json' },
  }),
});
const error = await bad.institutions.get(record.id).catch((e) => e);
console.log(JSON.stringify({
  id: data.id,
  requestId,
  keys,
  error: error.name,
  isBase: error instanceof sdk.PasserelleError,
  issues: error.issues.map((issue) => issue.path),
}));
`;

async function runConsumer(load: string): Promise<unknown> {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const { stdout } = await execFileAsync(
    process.execPath,
    ['--input-type=module', '-e', consumer(load)],
    { cwd: root, env },
  );
  return JSON.parse(stdout);
}

function expectWorking(result: unknown): void {
  expect(result).toEqual({
    id: institution.id,
    requestId: 'req-dist',
    keys: [expect.stringMatching(/^psl-idem-/), expect.stringMatching(/^psl-idem-/)],
    error: 'ResponseValidationError',
    isBase: true,
    issues: ['country'],
  });
  const { keys } = result as { keys: string[] };
  expect(keys[1]).toBe(keys[0]);
}

/** Every module the built file imports or requires. */
function importedModules(code: string): string[] {
  const specifiers = new Set<string>();
  const patterns = [
    /\bfrom\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
    // A side-effect import starts a statement (not "/v1/ewp/iias/import" inside a string).
    /(?:^|[;{}\s])import\s*["']([^"']+)["']/gm,
    /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const match of code.matchAll(pattern))
      if (match[1] !== undefined) specifiers.add(match[1]);
  }
  return [...specifiers].sort();
}

describe('the built @passerelle/sdk', () => {
  beforeAll(() => {
    expect(existsSync(`${dist}index.js`), 'run `npm run build -w @passerelle/sdk` first').toBe(
      true,
    );
  });

  it('has ESM, CommonJS and both type declarations', () => {
    for (const file of ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts']) {
      expect(existsSync(`${dist}${file}`)).toBe(true);
    }
  });

  it('imports as ESM in plain Node and works: one Idempotency-Key across a retry, validation with core', async () => {
    expectWorking(
      await runConsumer(`const sdk = await import(${JSON.stringify(`${dist}index.js`)});`),
    );
  });

  it('requires as CommonJS in plain Node and works the same', async () => {
    expectWorking(
      await runConsumer(
        `import { createRequire } from 'node:module';
         const sdk = createRequire(import.meta.url)(${JSON.stringify(`${dist}index.cjs`)});`,
      ),
    );
  });

  it('exports the same names both ways', async () => {
    const esm = (await import(`${dist}index.js`)) as Record<string, unknown>;
    const cjs = require(`${dist}index.cjs`) as Record<string, unknown>;
    expect(Object.keys(esm).sort()).toEqual(Object.keys(cjs).sort());
    expect(Object.keys(esm)).toEqual(
      expect.arrayContaining(['Passerelle', 'NotFoundError', 'PagePromise']),
    );
  });

  it('imports nothing but @passerelle/core: no Node built-in', () => {
    for (const file of ['index.js', 'index.cjs']) {
      const code = readFileSync(`${dist}${file}`, 'utf8');
      expect(importedModules(code), file).toEqual(['@passerelle/core']);
      expect(code).not.toMatch(/["']node:/);
      expect(code).not.toMatch(/\bprocess\.|\bBuffer\b|__dirname/);
    }
    // The check itself finds what it looks for.
    expect(importedModules('import a from "node:fs"; require("path"); import("x")')).toEqual([
      'node:fs',
      'path',
      'x',
    ]);
  });

  it('declares types that name no zod or Node type', () => {
    const types = readFileSync(`${dist}index.d.ts`, 'utf8');
    expect(importedModules(types)).toEqual(['@passerelle/core']);
  });

  it('has the version of its package.json', () => {
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });

  it('is as small as the README says (minified and gzipped ESM)', async () => {
    const code = readFileSync(`${dist}index.js`, 'utf8');
    const minified = await transform(code, { minify: true, format: 'esm', target: 'es2022' });
    const gzipped = gzipSync(minified.code, { level: 9 }).length;
    const readme = readFileSync(`${root}README.md`, 'utf8');
    const stated = /([\d.]+) kB minified and gzipped/.exec(readme)?.[1];
    expect(stated, 'the README states the bundle size').toBeDefined();
    const statedBytes = Number(stated) * 1000;
    // Within 10%: update the README when the bundle grows or shrinks more than that.
    expect(Math.abs(gzipped - statedBytes) / statedBytes, `measured ${gzipped} bytes`).toBeLessThan(
      0.1,
    );
  });
});

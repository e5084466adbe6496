import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The published build, not the source: ESM through import, CommonJS through require.
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const require = createRequire(import.meta.url);

describe('the built @passerelle/core', () => {
  it('exists (run `npm run build` first)', () => {
    expect(existsSync(`${dist}index.js`)).toBe(true);
    expect(existsSync(`${dist}index.cjs`)).toBe(true);
    expect(existsSync(`${dist}index.d.ts`)).toBe(true);
    expect(existsSync(`${dist}index.d.cts`)).toBe(true);
  });

  it('imports as ESM and validates with its schemas', async () => {
    const core = (await import(`${dist}index.js`)) as typeof import('../src/index');
    expect(core.CountryCode.safeParse('FR').success).toBe(true);
    expect(core.CountryCode.safeParse('XX').success).toBe(false);
    expect(core.academicYearOf('2025-10-01')).toBe('2025-2026');
  });

  it('requires as CommonJS with the same behaviour', () => {
    const core = require(`${dist}index.cjs`) as typeof import('../src/index');
    expect(core.LocalizedText.safeParse({ zh: '巴黎综合理工' }).success).toBe(true);
    expect(core.LocalizedText.safeParse({}).success).toBe(false);
    expect(core.newId('stu')).toMatch(/^stu_[0-9A-Z]{26}$/);
  });

  it('ships the demo entry both ways', async () => {
    const esm = (await import(`${dist}demo/index.js`)) as Record<string, unknown>;
    const cjs = require(`${dist}demo/index.cjs`) as Record<string, unknown>;
    expect(Object.keys(esm).sort()).toEqual(Object.keys(cjs).sort());
  });
});

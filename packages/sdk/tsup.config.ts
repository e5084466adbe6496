import { defineConfig } from 'tsup';

// @passerelle/core stays external (a dependency): it is loaded only for its types at build
// time, and at run time only when `validateResponses` is on.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
});

import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'demo/index': 'src/demo/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  treeshake: true,
});

import { defineConfig } from 'tsup';

// The server is bundled into one ESM file; @passerelle/core is bundled from its source so the
// API needs no separate core build at run time. Migrations stay in ../drizzle, found at run time.
export default defineConfig({
  entry: { server: 'src/server.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  sourcemap: true,
  noExternal: ['@passerelle/core'],
  esbuildOptions(options) {
    options.conditions = ['@passerelle/source'];
  },
});

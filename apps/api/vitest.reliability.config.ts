import { defineConfig } from 'vitest/config';
import { sourceConditions } from '../../vitest.shared';

// The reliability and security suite (reliability/): `npm run test:reliability`;
// RELIABILITY_LONG=1 runs the long variants.
export default defineConfig({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    name: 'api-reliability',
    include: ['reliability/**/*.test.ts'],
    hookTimeout: 60_000,
    testTimeout: 600_000,
    maxWorkers: 1,
  },
});

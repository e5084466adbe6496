import { defineConfig } from 'vitest/config';
import { sourceConditions } from '../../vitest.shared';

// The bot's reliability and security suite (reliability/): `npm run test:reliability`;
// RELIABILITY_LONG=1 runs the long variants. Figures go to bench/reliability.md.
export default defineConfig({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    name: 'bot-reliability',
    include: ['reliability/**/*.test.ts'],
    hookTimeout: 180_000,
    testTimeout: 600_000,
    maxWorkers: 1,
  },
});

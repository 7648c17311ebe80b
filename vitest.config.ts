import { defineConfig } from 'vitest/config';

// Tiers by file name (see README "Tests"): *.test.ts unit, *.integration.test.ts real sockets,
// *.e2e.test.ts real Chromium. Two cores here: files run in two forks at most.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});

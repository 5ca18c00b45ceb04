import { defineConfig } from 'vitest/config';

// One runner for everything: unit and integration tests in Node, browser tests drive Debian's Chromium
// through playwright-core from inside Node tests. Two workers: CI machines have two cores.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: process.env.CI ? ['default'] : ['default'],
    outputFile: undefined,
  },
});

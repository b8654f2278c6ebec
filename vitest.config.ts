import { defineConfig } from 'vitest/config';

/**
 * Three projects: pure unit tests (src/**\/*.test.ts), API integration tests against a real database
 * (src/**\/*.int.test.ts and test/api; PGlite by default, a PostgreSQL server when TEST_DATABASE_URL is set),
 * and browser tests in Debian's Chromium (test/browser).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'web/src/**/*.test.ts'],
          exclude: ['src/**/*.int.test.ts', 'node_modules/**'],
          environment: 'node',
          // Property-based tests run hundreds of cases (some against in-memory PGlite): room for a busy machine.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['src/**/*.int.test.ts', 'test/api/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

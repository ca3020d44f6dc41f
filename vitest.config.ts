// Test configuration: every package's *.test.ts runs in one Vitest invocation.
// TEST_DATABASE=postgres runs the same suite against the PostgreSQL server at PG_TEST_URL.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'contracts/test/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});

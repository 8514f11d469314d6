import { defineConfig } from 'vitest/config';

// Two projects: `unit` (colocated *.test.ts under src, no I/O) and `integration`
// (test/**, real SQLite files, a throwaway PostgreSQL cluster, the sevDesk sandbox).
export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'], environment: 'node' } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          environment: 'node',
        },
      },
    ],
    pool: 'forks',
  },
});

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: [
      'lib/**/*.test.ts',
      'components/**/*.test.{ts,tsx}',
      'tests/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    environment: 'node',
    // A throwaway PostgreSQL server for the database tests (see the file).
    globalSetup: ['tests/support/postgresGlobalSetup.ts'],
    // Each test server finds its own free media ports (tests/support/ports.ts), so files run in
    // parallel; two at a time matches the two cores the media workers and Chromium share.
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['lib/**/*.test.ts', 'components/**/*.test.{ts,tsx}'],
    environment: 'node',
    // A throwaway PostgreSQL server for the database tests (see the file).
    globalSetup: ['lib/testing/postgresGlobalSetup.ts'],
    // Integration tests start real media workers on fixed ports: one file at a time.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});

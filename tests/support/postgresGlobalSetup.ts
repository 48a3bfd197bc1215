/**
 * Vitest global setup: gives the database tests a PostgreSQL server. With TEST_DATABASE_URL set,
 * that server is used as it is; otherwise a throwaway cluster is started on 127.0.0.1 (a port in
 * 54000-54099) for the whole run and deleted afterwards. When neither works, the reason is handed
 * to the tests, and every PostgreSQL test fails with it (they are never skipped silently).
 */
import type { TestProject } from 'vitest/node';
import { startThrowawayPostgres, type ThrowawayPostgres } from '@/tests/support/throwawayPostgres';

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: { url: string } | { error: string };
  }
}

export const POSTGRES_TEST_PORTS = { from: 54000, to: 54099 };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    project.provide('postgres', { url: external });
    return async () => undefined;
  }
  let server: ThrowawayPostgres | undefined;
  try {
    server = await startThrowawayPostgres({ ports: POSTGRES_TEST_PORTS, database: 'idea_test' });
    process.env.TEST_DATABASE_URL = server.url;
    project.provide('postgres', { url: server.url });
  } catch (err) {
    project.provide('postgres', { error: err instanceof Error ? err.message : String(err) });
  }
  return async () => {
    await server?.stop();
  };
}

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  PostgresUnavailableError,
  findPostgresBinDir,
  startThrowawayPostgres,
} from '@/tests/support/throwawayPostgres';

describe('throwaway PostgreSQL', () => {
  it('finds the installed server binaries', () => {
    const bin = findPostgresBinDir();
    expect(bin, 'PostgreSQL server binaries (Debian package "postgresql")').not.toBeNull();
    expect(fs.existsSync(`${bin}/pg_ctl`)).toBe(true);
  });

  it('says how to install PostgreSQL when it is missing', async () => {
    const start = startThrowawayPostgres({
      ports: { from: 54090, to: 54099 },
      database: 'x',
      binDir: '/nonexistent',
    });
    await expect(start).rejects.toBeInstanceOf(PostgresUnavailableError);
    await expect(start).rejects.toThrow(/install-system-deps\.sh --with-tests.*TEST_DATABASE_URL/s);
  });
});

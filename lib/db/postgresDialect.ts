/**
 * The scale-out engine: a pg connection pool. 64-bit integers (our epoch-millisecond timestamps,
 * identity ids, counts) come back as JavaScript numbers, not strings, so both engines return the
 * same types. Epoch milliseconds stay far below Number.MAX_SAFE_INTEGER.
 */
import { PostgresDialect } from 'kysely';
import pg from 'pg';

const INT8_OID = 20;

const types: pg.CustomTypesConfig = {
  getTypeParser: (oid, format) =>
    oid === INT8_OID && format !== 'binary' ? Number : pg.types.getTypeParser(oid, format),
};

export function createPostgresDialect(
  url: string,
  poolMax: number,
  onIdleError: (err: Error) => void,
): PostgresDialect {
  const pool = new pg.Pool({ connectionString: url, max: poolMax, types });
  // An idle connection that breaks (server restart, network) must not crash the process; the
  // pool replaces it on the next query.
  pool.on('error', onIdleError);
  return new PostgresDialect({ pool });
}

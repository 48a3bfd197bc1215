/** Row counts of every table of the server's database, to see what a request added. */
import type { Db, DatabaseSchema } from '@/lib/db/schema';

export const TABLES = [
  'users',
  'authSessions',
  'meetings',
  'attendance',
  'chatMessages',
  'revocations',
] as const satisfies ReadonlyArray<keyof DatabaseSchema>;
export type TableName = (typeof TABLES)[number];
export type RowCounts = Record<TableName, number>;

export async function countRows(db: Db): Promise<RowCounts> {
  const counts = {} as RowCounts;
  for (const table of TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** Tables whose row count grew, with how many rows. */
export function rowsAdded(before: RowCounts, after: RowCounts): Partial<RowCounts> {
  const added: Partial<RowCounts> = {};
  for (const table of TABLES) if (after[table] > before[table]) added[table] = after[table] - before[table];
  return added;
}

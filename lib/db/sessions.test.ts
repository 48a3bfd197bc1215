import { sql } from 'kysely';
import { expect, it } from 'vitest';
import {
  createSession,
  deleteSession,
  findSessionUser,
  hashSessionToken,
  purgeExpiredSessions,
} from '@/lib/db/sessions';
import { createUser } from '@/lib/db/users';
import { describeEachEngine } from '@/tests/support/testDatabases';

const HOUR = 3_600_000;
let counter = 0;

describeEachEngine('sessions', (db) => {
  async function newUser() {
    counter++;
    return createUser(db(), {
      email: `s${counter}@example.com`,
      passwordHash: 'h',
      displayName: `User ${counter}`,
    });
  }

  it('stores only the SHA-256 of a random token and resolves the token to its user', async () => {
    const user = await newUser();
    const token = await createSession(db(), user.id, HOUR, 1_000);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await db().selectFrom('authSessions').selectAll().where('userId', '=', user.id).execute();
    expect(rows).toEqual([
      { tokenHash: hashSessionToken(token), userId: user.id, createdAt: 1_000, expiresAt: 1_000 + HOUR },
    ]);
    expect(rows[0]?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const dump = await sql<Record<string, unknown>>`select * from auth_sessions`.execute(db());
    expect(JSON.stringify(dump.rows)).not.toContain(token);
    expect(await findSessionUser(db(), token, 2_000)).toEqual({
      id: user.id,
      email: user.email,
      displayName: user.displayName,
    });
  });

  it('gives every session its own token', async () => {
    const user = await newUser();
    const a = await createSession(db(), user.id, HOUR);
    const b = await createSession(db(), user.id, HOUR);
    expect(a).not.toBe(b);
    expect(await findSessionUser(db(), a)).not.toBeNull();
    expect(await findSessionUser(db(), b)).not.toBeNull();
  });

  it('ignores expired, unknown and deleted sessions', async () => {
    const user = await newUser();
    const token = await createSession(db(), user.id, HOUR, 10_000);
    expect(await findSessionUser(db(), token, 10_000 + HOUR - 1)).not.toBeNull();
    expect(await findSessionUser(db(), token, 10_000 + HOUR)).toBeNull();
    expect(await findSessionUser(db(), 'not-a-token')).toBeNull();
    expect(await findSessionUser(db(), '')).toBeNull();

    const live = await createSession(db(), user.id, HOUR);
    await deleteSession(db(), live);
    expect(await findSessionUser(db(), live)).toBeNull();
    await deleteSession(db(), live);
  });

  it('purges expired sessions, also when the user signs in again', async () => {
    const user = await newUser();
    await createSession(db(), user.id, HOUR, 0);
    await createSession(db(), user.id, 2 * HOUR, 0);
    const count = () =>
      db().selectFrom('authSessions').select('tokenHash').where('userId', '=', user.id).execute();
    expect(await count()).toHaveLength(2);
    await createSession(db(), user.id, HOUR, HOUR + 1);
    expect(await count()).toHaveLength(2);

    const other = await newUser();
    await createSession(db(), other.id, HOUR, 0);
    expect(await purgeExpiredSessions(db(), 2 * HOUR)).toBeGreaterThanOrEqual(2);
    expect(await count()).toHaveLength(1);
  });

  it('deletes a user’s sessions with the user', async () => {
    const user = await newUser();
    const token = await createSession(db(), user.id, HOUR);
    await db().deleteFrom('users').where('id', '=', user.id).execute();
    expect(await findSessionUser(db(), token)).toBeNull();
    expect(
      await db().selectFrom('authSessions').select('tokenHash').where('userId', '=', user.id).execute(),
    ).toEqual([]);
  });
});

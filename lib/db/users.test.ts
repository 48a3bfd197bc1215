import { expect, it } from 'vitest';
import { EmailTakenError, createUser, findUserByEmail, findUserById } from '@/lib/db/users';
import { describeEachEngine } from '@/tests/support/testDatabases';

describeEachEngine('users', (db) => {
  it('creates a user with a uuid and a lowercased email, and finds it by email and id', async () => {
    const created = await createUser(
      db(),
      { email: '  Ada@Example.COM ', passwordHash: 'scrypt$hash', displayName: 'Ada' },
      1_700_000_000_000,
    );
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      email: 'ada@example.com',
      passwordHash: 'scrypt$hash',
      displayName: 'Ada',
      createdAt: 1_700_000_000_000,
    });
    expect(await findUserByEmail(db(), 'ADA@example.com')).toEqual(created);
    expect(await findUserById(db(), created.id)).toEqual(created);
  });

  it('rejects a second account with the same email in any case', async () => {
    await createUser(db(), { email: 'grace@example.com', passwordHash: 'h1', displayName: 'Grace' });
    const duplicate = createUser(db(), { email: 'Grace@Example.com', passwordHash: 'h2', displayName: 'G' });
    await expect(duplicate).rejects.toBeInstanceOf(EmailTakenError);
    await expect(duplicate).rejects.toMatchObject({ email: 'grace@example.com' });
    expect((await findUserByEmail(db(), 'grace@example.com'))?.passwordHash).toBe('h1');
  });

  it('returns null for unknown users', async () => {
    expect(await findUserByEmail(db(), 'nobody@example.com')).toBeNull();
    expect(await findUserById(db(), '00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});

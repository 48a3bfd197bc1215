/** Host accounts. Emails are stored lowercased, so lookups are case-insensitive. */
import { randomUUID } from 'node:crypto';
import { isUniqueViolation } from '@/lib/db/constraintErrors';
import type { Db } from '@/lib/db/schema';

export interface User {
  id: string;
  email: string;
  passwordHash: string;
  displayName: string;
  createdAt: number;
}

export interface NewUser {
  email: string;
  passwordHash: string;
  displayName: string;
}

export class EmailTakenError extends Error {
  override name = 'EmailTakenError';
  constructor(readonly email: string) {
    super(`an account with the email ${email} already exists`);
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Creates an account. Throws EmailTakenError when the email is already registered. */
export async function createUser(db: Db, input: NewUser, now = Date.now()): Promise<User> {
  const user: User = {
    id: randomUUID(),
    email: normaliseEmail(input.email),
    passwordHash: input.passwordHash,
    displayName: input.displayName,
    createdAt: now,
  };
  try {
    await db.insertInto('users').values(user).execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw new EmailTakenError(user.email);
    throw err;
  }
  return user;
}

export async function findUserByEmail(db: Db, email: string): Promise<User | null> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst();
  return row ?? null;
}

export async function findUserById(db: Db, id: string): Promise<User | null> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ?? null;
}

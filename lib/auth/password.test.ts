import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '@/lib/auth/password';

describe('password hashing', () => {
  it('stores scrypt parameters and a salt with the hash, and verifies only the right password', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password', a)).toBe(true);
    expect(await verifyPassword('same password', b)).toBe(true);
  });

  it('verifies hashes made with other parameters (they travel with the hash)', async () => {
    const stored = await hashPassword('pässwörd ünïcode');
    const [, , , , salt] = stored.split('$');
    const { scryptSync } = await import('node:crypto');
    const key = scryptSync('pässwörd ünïcode'.normalize('NFKC'), Buffer.from(salt!, 'base64'), 24, {
      N: 1024,
      r: 4,
      p: 2,
    });
    const cheaper = `scrypt$1024$4$2$${salt}$${key.toString('base64')}`;
    expect(await verifyPassword('pässwörd ünïcode', cheaper)).toBe(true);
    expect(await verifyPassword('passwort', cheaper)).toBe(false);
  });

  it('rejects malformed or hostile stored hashes instead of throwing', async () => {
    const good = await hashPassword('password1');
    const [, , , , salt, key] = good.split('$');
    for (const bad of [
      '',
      'plain-text-password',
      `bcrypt$32768$8$1$${salt}$${key}`,
      `scrypt$1000$8$1$${salt}$${key}`,
      `scrypt$${2 ** 24}$8$1$${salt}$${key}`,
      `scrypt$32768$0$1$${salt}$${key}`,
      `scrypt$32768$8$1$$${key}`,
      `scrypt$32768$8$1$${salt}$`,
    ]) {
      expect(await verifyPassword('password1', bad), bad).toBe(false);
    }
  });
});

/**
 * The key that signs meeting tokens: AUTH_SECRET when set, otherwise a random key generated once
 * and kept in DATA_DIR (mode 0600), so tokens survive restarts and the custom server and the web
 * app (separate module copies in one process) agree on it.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '@/lib/config';

const FILE = 'auth-secret';
const KEY = Symbol.for('idea-communicator.auth-secret');
type GlobalWithSecret = typeof globalThis & { [KEY]?: Promise<Uint8Array> };

async function loadOrCreate(config: Pick<Config, 'auth' | 'dataDir'>): Promise<Uint8Array> {
  if (config.auth.secret) return new TextEncoder().encode(config.auth.secret);
  const file = path.join(config.dataDir, FILE);
  await fs.mkdir(config.dataDir, { recursive: true });
  try {
    await fs.writeFile(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const hex = (await fs.readFile(file, 'utf8')).trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${file} is corrupt; delete it to generate a new key`);
  return new TextEncoder().encode(hex);
}

export function getAuthSecret(config: Pick<Config, 'auth' | 'dataDir'>): Promise<Uint8Array> {
  const store = globalThis as GlobalWithSecret;
  store[KEY] ??= loadOrCreate(config);
  return store[KEY];
}

/**
 * Where finished recordings are kept. A small interface so that an S3-compatible store can take
 * the local disk's place: segments are always written to a local working folder (ffmpeg writes
 * files), and only the finished MP4 is handed to the storage under a key.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

export interface StoredFile {
  key: string;
  sizeBytes: number;
}

export interface RecordingStorage {
  /** A local folder for the recording's segments while it runs (created if missing). */
  workDir(recordingId: string): Promise<string>;
  /** Removes the working folder. */
  removeWork(recordingId: string): Promise<void>;
  /** Keeps the finished local file (it is moved) and returns its key. */
  keep(recordingId: string, localFile: string): Promise<StoredFile>;
  /** Size of a kept file; null when there is none. */
  size(key: string): Promise<number | null>;
  /** Reads a kept file, whole or a byte range (inclusive `end`). */
  read(key: string, range?: { start: number; end: number }): Readable;
  remove(key: string): Promise<void>;
  /** Free space where new recordings are written, in bytes. */
  freeBytes(): Promise<number>;
}

const KEY = /^[A-Za-z0-9_-]{1,64}\.mp4$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Recordings as files in one folder (RECORDINGS_DIR); segments under its `.work` folder. */
export class LocalRecordingStorage implements RecordingStorage {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  async workDir(recordingId: string): Promise<string> {
    const dir = path.join(this.dir, '.work', checked(recordingId, ID));
    await fsp.mkdir(dir, { recursive: true });
    return dir;
  }

  async removeWork(recordingId: string): Promise<void> {
    await fsp.rm(path.join(this.dir, '.work', checked(recordingId, ID)), { recursive: true, force: true });
  }

  async keep(recordingId: string, localFile: string): Promise<StoredFile> {
    const key = `${checked(recordingId, ID)}.mp4`;
    await fsp.mkdir(this.dir, { recursive: true });
    await fsp.rename(localFile, this.#path(key));
    const { size } = await fsp.stat(this.#path(key));
    return { key, sizeBytes: size };
  }

  async size(key: string): Promise<number | null> {
    const stat = await fsp.stat(this.#path(key)).catch(() => null);
    return stat?.isFile() ? stat.size : null;
  }

  read(key: string, range?: { start: number; end: number }): Readable {
    return fs.createReadStream(this.#path(key), range);
  }

  async remove(key: string): Promise<void> {
    await fsp.rm(this.#path(key), { force: true });
  }

  async freeBytes(): Promise<number> {
    await fsp.mkdir(this.dir, { recursive: true });
    const s = await fsp.statfs(this.dir);
    return s.bavail * s.bsize;
  }

  #path(key: string): string {
    return path.join(this.dir, checked(key, KEY));
  }
}

/** Keys and ids are ours, but a path is never built from one that could leave the folder. */
function checked(value: string, pattern: RegExp): string {
  if (!pattern.test(value)) throw new Error(`invalid recording name "${value.slice(0, 80)}"`);
  return value;
}

/** The storage this server's configuration names (local disk; an S3 store would be chosen here). */
export function storageFor(config: { dir: string }): RecordingStorage {
  return new LocalRecordingStorage(config.dir);
}

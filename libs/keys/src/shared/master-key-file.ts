import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { MasterKey } from '../contracts/master-key';

/** The embedded store's master key, when neither MASTER_KEY nor MASTER_KEY_FILE is set. */
export const MASTER_KEY_FILE_NAME = 'master.key';

/** The master key in `path`, or null when there is no such file. */
export function readMasterKeyFile(path: string): MasterKey | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return MasterKey.parse(text, path);
}

/**
 * Reads the master key in `path`, or creates one there (`0600`). It is written to a temporary file,
 * synced and linked into place, so the file is either absent or whole, and of two processes
 * starting at once the second reads the first's.
 */
export function loadOrCreateMasterKeyFile(path: string): MasterKey {
  const existing = readMasterKeyFile(path);
  if (existing) return existing;
  const created = MasterKey.generate();
  const temp = writeTemporary(path, created);
  try {
    linkSync(temp, path);
    return created;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const raced = readMasterKeyFile(path);
    if (!raced) throw error;
    return raced;
  } finally {
    unlinkSync(temp);
  }
}

/** Writes `key` to a temporary file beside `path` (`0600`, synced); answers its name. */
export function writeTemporary(path: string, key: MasterKey): string {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, `${key.toBase64()}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return temp;
}

/** Replaces the file at `path` with `key`, atomically. */
export function replaceMasterKeyFile(path: string, key: MasterKey): void {
  renameSync(writeTemporary(path, key), path);
}

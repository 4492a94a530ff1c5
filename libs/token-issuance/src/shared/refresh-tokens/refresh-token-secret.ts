import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

const SECRET_BYTES = 32;

/**
 * The key of the refresh tokens' MAC. With a path it survives restarts: created on first start
 * with owner-only permissions, then read. It is written to a temporary file, synced, and linked
 * into place, so the file either does not exist or holds a whole secret (a crash while creating it
 * cannot leave it empty), and of two processes starting at once the second reads the first's.
 * Without a path it lives in memory and every start invalidates earlier refresh tokens.
 */
export function loadOrCreateRefreshTokenSecret(path: string | null): Buffer {
  if (!path) return randomBytes(SECRET_BYTES);
  const existing = readSecret(path);
  if (existing) return existing;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const secret = randomBytes(SECRET_BYTES);
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, `${secret.toString('base64')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, path);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const raced = readSecret(path);
    if (!raced) throw error;
    return raced;
  } finally {
    unlinkSync(temp);
  }
}

function readSecret(path: string): Buffer | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const secret = Buffer.from(text.trim(), 'base64');
  if (secret.length < SECRET_BYTES) throw new Error(`${path} does not hold a refresh token secret of ${SECRET_BYTES} bytes`);
  return secret;
}

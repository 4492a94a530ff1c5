import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';

/** Owner only: what Latchkey's data directory and every file it writes there are given. */
export const PRIVATE_DIRECTORY_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export type PrivateDirectoryOutcome = 'created' | 'tightened' | 'unchanged' | 'shared';

/**
 * Creates `path` (and its missing parents) with mode `0700`, or tightens an existing directory to
 * `0700`. A directory with the sticky bit (`/tmp` and the like) is shared by design and is left as
 * it is (`'shared'`): the caller should warn, not take it over.
 */
export function ensurePrivateDirectory(path: string): PrivateDirectoryOutcome {
  const created = mkdirSync(path, { recursive: true, mode: PRIVATE_DIRECTORY_MODE }) !== undefined;
  const mode = statSync(path).mode;
  if (mode & 0o1000) return 'shared';
  if ((mode & 0o777) === PRIVATE_DIRECTORY_MODE) return created ? 'created' : 'unchanged';
  chmodSync(path, PRIVATE_DIRECTORY_MODE);
  return created ? 'created' : 'tightened';
}

/** Creates `path` empty with mode `0600` if it does not exist, and tightens it to `0600` if it does. */
export function ensurePrivateFile(path: string): void {
  closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
  tightenFile(path);
}

/** Tightens an existing file to `0600`; does nothing when it does not exist. */
export function tightenFile(path: string): void {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if ((mode & 0o777) !== PRIVATE_FILE_MODE) chmodSync(path, PRIVATE_FILE_MODE);
}

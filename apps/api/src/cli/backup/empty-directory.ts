import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDirectory, PRIVATE_DIRECTORY_MODE } from '@latchkey/building-blocks';
import { EX, Exit } from '../exit';

/** A directory the command fills; `createdRoot`: the first directory it made on the way (removed again on failure). */
export interface ClaimedDirectory {
  path: string;
  createdRoot: string | null;
}

/** Throws exit 73 unless `path` is missing or an empty directory. Creates nothing. */
export function assertMissingOrEmpty(path: string, what: string): void {
  let entries: string[];
  try {
    entries = readdirSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') throw new Exit(EX.CANTCREAT, `${what} ${path} is not a directory`);
    throw error;
  }
  if (entries.length > 0) throw new Exit(EX.CANTCREAT, `${what} ${path} is not empty: give a new or empty directory, nothing was changed`);
}

/** Makes `path` (checked with `assertMissingOrEmpty`) an owner-only directory to fill. */
export function claimDirectory(path: string): ClaimedDirectory {
  const createdRoot = mkdirSync(path, { recursive: true, mode: PRIVATE_DIRECTORY_MODE }) ?? null;
  ensurePrivateDirectory(path);
  return { path, createdRoot };
}

/** Undoes a command that failed half-way: the directory it made is removed, one it was given is emptied again. */
export function releaseDirectory(directory: ClaimedDirectory): void {
  if (directory.createdRoot) {
    rmSync(directory.createdRoot, { recursive: true, force: true });
    return;
  }
  for (const entry of readdirSync(directory.path)) rmSync(join(directory.path, entry), { recursive: true, force: true });
}

import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensurePrivateFile, PRIVATE_DIRECTORY_MODE, tightenFile } from '@latchkey/building-blocks';

/** The files SQLite keeps beside a database: the WAL, its index, and a rollback journal. */
const COMPANION_SUFFIXES = ['-wal', '-shm', '-journal'];

/**
 * Prepares a SQLite database file to be opened, owner-only: its directory is created `0700` when
 * missing, the file is created empty with mode `0600` (or tightened to it) before SQLite opens it,
 * and companion files left by an earlier run are tightened too. SQLite creates its WAL, shared-memory
 * and journal files with the database file's mode, so they are `0600` as well. `:memory:` is left alone.
 */
export function preparePrivateDatabaseFile(filename: string): void {
  if (filename === ':memory:') return;
  mkdirSync(dirname(filename), { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  ensurePrivateFile(filename);
  for (const suffix of COMPANION_SUFFIXES) tightenFile(filename + suffix);
}

/**
 * Removes a SQLite database file and its companions. A rollback journal left beside a new file of
 * the same name would be taken for its own and rolled back into it, so it goes too.
 */
export function removeDatabaseFiles(filename: string): void {
  for (const suffix of ['', ...COMPANION_SUFFIXES]) rmSync(filename + suffix, { force: true });
}

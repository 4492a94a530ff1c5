import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { ensurePrivateFile } from '@latchkey/building-blocks';
import { EventStoreMissingError } from './sqlite-event-store';

/**
 * Every remaining page in one `sqlite3_backup_step`: the step reads inside one read transaction, so
 * the copy is a single snapshot even while a server appends (in WAL mode writers carry on meanwhile),
 * and a write by another process cannot make a page-by-page backup start over again and again.
 */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies the SQLite database at `source` to `destination` (created `0600`) with SQLite's online
 * backup API, while other processes may be writing to it. The copy is switched to a rollback
 * journal, so it is one self-contained file (no `-wal` or `-shm` beside it); a store that opens it
 * turns WAL on again.
 */
export async function backupDatabaseFile(source: string, destination: string): Promise<void> {
  if (!existsSync(source)) throw new EventStoreMissingError(`There is no database at ${source}`);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    ensurePrivateFile(destination);
    await db.backup(destination, { progress: () => ALL_PAGES });
  } finally {
    db.close();
  }
  const copy = new Database(destination, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

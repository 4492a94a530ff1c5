import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ReadModelDb } from './projection';

/**
 * The read models live in their own SQLite file. They can always be rebuilt from the event log, so
 * `synchronous=NORMAL` is enough: after a power loss the rows and their checkpoint roll back
 * together and the projections resume from the older checkpoint.
 */
export function openReadModelDb(path: string): ReadModelDb {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  return db;
}

import { closeSync, existsSync, fsyncSync, openSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { preparePrivateDatabaseFile, removeDatabaseFiles } from '../adapters/sqlite/private-database-file';
import type { ReadModelDb } from './projection';

/**
 * Pages of 16 KiB instead of SQLite's 4 KiB: a rebuild from zero writes about 1.4 GB of rows and
 * indexes for a million events, and with larger pages it writes fewer, shallower B-tree pages
 * (measured on the 1,020,500-event store: 48 s of CPU to /ready instead of 64 s).
 */
const PAGE_SIZE = 16_384;

/**
 * The read models live in their own SQLite file. They can always be rebuilt from the event log, so
 * `synchronous=NORMAL` is enough: after a power loss the rows and their checkpoint roll back
 * together and the projections resume from the older checkpoint. The file is owner-only (`0600`).
 */
export function openReadModelDb(path: string): ReadModelDb {
  if (path !== ':memory:' && existsSync(buildingMarker(path))) {
    // A build from zero was interrupted. Written without syncs, the file may be torn: start over.
    removeDatabaseFiles(path);
    rmSync(buildingMarker(path), { force: true });
  }
  preparePrivateDatabaseFile(path);
  const db = new Database(path);
  // Only a new, empty file takes it; an existing file keeps the page size it was made with.
  db.pragma(`page_size = ${PAGE_SIZE}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  memoizePrepare(db);
  return db;
}

/**
 * While the projections catch up (a rebuild from zero applies a million events), the WAL is copied
 * back into the database every 20,000 pages instead of every 1,000, which saves about a sixth of a
 * rebuild's CPU time, and the page cache is 64 MiB instead of 2 MiB: with transactions of 16,000
 * events (see the runner) most pages a transaction changes then stay in memory until its commit.
 * Afterwards the defaults come back and the WAL file is truncated.
 */
export function setBulkWrites(db: ReadModelDb, on: boolean): void {
  db.pragma(`wal_autocheckpoint = ${on ? 20_000 : 1_000}`);
  db.pragma(`cache_size = ${on ? -65_536 : -2_000}`);
  if (!on) db.pragma('wal_checkpoint(TRUNCATE)');
}

/**
 * Creating the deferred indexes once caught up: SQLite's sorter holds as many records in memory as
 * the page cache, sorts them and writes them out as a run, then merges the runs. Runs of 8 MiB sort
 * within the processor's caches: the audit log's five indexes on a million rows took 2.8–3.6 s with
 * an 8 MiB cache against 4.6–6.4 s with the 64 MiB one of catching up (alternating runs, 2026-12-06).
 */
export const INDEXING_CACHE_KIB = 8192;

export function setIndexingCache(db: ReadModelDb): void {
  db.pragma(`cache_size = -${INDEXING_CACHE_KIB}`);
}

const MAX_CACHED_STATEMENTS = 1000;

/**
 * Projections and queries call `db.prepare(sql)` where they need a statement; compiling SQL costs
 * more than running it, and a rebuild applies a million events. Statements are reusable, so each
 * distinct SQL text is compiled once. Code run for every event passes SQL held in a constant: a
 * string built per call (a template literal) is hashed again at every lookup. (A statement is busy
 * while `iterate()` runs: code must not run the same SQL inside its own iteration, which the read
 * models never do.)
 */
function memoizePrepare(db: ReadModelDb): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, ReturnType<ReadModelDb['prepare']>>();
  db.prepare = ((sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      if (cache.size >= MAX_CACHED_STATEMENTS) cache.clear();
      statement = prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  }) as ReadModelDb['prepare'];
}

const buildingMarker = (path: string): string => `${path}.building`;

/**
 * For a read-model file built from zero (every projection starts at the beginning of the log):
 * until the build has caught up it is written without syncs (`synchronous=OFF`: no fsync at each
 * of the many WAL checkpoints of a million-event rebuild). A marker file, synced before the first
 * such write, says so; a file found with its marker at open is removed and built again (also after a
 * clean stop during the build), so a power loss never leaves a torn read model behind. Nothing to do
 * in memory.
 */
export function beginBuildFromZero(db: ReadModelDb): void {
  if (db.memory) return;
  const marker = buildingMarker(db.name);
  syncFile(marker, 'w');
  syncFile(dirname(marker), 'r');
  db.pragma('synchronous = OFF');
}

/**
 * Ends a build from zero: syncs on again and the WAL copied into the file at once; the file is then
 * synced on the thread pool (a second or more for a file of a gigabyte, which the instance need not
 * wait for to serve) and the marker removed once it is on disk. Until then a crash still means a
 * build from zero at the next start.
 */
export async function endBuildFromZero(db: ReadModelDb): Promise<void> {
  if (db.memory) return;
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_checkpoint(TRUNCATE)');
  const file = await open(db.name, 'r');
  try {
    await file.sync();
  } finally {
    await file.close();
  }
  rmSync(buildingMarker(db.name), { force: true });
}

function syncFile(path: string, flags: 'w' | 'r'): void {
  const fd = openSync(path, flags, 0o600);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

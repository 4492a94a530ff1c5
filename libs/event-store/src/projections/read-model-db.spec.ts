import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beginBuildFromZero, endBuildFromZero, openReadModelDb } from './read-model-db';

describe('openReadModelDb', () => {
  it('compiles each distinct SQL text once and reuses the statement', () => {
    const db = openReadModelDb(':memory:');
    db.exec('CREATE TABLE t (n INTEGER)');
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    expect(db.prepare('INSERT INTO t (n) VALUES (?)')).toBe(insert);
    for (let i = 0; i < 3; i++) db.prepare('INSERT INTO t (n) VALUES (?)').run(i);
    expect(db.prepare('SELECT count(*) AS c FROM t').get()).toEqual({ c: 3 });
    expect(db.prepare('SELECT count(*) AS c FROM t')).not.toBe(insert);
    db.close();
  });

  it('makes a new file with 16 KiB pages and opens a file made with 4 KiB pages as it is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'latchkey-read-model-db-'));
    try {
      const fresh = openReadModelDb(join(dir, 'new.sqlite'));
      fresh.exec('CREATE TABLE t (n INTEGER)');
      expect(fresh.pragma('page_size', { simple: true })).toBe(16_384);
      fresh.close();

      const older = new Database(join(dir, 'old.sqlite'));
      older.pragma('journal_mode = WAL');
      older.exec('CREATE TABLE t (n INTEGER); INSERT INTO t (n) VALUES (7)');
      older.close();
      const reopened = openReadModelDb(join(dir, 'old.sqlite'));
      expect(reopened.pragma('page_size', { simple: true })).toBe(4096);
      expect(reopened.prepare('SELECT n FROM t').all()).toEqual([{ n: 7 }]);
      reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts over from an empty file when a build from zero was interrupted, and keeps a finished one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'latchkey-read-model-db-'));
    try {
      const path = join(dir, 'rm.sqlite');
      const build = async (finish: boolean) => {
        const db = openReadModelDb(path);
        beginBuildFromZero(db);
        db.exec('CREATE TABLE IF NOT EXISTS t (n INTEGER); INSERT INTO t (n) VALUES (1)');
        if (finish) {
          const onDisk = endBuildFromZero(db);
          // Syncs are on at once; the marker goes only once the file is on disk, which the caller need not wait for.
          expect(db.pragma('synchronous', { simple: true })).toBe(1);
          expect(existsSync(`${path}.building`)).toBe(true);
          await onDisk;
        }
        db.close();
      };
      const tables = () => {
        const db = openReadModelDb(path);
        const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
        db.close();
        return names;
      };
      await build(false);
      expect(existsSync(`${path}.building`)).toBe(true);
      expect(tables()).toEqual([]);
      expect(existsSync(`${path}.building`)).toBe(false);
      await build(true);
      expect(existsSync(`${path}.building`)).toBe(false);
      expect(tables()).toEqual([{ name: 't' }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

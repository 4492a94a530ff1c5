import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('starts over from an empty file when a build from zero was interrupted, and keeps a finished one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'latchkey-read-model-db-'));
    try {
      const path = join(dir, 'rm.sqlite');
      const build = (finish: boolean) => {
        const db = openReadModelDb(path);
        beginBuildFromZero(db);
        db.exec('CREATE TABLE IF NOT EXISTS t (n INTEGER); INSERT INTO t (n) VALUES (1)');
        if (finish) endBuildFromZero(db);
        db.close();
      };
      const tables = () => {
        const db = openReadModelDb(path);
        const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
        db.close();
        return names;
      };
      build(false);
      expect(existsSync(`${path}.building`)).toBe(true);
      expect(tables()).toEqual([]);
      expect(existsSync(`${path}.building`)).toBe(false);
      build(true);
      expect(existsSync(`${path}.building`)).toBe(false);
      expect(tables()).toEqual([{ name: 't' }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

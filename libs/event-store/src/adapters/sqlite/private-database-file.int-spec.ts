import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReadModelDb } from '../../projections/read-model-db';
import { removeDatabaseFiles } from './private-database-file';
import { SqliteEventStore } from './sqlite-event-store';

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

describe('SQLite files are owner-only', () => {
  let dir: string;
  let umask: number;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'latchkey-sqlite-modes-'));
    // Nothing may come out private by accident of the umask.
    umask = process.umask(0o000);
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the event store, its WAL and shared-memory files, and a missing directory, owner-only', async () => {
    const file = join(dir, 'sub', 'events.sqlite');
    const store = new SqliteEventStore(file);
    await store.appendToStream('s-1', [{ type: 'Happened', data: {} }]);
    expect([modeOf(join(dir, 'sub')), modeOf(file), modeOf(`${file}-wal`), modeOf(`${file}-shm`)]).toEqual(['700', '600', '600', '600']);
    await store.close();
  });

  it('tightens database files left with wider modes, and creates the read models owner-only', () => {
    const file = join(dir, 'read-models.sqlite');
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    writeFileSync(`${file}-wal`, '');
    chmodSync(`${file}-wal`, 0o666);
    const db = openReadModelDb(file);
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    expect([modeOf(file), modeOf(`${file}-wal`), modeOf(`${file}-shm`)]).toEqual(['600', '600', '600']);
    db.close();
  });

  it('removes a database with its WAL, shared-memory file and a leftover rollback journal', () => {
    const file = join(dir, 'read-models.sqlite');
    const files = ['', '-wal', '-shm', '-journal'].map((suffix) => file + suffix);
    for (const f of files) writeFileSync(f, 'x');
    removeDatabaseFiles(file);
    expect(files.filter((f) => existsSync(f))).toEqual([]);
  });
});

import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Projection, ReadModelDb } from '../../projections/projection';
import { ProjectionRunner } from '../../projections/projection-runner';
import { openReadModelDb } from '../../projections/read-model-db';
import { eventually } from '../../testing/eventually';
import { backupDatabaseFile } from './sqlite-backup';
import { SqliteEventStore } from './sqlite-event-store';

const streams: Projection = {
  name: 'streams',
  version: 1,
  eventTypes: ['X'],
  setup: (db) => db.exec('CREATE TABLE IF NOT EXISTS streams (stream TEXT PRIMARY KEY)'),
  reset: (db) => db.exec('DELETE FROM streams'),
  apply: (event, db) => void db.prepare('INSERT OR IGNORE INTO streams (stream) VALUES (?)').run(event.streamName),
};
const rows = (db: ReadModelDb) => (db.prepare('SELECT stream FROM streams ORDER BY stream').all() as { stream: string }[]).map((r) => r.stream);

describe('backupDatabaseFile (SQLite online backup)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'latchkey-sqlite-backup-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('copies a store being appended to: every append acknowledged before the backup began is in the copy, which is one file, 0600', async () => {
    const store = new SqliteEventStore(join(dir, 'events.sqlite'));
    const acknowledged: number[] = [];
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) acknowledged.push((await store.appendToStream(`s-${i}`, [{ type: 'X', data: { i } }])).position);
    })();
    await eventually(() => expect(acknowledged.length).toBeGreaterThan(200), { timeoutMs: 20_000 });
    const before = acknowledged.length;
    await backupDatabaseFile(join(dir, 'events.sqlite'), join(dir, 'copy.sqlite'));
    const duringBackup = acknowledged.length - before;
    writing = false;
    await writer;
    await store.close();

    expect(statSync(join(dir, 'copy.sqlite')).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dir, 'copy.sqlite-wal'))).toBe(false);
    const copy = new SqliteEventStore(join(dir, 'copy.sqlite'), { open: 'readonly' });
    const positions = (await copy.readAll()).map((e) => e.position);
    await copy.close();
    console.log(`${before} appends acknowledged before the backup, ${duringBackup} during it; the copy holds ${positions.length}`);
    expect(positions.slice(0, before)).toEqual(acknowledged.slice(0, before));
    // One snapshot: a prefix of the log, without gaps.
    expect(positions).toEqual(acknowledged.slice(0, positions.length));
  });

  it('refuses a missing source and creates nothing', async () => {
    await expect(backupDatabaseFile(join(dir, 'none.sqlite'), join(dir, 'copy.sqlite'))).rejects.toThrow('There is no database');
    expect(existsSync(join(dir, 'none.sqlite'))).toBe(false);
    expect(existsSync(join(dir, 'copy.sqlite'))).toBe(false);
  });

  it('read models restored ahead of the restored log are rebuilt from it when the runner starts', async () => {
    const store = new SqliteEventStore(join(dir, 'events.sqlite'));
    await store.appendToStream('before-1', [{ type: 'X', data: {} }]);
    await store.appendToStream('before-2', [{ type: 'X', data: {} }]);
    await backupDatabaseFile(join(dir, 'events.sqlite'), join(dir, 'events-backup.sqlite'));
    await store.appendToStream('after-1', [{ type: 'X', data: {} }]);
    let db = openReadModelDb(join(dir, 'read-models.sqlite'));
    let runner = new ProjectionRunner(store, db);
    runner.register(streams);
    await runner.start();
    await eventually(() => expect(runner.caughtUp).toBe(true));
    expect(rows(db)).toEqual(['after-1', 'before-1', 'before-2']);
    await runner.stop();
    db.close();
    await store.close();

    // The read models (checkpoint 3) with the log as it was at position 2.
    const restored = new SqliteEventStore(join(dir, 'events-backup.sqlite'), { open: 'existing' });
    expect(await restored.headPosition()).toBe(2);
    const logs: string[] = [];
    db = openReadModelDb(join(dir, 'read-models.sqlite'));
    runner = new ProjectionRunner(restored, db, { log: (m) => logs.push(m), error: () => undefined });
    runner.register(streams);
    await runner.start();
    await eventually(() => expect(runner.caughtUp).toBe(true));
    expect(logs).toContain('Rebuilding projection streams from zero');
    expect(rows(db)).toEqual(['before-1', 'before-2']);

    // New appends on the restored log reach the rebuilt read model.
    const { position } = await restored.appendToStream('restored-1', [{ type: 'X', data: {} }]);
    await runner.waitFor(position);
    expect(rows(db)).toEqual(['before-1', 'before-2', 'restored-1']);
    await runner.stop();
    db.close();
    await restored.close();
  });
});

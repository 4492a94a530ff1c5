import { randomUUID } from 'node:crypto';
import { existsSync, fdatasync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EventStoreClosedError, InvalidEventStoreArgumentError, WrongExpectedRevisionError } from '../../errors/event-store.errors';
import { describeEventStoreContract } from '../../testing/event-store.contract';
import { eventually } from '../../testing/eventually';
import { EventStoreMissingError, EXTERNAL_APPEND_POLL_MS, SqliteEventStore } from './sqlite-event-store';

describeEventStoreContract('sqlite (file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'latchkey-sqlite-contract-'));
  const store = new SqliteEventStore(join(dir, 'events.sqlite'));
  return {
    store,
    teardown: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteEventStore', () => {
  let dir: string;
  let file: string;
  let store: SqliteEventStore;
  const stream = () => `test-${randomUUID().replace(/-/g, '')}`;
  const event = (type: string, extra: { id?: string; data?: Record<string, unknown> } = {}) => ({ type, data: {}, ...extra });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'latchkey-sqlite-'));
    file = join(dir, 'data', 'events.sqlite');
    store = new SqliteEventStore(file);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps events across close and reopen, and continues positions after the last one', async () => {
    const s = stream();
    await store.appendToStream(s, [event('A', { data: { n: 1 } }), event('B')]);
    const other = await store.appendToStream(stream(), [event('C')]);
    const before = await store.readAll();
    await store.close();

    store = new SqliteEventStore(file);
    expect(await store.readAll()).toEqual(before);
    expect(await store.headPosition()).toBe(other.position);
    const next = await store.appendToStream(s, [event('D')], { expectedRevision: 1 });
    expect(next.nextRevision).toBe(2);
    expect(next.position).toBeGreaterThan(other.position);
  });

  it('never reuses a position, even when the tail of the log is removed out of band', async () => {
    const last = await store.appendToStream(stream(), [event('A'), event('B')]);
    await store.close();
    const raw = new Database(file);
    raw.prepare('DELETE FROM events WHERE position = ?').run(last.position);
    raw.close();

    store = new SqliteEventStore(file);
    const next = await store.appendToStream(stream(), [event('C')]);
    expect(next.position).toBeGreaterThan(last.position);
  });

  it('commits appends arriving in the same tick in far fewer transactions', async () => {
    const before = store.committedTransactions;
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => store.appendToStream(stream(), [event('A', { data: { i } })])));
    expect(store.committedTransactions - before).toBeLessThanOrEqual(5);
    expect(new Set(results.map((r) => r.position)).size).toBe(200);
    expect((await store.readAll()).length).toBe(200);
  });

  it('fails a conflicting append alone and lets later appends of the batch see earlier ones', async () => {
    const s = stream();
    await store.appendToStream(s, [event('Start')]);
    const before = store.committedTransactions;
    const outcomes = await Promise.allSettled([
      store.appendToStream(stream(), [event('Other1')]),
      store.appendToStream(s, [event('Stale')], { expectedRevision: 5 }),
      store.appendToStream(s, [event('Winner')], { expectedRevision: 0 }),
      store.appendToStream(s, [event('Loser')], { expectedRevision: 0 }),
      store.appendToStream(stream(), [event('Other2')]),
    ]);
    expect(store.committedTransactions - before).toBe(1);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[3] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect((outcomes[3] as PromiseRejectedResult).reason).toMatchObject({ expected: 0, actual: 1 });
    expect((await store.readStream(s)).map((e) => e.type)).toEqual(['Start', 'Winner']);
  });

  it('treats a retry in the same batch as idempotent and rejects a partial id reuse', async () => {
    const s = stream();
    const events = [event('A', { id: randomUUID() }), event('B', { id: randomUUID() })];
    const [first, retry] = await Promise.all([
      store.appendToStream(s, events, { expectedRevision: 'no_stream' }),
      store.appendToStream(s, events, { expectedRevision: 'no_stream' }),
    ]);
    expect(retry).toEqual(first);
    await expect(store.appendToStream(s, [events[1], event('C')])).rejects.toBeInstanceOf(InvalidEventStoreArgumentError);
    expect((await store.readStream(s)).map((e) => e.type)).toEqual(['A', 'B']);
  });

  it('fails an append of several events whole when a later one reuses an id, and commits the rest of its batch', async () => {
    const s = stream();
    const reused = event('B', { id: randomUUID() });
    await store.appendToStream(s, [event('A'), reused]);
    const before = store.committedTransactions;
    const outcomes = await Promise.allSettled([store.appendToStream(s, [event('C'), reused]), store.appendToStream(s, [event('E')])]);
    expect(store.committedTransactions - before).toBe(1);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'fulfilled']);
    expect((outcomes[0] as PromiseRejectedResult).reason).toBeInstanceOf(InvalidEventStoreArgumentError);
    expect((await store.readStream(s)).map((e) => `${e.revision}:${e.type}`)).toEqual(['0:A', '1:B', '2:E']);
  });

  it('commits queued appends on close and rejects operations afterwards', async () => {
    const s = stream();
    const pending = store.appendToStream(s, [event('A')]);
    await store.close();
    await expect(pending).resolves.toMatchObject({ nextRevision: 0 });
    await expect(store.appendToStream(s, [event('B')])).rejects.toBeInstanceOf(EventStoreClosedError);
    await expect(store.readStream(s)).rejects.toBeInstanceOf(EventStoreClosedError);
    await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreClosedError);
    await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreClosedError);

    store = new SqliteEventStore(file);
    expect((await store.readStream(s)).map((e) => e.type)).toEqual(['A']);
  });

  it('keeps the log in WAL mode', () => {
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('acknowledges a batch only once the WAL is synced, off the event loop, and never commits the next batch before that', async () => {
    const syncs: (() => void)[] = [];
    await store.close();
    store = new SqliteEventStore(file, { syncWal: (fd, done) => syncs.push(() => fdatasync(fd, done)) });
    const s = stream();
    let acknowledged = 0;
    const first = store.appendToStream(s, [event('A')]).then(() => acknowledged++);
    await new Promise((r) => setImmediate(r));
    expect(syncs).toHaveLength(1);
    const second = store.appendToStream(s, [event('B')], { expectedRevision: 0 }).then(() => acknowledged++);
    await new Promise((r) => setTimeout(r, 20));
    // Committed and readable, but not acknowledged; the second batch waits for the first sync.
    expect(acknowledged).toBe(0);
    expect(store.committedTransactions).toBe(1);
    expect((await store.readStream(s)).map((e) => e.type)).toEqual(['A']);
    syncs.shift()!();
    await first;
    await new Promise((r) => setTimeout(r, 20));
    expect(store.committedTransactions).toBe(2);
    expect(acknowledged).toBe(1);
    syncs.shift()!();
    await second;
    expect(acknowledged).toBe(2);
  });

  it('fails the batch when its WAL cannot be synced', async () => {
    await store.close();
    store = new SqliteEventStore(file, {
      syncWal: (_fd, done) => setImmediate(() => done(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }))),
    });
    await expect(store.appendToStream(stream(), [event('A')])).rejects.toThrow('could not be written to disk');
  });

  it('commits without an fsync at commit time (synchronous=NORMAL): the store syncs the WAL itself', async () => {
    await store.appendToStream(stream(), [event('A')]);
    // The level is per connection: read it on the store's own connection.
    expect((store as unknown as { db: Database.Database }).db.pragma('synchronous', { simple: true })).toBe(1);
  });
});

describe('SqliteEventStore across processes and read-only', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'latchkey-sqlite-external-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('wakes its subscriptions for appends another connection commits (data_version)', async () => {
    const file = join(dir, 'events.sqlite');
    const served = new SqliteEventStore(file);
    const other = new SqliteEventStore(file);
    const seen: string[] = [];
    let caughtUp = false;
    const subscription = served.subscribeToAll({ onEvent: (e) => void seen.push(e.type), onCaughtUp: () => (caughtUp = true) });
    try {
      await eventually(() => expect(caughtUp).toBe(true));
      const appendedAt = Date.now();
      await other.appendToStream('external-1', [{ type: 'AppendedElsewhere', data: {} }]);
      await eventually(() => expect(seen).toEqual(['AppendedElsewhere']), { timeoutMs: 10_000 });
      console.log(`append by another connection seen after ${Date.now() - appendedAt} ms (poll every ${EXTERNAL_APPEND_POLL_MS} ms)`);
    } finally {
      await subscription.close();
      await other.close();
      await served.close();
    }
  });

  it('opens an existing file read-only, and refuses to create a missing one', async () => {
    const file = join(dir, 'events.sqlite');
    expect(() => new SqliteEventStore(join(dir, 'missing', 'events.sqlite'), { open: 'readonly' })).toThrow(EventStoreMissingError);
    expect(() => new SqliteEventStore(join(dir, 'missing', 'events.sqlite'), { open: 'existing' })).toThrow(EventStoreMissingError);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
    const writer = new SqliteEventStore(file);
    await writer.appendToStream('s-1', [{ type: 'Written', data: {} }]);
    await writer.close();
    const reader = new SqliteEventStore(file, { open: 'readonly' });
    try {
      expect((await reader.readStream('s-1')).map((e) => e.type)).toEqual(['Written']);
      await expect(reader.appendToStream('s-1', [{ type: 'Refused', data: {} }])).rejects.toThrow();
    } finally {
      await reader.close();
    }
  });
});

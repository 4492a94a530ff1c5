import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SpanAttributes, type SpanOptions, Tracing } from '@latchkey/building-blocks';
import { MemoryEventStore } from '../adapters/memory/memory-event-store';
import type { RecordedEvent } from '../port/event-store.port';
import { eventually } from '../testing/eventually';
import type { Projection, ReadModelDb } from './projection';
import { ProjectionRunner } from './projection-runner';
import { INDEXING_CACHE_KIB, openReadModelDb } from './read-model-db';

const COUNT_ONE = 'INSERT INTO counts (stream, n) VALUES (?, 1) ON CONFLICT(stream) DO UPDATE SET n = n + 1';

/** Counts events per stream in a table, and keeps a total in memory rebuilt by `load`. */
function countingProjection(version = 1): Projection & { applied: number; total: number } {
  return {
    name: 'counts',
    version,
    eventTypes: ['X'],
    applied: 0,
    total: 0,
    setup: (db) => db.exec('CREATE TABLE IF NOT EXISTS counts (stream TEXT PRIMARY KEY, n INTEGER NOT NULL)'),
    reset(db) {
      db.exec('DELETE FROM counts');
      this.total = 0;
    },
    load(db) {
      this.total = (db.prepare('SELECT COALESCE(SUM(n), 0) AS t FROM counts').get() as { t: number }).t;
    },
    apply(event: RecordedEvent, db: ReadModelDb) {
      this.applied++;
      this.total++;
      db.prepare(COUNT_ONE).run(event.streamName);
    },
  };
}

/** What `look` finds each time the projection is about to apply its first event. */
function atFirstApply<T>(projection: Projection & { applied: number }, look: () => T): T[] {
  const seen: T[] = [];
  const apply = projection.apply.bind(projection);
  projection.apply = (event, db) => {
    if (projection.applied === 0) seen.push(look());
    apply(event, db);
  };
  return seen;
}

const rows = (db: ReadModelDb) => db.prepare('SELECT stream, n FROM counts ORDER BY stream').all();

describe('ProjectionRunner', () => {
  let dir: string;
  let store: MemoryEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'latchkey-projections-'));
    store = new MemoryEventStore();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('catches up, reports caught up, then applies live events; waitFor resolves after the write is applied', async () => {
    await store.appendToStream('a-1', [
      { type: 'X', data: {} },
      { type: 'X', data: {} },
    ]);
    const db = openReadModelDb(join(dir, 'rm.sqlite'));
    const projection = countingProjection();
    const runner = new ProjectionRunner(store, db);
    runner.register(projection);
    await runner.start();
    await eventually(() => expect(runner.caughtUp).toBe(true));
    expect(rows(db)).toEqual([{ stream: 'a-1', n: 2 }]);

    const { position } = await store.appendToStream('b-1', [{ type: 'X', data: {} }]);
    await runner.waitFor(position);
    expect(runner.position).toBe(position);
    expect(rows(db)).toEqual([
      { stream: 'a-1', n: 2 },
      { stream: 'b-1', n: 1 },
    ]);
    await runner.stop();
    db.close();
  });

  it('hands a projection only the event types it declares, and still moves its checkpoint past the others', async () => {
    await store.appendToStream('a-1', [
      { type: 'X', data: {} },
      { type: 'Other', data: {} },
    ]);
    const db = openReadModelDb(':memory:');
    const projection = countingProjection();
    const runner = new ProjectionRunner(store, db);
    runner.register(projection);
    await runner.start();
    const { position } = await store.appendToStream('b-1', [{ type: 'Other', data: {} }]);
    await runner.waitFor(position);
    expect(projection.applied).toBe(1);
    expect(runner.position).toBe(position);
    await runner.stop();
    db.close();
  });

  it('hands each of several projections the types it declares, whichever others declare too', async () => {
    await store.appendToStream('a-1', [
      { type: 'X', data: {} },
      { type: 'Y', data: {} },
      { type: 'Z', data: {} },
      { type: 'X', data: {} },
    ]);
    const db = openReadModelDb(':memory:');
    const seen = (name: string, eventTypes: string[]) => ({
      ...countingProjection(),
      name,
      eventTypes,
      types: [] as string[],
      apply(event: RecordedEvent) {
        this.types.push(event.type);
      },
    });
    const projections = [seen('xs', ['X']), seen('ys-and-xs', ['Y', 'X']), seen('zs', ['Z']), seen('none', [])];
    const runner = new ProjectionRunner(store, db);
    runner.register(...projections);
    await runner.start();
    const { position } = await store.appendToStream('b-1', [
      { type: 'Z', data: {} },
      { type: 'Y', data: {} },
    ]);
    await runner.waitFor(position);
    expect(projections.map((p) => p.types)).toEqual([['X', 'X'], ['X', 'Y', 'X', 'Y'], ['Z', 'Z'], []]);
    await runner.stop();
    db.close();
  });

  it("ends each batch with the projection's endBatch, after its events and inside its transaction", async () => {
    await store.appendToStream('a-1', [
      { type: 'X', data: {} },
      { type: 'X', data: {} },
    ]);
    const db = openReadModelDb(':memory:');
    const projection = countingProjection();
    const seen: { applied: number; inTransaction: boolean }[] = [];
    const pending: string[] = [];
    projection.apply = (event) => {
      projection.applied++;
      pending.push(event.streamName);
    };
    projection.endBatch = (batchDb) => {
      seen.push({ applied: projection.applied, inTransaction: batchDb.inTransaction });
      for (const stream of pending.splice(0)) batchDb.prepare(COUNT_ONE).run(stream);
    };
    const runner = new ProjectionRunner(store, db);
    runner.register(projection);
    await runner.start();
    await eventually(() => expect(runner.caughtUp).toBe(true));
    expect(rows(db)).toEqual([{ stream: 'a-1', n: 2 }]);
    const { position } = await store.appendToStream('b-1', [{ type: 'X', data: {} }]);
    await runner.waitFor(position);
    expect(rows(db)).toEqual([
      { stream: 'a-1', n: 2 },
      { stream: 'b-1', n: 1 },
    ]);
    expect(seen.every((s) => s.inTransaction)).toBe(true);
    expect(seen.map((s) => s.applied)).toEqual([2, 3]);
    await runner.stop();
    db.close();
  });

  it('checkpoints the WAL rarely while catching up, then returns to the default and truncates the WAL', async () => {
    for (let i = 0; i < 1200; i++) await store.appendToStream(`a-${i % 7}`, [{ type: 'X', data: {} }]);
    const db = openReadModelDb(join(dir, 'rm.sqlite'));
    const settings = () => ({ autocheckpoint: db.pragma('wal_autocheckpoint', { simple: true }) });
    const projection = countingProjection();
    const seen = atFirstApply(projection, settings);
    const runner = new ProjectionRunner(store, db);
    runner.register(projection);
    await runner.start();
    await eventually(() => expect(runner.caughtUp).toBe(true));
    expect(seen).toEqual([{ autocheckpoint: 20_000 }]);
    expect(settings()).toEqual({ autocheckpoint: 1_000 });
    expect(statSync(join(dir, 'rm.sqlite-wal')).size).toBe(0);

    // Live writes after catching up keep the defaults.
    const { position } = await store.appendToStream('b-1', [{ type: 'X', data: {} }]);
    await runner.waitFor(position);
    expect(settings()).toEqual({ autocheckpoint: 1_000 });
    await runner.stop();
    db.close();
  });

  it('logs, once caught up after start, how long each projection took to apply its events', async () => {
    for (let i = 0; i < 50; i++) await store.appendToStream(`a-${i % 7}`, [{ type: 'X', data: {} }]);
    const db = openReadModelDb(join(dir, 'rm.sqlite'));
    const logged: string[] = [];
    const slow = countingProjection();
    const apply = slow.apply.bind(slow);
    slow.apply = (event, db) => {
      const until = performance.now() + 3;
      while (performance.now() < until);
      apply(event, db);
    };
    const runner = new ProjectionRunner(store, db, { log: (m) => logged.push(m), error: () => undefined });
    runner.register(slow);
    await runner.start();
    await eventually(() => expect(runner.caughtUp).toBe(true));
    const line = logged.find((m) => m.startsWith('Catching up:'));
    expect(line).toMatch(/^Catching up: \d+\.\d s in batches, commits included; applying events took counts \d+\.\d s$/);

    // Live events afterwards are not timed: nothing more is logged.
    const { position } = await store.appendToStream('b-1', [{ type: 'X', data: {} }]);
    await runner.waitFor(position);
    expect(logged.filter((m) => m.startsWith('Catching up:'))).toHaveLength(1);
    await runner.stop();
    db.close();
  });

  it('builds a new file from zero without syncs behind a synced marker, then turns them on and removes the marker', async () => {
    for (let i = 0; i < 50; i++) await store.appendToStream(`a-${i % 7}`, [{ type: 'X', data: {} }]);
    const path = join(dir, 'rm.sqlite');
    const db = openReadModelDb(path);
    const state = () => ({
      synchronous: db.pragma('synchronous', { simple: true }),
      marker: existsSync(`${path}.building`),
    });
    const projection = countingProjection();
    const seen = atFirstApply(projection, state);
    const runner = new ProjectionRunner(store, db);
    runner.register(projection);
    await runner.start();
    await eventually(() => expect(runner.caughtUp).toBe(true));
    expect(seen).toEqual([{ synchronous: 0, marker: true }]);
    await runner.onDisk();
    expect(state()).toEqual({ synchronous: 1, marker: false });
    await runner.stop();
    db.close();

    // A later start resumes from the checkpoints: syncs stay on.
    await store.appendToStream('b-1', [{ type: 'X', data: {} }]);
    const again = openReadModelDb(path);
    const resumed = countingProjection();
    const resumedRunner = new ProjectionRunner(store, again);
    resumedRunner.register(resumed);
    await resumedRunner.start();
    await eventually(() => expect(resumedRunner.caughtUp).toBe(true));
    expect(existsSync(`${path}.building`)).toBe(false);
    expect(again.pragma('synchronous', { simple: true })).toBe(1);
    expect(resumed.total).toBe(51);
    await resumedRunner.stop();
    again.close();
  });

  it('builds from zero in slices applied as events arrive, committed with the checkpoints every 16,000 events', async () => {
    for (let i = 0; i < 17; i++)
      await store.appendToStream(
        `a-${i}`,
        Array.from({ length: 1000 }, () => ({ type: 'X', data: {} })),
      );
    const positions = (await store.readAll()).map((e) => e.position);
    let delivered = 0;
    const subscribe = store.subscribeToAll.bind(store);
    jest
      .spyOn(store, 'subscribeToAll')
      .mockImplementation((options) => subscribe({ ...options, onEvent: (event) => (delivered++, options.onEvent(event)) }));
    const path = join(dir, 'rm.sqlite');
    const db = openReadModelDb(path);
    const committed = openReadModelDb(path);
    const checkpoint = () =>
      (committed.prepare("SELECT position FROM projection_checkpoints WHERE name = 'counts'").get() as { position: number | null }).position;
    const projection = countingProjection();
    const seen: { applied: number; delivered: number; committed: number | null }[] = [];
    const apply = projection.apply.bind(projection);
    projection.apply = (event, rm) => {
      if ([0, 1000, 16_000].includes(projection.applied)) seen.push({ applied: projection.applied, delivered, committed: checkpoint() });
      apply(event, rm);
    };
    const runner = new ProjectionRunner(store, db);
    runner.register(projection);
    await runner.start();
    await eventually(() => expect(runner.caughtUp).toBe(true));
    // Each slice of 1,000 is applied as it arrives, not once 16,000 are buffered; the first 16,000 are committed together.
    expect(seen).toEqual([
      { applied: 0, delivered: 1000, committed: null },
      { applied: 1000, delivered: 2000, committed: null },
      { applied: 16_000, delivered: 17_000, committed: positions[15_999] },
    ]);
    expect(checkpoint()).toBe(positions.at(-1));
    expect(projection.total).toBe(17_000);
    await runner.stop();
    committed.close();
    db.close();
  });

  it('traces each slice of a build from zero as a trace of its own, the projections within it', async () => {
    await store.appendToStream(
      'a-1',
      Array.from({ length: 2500 }, () => ({ type: 'X', data: {} })),
    );
    const spans: { name: string; parent: string | null; root: boolean }[] = [];
    const open: string[] = [];
    const tracing = new (class extends Tracing {
      readonly enabled = true;
      inSpan<T>(name: string, _attributes: SpanAttributes, work: () => T, options?: SpanOptions): T {
        spans.push({ name, parent: open.at(-1) ?? null, root: options?.root === true });
        open.push(name);
        try {
          return work();
        } finally {
          open.pop();
        }
      }
    })();
    const db = openReadModelDb(join(dir, 'rm.sqlite'));
    const runner = new ProjectionRunner(store, db, undefined, tracing);
    runner.register(countingProjection());
    await runner.start();
    await eventually(() => expect(runner.caughtUp).toBe(true));
    const slices = spans.filter((s) => s.name === 'projections apply');
    expect(slices).toHaveLength(3);
    expect(slices.every((s) => s.root && s.parent === null)).toBe(true);
    expect(spans.filter((s) => s.name === 'projection counts')).toEqual(
      slices.map(() => ({ name: 'projection counts', parent: 'projections apply', root: false })),
    );
    await runner.stop();
    db.close();
  });

  it('drops the deferred indexes of a projection built from zero and creates them before it reports caught up', async () => {
    for (let i = 0; i < 50; i++) await store.appendToStream(`a-${i % 7}`, [{ type: 'X', data: {} }]);
    const path = join(dir, 'rm.sqlite');
    const indexed = (db: ReadModelDb) => {
      const projection = countingProjection();
      const setup = projection.setup.bind(projection);
      const cacheSizes: number[] = [];
      return Object.assign(projection, {
        deferredIndexes: ['counts_by_n'],
        setup: (rm: ReadModelDb) => {
          setup(rm);
          cacheSizes.push(rm.pragma('cache_size', { simple: true }) as number);
          rm.exec('CREATE INDEX IF NOT EXISTS counts_by_n ON counts (n)');
        },
        cacheSizes,
        indexExists: () => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'counts_by_n'").get() !== undefined,
      });
    };
    const db = openReadModelDb(path);
    const projection = indexed(db);
    const seen = atFirstApply(projection, projection.indexExists);
    const runner = new ProjectionRunner(store, db);
    runner.register(projection);
    await runner.start();
    await eventually(() => expect(runner.caughtUp).toBe(true));
    expect(seen).toEqual([false]);
    expect(projection.indexExists()).toBe(true);
    // Created (by the last `setup`) with the cache that sorts fastest, not the one of catching up.
    expect(projection.cacheSizes.at(-1)).toBe(-INDEXING_CACHE_KIB);
    await runner.stop();
    db.close();

    // Resuming from a checkpoint keeps the index while catching up.
    await store.appendToStream('b-1', [{ type: 'X', data: {} }]);
    const again = openReadModelDb(path);
    const resumed = indexed(again);
    const seenAgain = atFirstApply(resumed, resumed.indexExists);
    const resumedRunner = new ProjectionRunner(store, again);
    resumedRunner.register(resumed);
    await resumedRunner.start();
    await eventually(() => expect(resumedRunner.caughtUp).toBe(true));
    expect(seenAgain).toEqual([true]);
    await resumedRunner.stop();
    again.close();
  });

  it('lets projections hold their rows while building a new file from zero: written once caught up, before the deferred indexes, waiters after them', async () => {
    for (let i = 0; i < 17; i++)
      await store.appendToStream(
        `a-${i % 3}`,
        Array.from({ length: 1000 }, () => ({ type: 'X', data: {} })),
      );
    const positions = (await store.readAll()).map((e) => e.position);
    const path = join(dir, 'rm.sqlite');
    const order: string[] = [];
    /** Counts per stream in memory; writes them at each batch's end, except while building from zero. */
    const holding = (runner: () => ProjectionRunner) => {
      const projection = countingProjection();
      const held = new Map<string, number>();
      let building = false;
      const write = (db: ReadModelDb) => {
        for (const [stream, n] of held)
          db.prepare('INSERT INTO counts (stream, n) VALUES (?, ?) ON CONFLICT(stream) DO UPDATE SET n = n + excluded.n').run(stream, n);
        held.clear();
      };
      const setup = projection.setup.bind(projection);
      return Object.assign(projection, {
        deferredIndexes: ['counts_by_n'],
        setup(db: ReadModelDb) {
          setup(db);
          db.exec('CREATE INDEX IF NOT EXISTS counts_by_n ON counts (n)');
          order.push('setup');
        },
        apply(event: RecordedEvent) {
          if (projection.applied++ === 0)
            void runner()
              .waitFor(positions[0])
              .then(() => order.push('waiter'));
          held.set(event.streamName, (held.get(event.streamName) ?? 0) + 1);
        },
        endBatch(db: ReadModelDb) {
          if (!building) write(db);
        },
        beginBuild() {
          order.push('beginBuild');
          building = true;
        },
        endBuild(db: ReadModelDb) {
          order.push(`endBuild${db.inTransaction ? ' in a transaction' : ''}`);
          building = false;
          write(db);
        },
      });
    };
    const db = openReadModelDb(path);
    const committed = openReadModelDb(path);
    const runner: ProjectionRunner = new ProjectionRunner(store, db);
    runner.register(holding(() => runner));
    order.length = 0;
    await runner.start();
    await eventually(() => expect(runner.caughtUp).toBe(true));
    await eventually(() => expect(order).toContain('waiter'));
    // The first 16,000 events were committed long before: the waiter still waited for the held rows.
    expect(order).toEqual(['setup', 'beginBuild', 'endBuild in a transaction', 'setup', 'waiter']);
    expect(committed.prepare('SELECT stream, n FROM counts ORDER BY stream').all()).toEqual([
      { stream: 'a-0', n: 6000 },
      { stream: 'a-1', n: 6000 },
      { stream: 'a-2', n: 5000 },
    ]);
    await runner.stop();
    committed.close();
    db.close();

    // Resuming from the checkpoints is no build from zero: nothing is held.
    await store.appendToStream('a-0', [{ type: 'X', data: {} }]);
    const again = openReadModelDb(path);
    const resumed: ProjectionRunner = new ProjectionRunner(store, again);
    resumed.register(holding(() => resumed));
    order.length = 0;
    await resumed.start();
    await eventually(() => expect(resumed.caughtUp).toBe(true));
    await eventually(() => expect(order).toEqual(['setup', 'waiter']));
    expect(rows(again)).toContainEqual({ stream: 'a-0', n: 6001 });
    await resumed.stop();
    again.close();
  });

  it('resumes from its checkpoint after a restart without applying anything twice', async () => {
    const path = join(dir, 'rm.sqlite');
    for (let i = 0; i < 1200; i++) await store.appendToStream(`a-${i % 7}`, [{ type: 'X', data: {} }]);
    let db = openReadModelDb(path);
    let projection = countingProjection();
    let runner = new ProjectionRunner(store, db);
    runner.register(projection);
    await runner.start();
    await eventually(() => expect(runner.caughtUp).toBe(true));
    await runner.stop();
    db.close();
    expect(projection.applied).toBe(1200);

    await store.appendToStream('a-0', [{ type: 'X', data: {} }]);
    db = openReadModelDb(path);
    projection = countingProjection();
    runner = new ProjectionRunner(store, db);
    runner.register(projection);
    await runner.start();
    await eventually(() => expect(runner.caughtUp).toBe(true));
    expect(projection.applied).toBe(1);
    expect(projection.total).toBe(1201);
    const total = (rows(db) as { n: number }[]).reduce((t, r) => t + r.n, 0);
    expect(total).toBe(1201);
    await runner.stop();
    db.close();
  });

  it('rebuilds from zero when the projection version changes', async () => {
    const path = join(dir, 'rm.sqlite');
    await store.appendToStream('a-1', [
      { type: 'X', data: {} },
      { type: 'X', data: {} },
    ]);
    let db = openReadModelDb(path);
    let runner = new ProjectionRunner(store, db);
    runner.register(countingProjection(1));
    await runner.start();
    await eventually(() => expect(runner.caughtUp).toBe(true));
    await runner.stop();
    db.close();

    db = openReadModelDb(path);
    const v2 = countingProjection(2);
    runner = new ProjectionRunner(store, db);
    runner.register(v2);
    await runner.start();
    await eventually(() => expect(runner.caughtUp).toBe(true));
    expect(v2.applied).toBe(2);
    expect(rows(db)).toEqual([{ stream: 'a-1', n: 2 }]);
    await runner.stop();
    db.close();
  });

  it('rebuilds when its checkpoint is past the end of a replaced event log', async () => {
    const path = join(dir, 'rm.sqlite');
    for (let i = 0; i < 5; i++) await store.appendToStream('a-1', [{ type: 'X', data: {} }]);
    let db = openReadModelDb(path);
    let runner = new ProjectionRunner(store, db);
    runner.register(countingProjection());
    await runner.start();
    await eventually(() => expect(runner.caughtUp).toBe(true));
    await runner.stop();
    db.close();

    store = new MemoryEventStore();
    await store.appendToStream('b-1', [{ type: 'X', data: {} }]);
    db = openReadModelDb(path);
    runner = new ProjectionRunner(store, db);
    runner.register(countingProjection());
    await runner.start();
    await eventually(() => expect(runner.caughtUp).toBe(true));
    expect(rows(db)).toEqual([{ stream: 'b-1', n: 1 }]);
    await runner.stop();
    db.close();
  });

  it('stops, reports the failure and rejects waiters when a projection throws', async () => {
    const db = openReadModelDb(':memory:');
    const broken: Projection = {
      name: 'broken',
      version: 1,
      eventTypes: ['X', 'Poison'],
      setup: () => undefined,
      reset: () => undefined,
      apply: (e) => {
        if (e.type === 'Poison') throw new Error('cannot apply');
      },
    };
    const errors: string[] = [];
    const runner = new ProjectionRunner(store, db, { log: () => undefined, error: (m) => errors.push(m) });
    runner.register(broken);
    await runner.start();
    const { position } = await store.appendToStream('a-1', [{ type: 'Poison', data: {} }]);
    await expect(runner.waitFor(position)).rejects.toThrow('cannot apply');
    expect(runner.caughtUp).toBe(false);
    expect(errors.length).toBeGreaterThan(0);
    await runner.stop();
  });

  it('builds a changed version beside the serving one: ready at once, live events reach the serving rows, then a swap applies every event once', async () => {
    // Version 2 counts 10 per event, so the rows tell which version made them.
    const weighted = (): Projection & { total: number } => ({
      ...countingProjection(2),
      load(db) {
        this.total = (db.prepare('SELECT COALESCE(SUM(n), 0) AS t FROM counts').get() as { t: number }).t;
      },
      apply(event: RecordedEvent, db: ReadModelDb) {
        db.prepare('INSERT INTO counts (stream, n) VALUES (?, 10) ON CONFLICT(stream) DO UPDATE SET n = n + 10').run(event.streamName);
      },
      fork: () => weighted(),
    });
    for (let i = 0; i < 12; i++)
      await store.appendToStream(
        `s-${i % 3}`,
        Array.from({ length: 100 }, () => ({ type: 'X', data: {} })),
      );
    const path = join(dir, 'rm.sqlite');
    let db = openReadModelDb(path);
    let runner = new ProjectionRunner(store, db);
    runner.register(countingProjection(1));
    await runner.start();
    await eventually(() => expect(runner.caughtUp).toBe(true));
    await runner.stop();
    db.close();

    // Reads of the whole log from the start (the rebuild's) wait until the test opens the gate.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const readAll = store.readAll.bind(store);
    jest.spyOn(store, 'readAll').mockImplementation(async (options = {}) => {
      if (!options.after) await gate;
      return readAll(options);
    });

    db = openReadModelDb(path);
    runner = new ProjectionRunner(store, db);
    const serving = weighted();
    runner.register(serving);
    await runner.start();
    await eventually(() => expect(runner.caughtUp).toBe(true));
    expect(runner.rebuilding).toEqual(['counts']);
    expect(serving.total).toBe(1200); // the previous version's rows serve
    const live = await store.appendToStream('s-0', [{ type: 'X', data: {} }]);
    await runner.waitFor(live.position);
    expect(rows(db)).toEqual([
      { stream: 's-0', n: 410 },
      { stream: 's-1', n: 400 },
      { stream: 's-2', n: 400 },
    ]);
    expect(db.prepare("SELECT version FROM projection_checkpoints WHERE name = 'counts'").get()).toEqual({ version: 1 });

    open();
    await runner.rebuildsSettled();
    expect(runner.rebuilding).toEqual([]);
    expect(runner.caughtUp).toBe(true);
    expect(rows(db)).toEqual([
      { stream: 's-0', n: 4010 },
      { stream: 's-1', n: 4000 },
      { stream: 's-2', n: 4000 },
    ]);
    expect(serving.total).toBe(12010);
    expect(db.prepare("SELECT version FROM projection_checkpoints WHERE name = 'counts'").get()).toEqual({ version: 2 });
    const [swap] = runner.swaps;
    expect(swap).toMatchObject({ name: 'counts', fromVersion: 1, toVersion: 2 });
    process.stdout.write(`rebuild beside: ${swap.rebuildSeconds.toFixed(3)} s, swap ${swap.swapMs.toFixed(1)} ms\n`);

    // After the swap, a live event is applied once, to the new rows.
    const after = await store.appendToStream('s-1', [{ type: 'X', data: {} }]);
    await runner.waitFor(after.position);
    expect(rows(db)).toContainEqual({ stream: 's-1', n: 4010 });
    await runner.stop();
    db.close();
    expect(statSync(path).isFile()).toBe(true);
    expect(() => statSync(`${path}.rebuild-counts`)).toThrow();
  });
});

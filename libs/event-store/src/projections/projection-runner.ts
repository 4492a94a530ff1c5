import type { Statement } from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import { NO_TRACING, type Tracing } from '@latchkey/building-blocks';
import type { EventStore, RecordedEvent, Subscription } from '../port/event-store.port';
import { subscribeResubscribing } from '../port/resubscribing-subscription';
import type { Projection, ReadModelDb } from './projection';
import { beginBuildFromZero, endBuildFromZero, setBulkWrites, setIndexingCache } from './read-model-db';
import { ShadowRebuild } from './shadow-rebuild';

const FLUSH_EVERY = 500;
/**
 * While catching up after start: fewer, larger transactions. Each commit writes every page its
 * transaction changed, and the keyed tables change pages all over: on the 1,020,500-event store,
 * 16,000 events a transaction write 5.3 GB through the WAL and its checkpoints where 4,000 wrote 9.4 GB.
 */
const BULK_FLUSH_EVERY = 16_000;
/**
 * While building from zero: events are applied in slices of this many as they arrive, inside the
 * transaction committed every `BULK_FLUSH_EVERY` events, so a decoded event is garbage before the
 * next young-generation collection instead of being copied by it while it waits in a buffer.
 */
const BUILD_SLICE = 1000;

interface Checkpoint {
  version: number;
  position: number | null;
}

interface Waiter {
  position: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

export interface ProjectionRunnerLogger {
  log(message: string): void;
  error(message: string, error?: unknown): void;
}

interface Rebuild {
  projection: Projection;
  shadow: ShadowRebuild;
  startedAt: number;
  resolve(): void;
  failed(error: unknown, message: string): void;
}

/** A projection version built beside the serving one and swapped in (see `ShadowRebuild`). */
export interface SwappedRebuild {
  name: string;
  fromVersion: number;
  toVersion: number;
  /** From the start of the rebuild to the swap. */
  rebuildSeconds: number;
  /** The swap itself (copying the rows into the read-model file and reloading memory), during which nothing else runs. */
  swapMs: number;
}

/**
 * Feeds every registered projection from one checkpointed catch-up subscription to the global log.
 * Events are applied in batches, each batch in one transaction with the checkpoints, so positions
 * at or below a projection's checkpoint are never applied again.
 *
 * When a projection's version changed on a read-model file that holds its previous version, and
 * the projection can `fork()`, the previous rows keep serving (updated by the live events, so a
 * revocation still takes effect at once) while the new version is built from zero beside them in a
 * file of its own; once it has caught up, its rows replace the previous ones in one transaction and
 * the serving instance reloads its memory from them. `caughtUp` (and so `/ready`) never waits for
 * such a rebuild. The previous rows are read and updated by the new code meanwhile, so a new
 * version must still read and write them (add columns in `setup`, as the app directory does).
 * Without `fork()`, or with the read models in memory, the projection is rebuilt in place first.
 */
export class ProjectionRunner {
  private readonly projections: Projection[] = [];
  /**
   * For each event type, which projections apply it (by their index in `projections`): looked up
   * once per event, instead of once per event and projection.
   */
  private readonly appliedBy = new Map<string, boolean[]>();
  private readonly checkpoints = new Map<string, Checkpoint>();
  private subscription: Subscription | null = null;
  private buffer: RecordedEvent[] = [];
  private flushScheduled = false;
  private waiters: Waiter[] = [];
  private _position: number | null = null;
  private _caughtUp = false;
  private _failure: Error | null = null;
  /** Rare WAL checkpoints while catching up after start (see `setBulkWrites`). */
  private bulk = false;
  /** Every projection starts from zero: the file is written without syncs until caught up (see `beginBuildFromZero`). */
  private buildingFromZero = false;
  /** While building from zero: the transaction holding the slices applied since the last commit, and the last position they hold. */
  private sliced: { events: number; last: number } | null = null;
  /** Settles once a file built from zero is on disk and its marker removed (see `endBuildFromZero`). */
  private builtFromZeroOnDisk: Promise<void> = Promise.resolve();
  /** Milliseconds each projection spent applying events while catching up after start (logged once caught up). */
  private readonly catchUpMs = new Map<string, number>();
  /** …and in the batches' transactions, commits included. */
  private catchUpBatchesMs = 0;
  /** Building from zero with projections that keep rows in memory until `endBuild`: waiters wait for it. */
  private holdingRows = false;
  /** Projections starting from zero whose `deferredIndexes` are dropped until caught up. */
  private deferringIndexes: Projection[] = [];
  /** Projections serving their previous version while the new one is built beside them. */
  private readonly servingVersions = new Map<string, number>();
  private readonly besides: Projection[] = [];
  private readonly rebuilds = new Map<string, Rebuild>();
  private readonly swapped: SwappedRebuild[] = [];
  private rebuildsDone: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDb,
    private readonly logger: ProjectionRunnerLogger = { log: () => undefined, error: () => undefined },
    private readonly tracing: Tracing = NO_TRACING,
  ) {
    db.exec('CREATE TABLE IF NOT EXISTS projection_checkpoints (name TEXT PRIMARY KEY, version INTEGER NOT NULL, position INTEGER)');
    this.saveCheckpointStatement = db.prepare(
      'INSERT INTO projection_checkpoints (name, version, position) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET version = excluded.version, position = excluded.position',
    );
  }

  private readonly saveCheckpointStatement: Statement;

  register(...projections: Projection[]): void {
    if (this.subscription) throw new Error('Projections must be registered before the runner starts');
    for (const p of projections) {
      if (this.projections.some((q) => q.name === p.name)) throw new Error(`Projection ${p.name} is registered twice`);
      this.projections.push(p);
      for (const type of p.eventTypes) {
        const appliers = this.appliedBy.get(type) ?? [];
        appliers[this.projections.length - 1] = true;
        this.appliedBy.set(type, appliers);
      }
    }
  }

  /** Position of the last event applied by every projection (null before the first). */
  get position(): number | null {
    return this._position;
  }

  /** True once the runner has applied everything the store held, until it fails. */
  get caughtUp(): boolean {
    return this._caughtUp && !this._failure;
  }

  /** Each projection's checkpoint: the position of the last event it applied (null before the first). */
  projectionCheckpoints(): { name: string; position: number | null }[] {
    return this.projections.map((p) => ({ name: p.name, position: this.checkpoints.get(p.name)?.position ?? null }));
  }

  get failure(): Error | null {
    return this._failure;
  }

  /** Names of the projections whose new version is being built beside the serving one. */
  get rebuilding(): string[] {
    return [...this.servingVersions.keys()];
  }

  /** The rebuilds swapped in since start. */
  get swaps(): readonly SwappedRebuild[] {
    return this.swapped;
  }

  /** Resolves once every rebuild beside the serving version has been swapped in (or rejects when one failed). */
  rebuildsSettled(): Promise<void> {
    return this.rebuildsDone;
  }

  async start(): Promise<void> {
    const head = await this.store.headPosition();
    this.db.transaction(() => {
      for (const p of this.projections) this.prepare(p, head);
    })();
    for (const p of this.projections) p.load?.(this.db);
    const positions = this.projections.map((p) => this.checkpoints.get(p.name)!.position);
    const from = positions.length === 0 || positions.includes(null) ? null : Math.min(...(positions as number[]));
    this._position = from;
    this.bulk = true;
    setBulkWrites(this.db, true);
    if (head !== null) this.startFromZeroFaster();
    this.subscribe();
    this.startRebuildsBeside();
  }

  /** Drops the deferred indexes of projections starting from zero; unsynced writes when all of them do. */
  private startFromZeroFaster(): void {
    const fromZero = this.projections.filter((p) => this.checkpoints.get(p.name)!.position === null && !this.servingVersions.has(p.name));
    this.deferringIndexes = fromZero.filter((p) => p.deferredIndexes?.length);
    for (const p of this.deferringIndexes) for (const index of p.deferredIndexes!) this.db.exec(`DROP INDEX IF EXISTS "${index}"`);
    if (fromZero.length > 0 && fromZero.length === this.projections.length) {
      this.buildingFromZero = true;
      beginBuildFromZero(this.db);
      for (const p of this.projections) p.beginBuild?.();
      this.holdingRows = this.projections.some((p) => p.endBuild);
    }
  }

  /** Once caught up after start: the deferred indexes created, syncs back on, rare checkpoints no more. */
  private endBulk(): void {
    this.bulk = false;
    if (this.holdingRows) this.endBuild();
    if (this.deferringIndexes.length > 0) {
      const started = performance.now();
      setIndexingCache(this.db);
      this.db.transaction(() => {
        for (const p of this.deferringIndexes) p.setup(this.db);
      })();
      this.logger.log(
        `Deferred indexes of ${this.deferringIndexes.map((p) => p.name).join(', ')} created in ${(performance.now() - started).toFixed(0)} ms`,
      );
      this.deferringIndexes = [];
    }
    if (this.buildingFromZero) {
      this.buildingFromZero = false;
      this.builtFromZeroOnDisk = endBuildFromZero(this.db).catch((error: unknown) =>
        this.logger.error('Syncing the read models built from zero failed; the next start builds them again', error),
      );
    }
    setBulkWrites(this.db, false);
  }

  /** The rows projections kept in memory while building from zero, written in one transaction; then the waiters go on. */
  private endBuild(): void {
    const started = performance.now();
    const holding = this.projections.filter((p) => p.endBuild);
    try {
      this.db.transaction(() => {
        for (const p of holding) p.endBuild!(this.db);
      })();
    } catch (error) {
      throw this.fail(error, 'Writing the rows held while building from zero failed');
    }
    this.holdingRows = false;
    this.logger.log(
      `Rows held while building from zero by ${holding.map((p) => p.name).join(', ')} written in ${(performance.now() - started).toFixed(0)} ms`,
    );
    if (this._position !== null) this.applied(this._position);
  }

  private startRebuildsBeside(): void {
    const started = this.besides.splice(0).map(
      (projection) =>
        new Promise<void>((resolve, reject) => {
          this.logger.log(
            `Building projection ${projection.name} version ${projection.version} beside version ${this.servingVersions.get(projection.name)}`,
          );
          // The previous version keeps serving; the next start tries the new one again.
          const failed = (error: unknown, message: string) => {
            this.rebuilds.delete(projection.name);
            this.logger.error(`${message}; version ${this.servingVersions.get(projection.name)} keeps serving`, error);
            reject(error instanceof Error ? error : new Error(String(error)));
          };
          const shadow = new ShadowRebuild(
            this.store,
            projection.fork!(),
            `${this.db.name}.rebuild-${projection.name}`,
            () => this.trySwaps(),
            (error) => failed(error, `Building projection ${projection.name} version ${projection.version} failed`),
          );
          this.rebuilds.set(projection.name, { projection, shadow, startedAt: performance.now(), resolve, failed });
          shadow.start();
        }),
    );
    this.rebuildsDone = Promise.all(started).then(() => undefined);
    this.rebuildsDone.catch(() => undefined);
  }

  /**
   * Swaps in each rebuild that has caught up with the store and reached the position the serving
   * projections have applied (checked after each slice of a rebuild and whenever the live
   * subscription has caught up).
   */
  private trySwaps(): void {
    if (this._failure || !this._caughtUp) return;
    for (const rebuild of [...this.rebuilds.values()]) {
      const { projection, shadow } = rebuild;
      if (!shadow.hasCaughtUp || (this._position !== null && (shadow.position ?? -Infinity) < this._position)) continue;
      try {
        this.swapIn(projection, shadow);
        rebuild.resolve();
      } catch (error) {
        void shadow.stop();
        rebuild.failed(error, `Swapping in projection ${projection.name} version ${projection.version} failed`);
      }
    }
  }

  /**
   * Replaces the serving rows of `projection` with the ones built beside it, in one transaction with
   * its checkpoint, and reloads the serving instance's memory from them. Runs between two batches
   * of the live subscription, so no event is applied twice or missed: the new rows include every
   * event up to the shadow's position, and the live lane skips what is at or below the checkpoint.
   */
  private swapIn(projection: Projection, shadow: ShadowRebuild): void {
    const started = performance.now();
    const fromVersion = this.servingVersions.get(projection.name)!;
    const position = shadow.position;
    this.db.prepare('ATTACH DATABASE ? AS rebuild').run(shadow.path);
    try {
      this.db.transaction(() => {
        const tables = (
          this.db.prepare("SELECT name FROM rebuild.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]
        ).map((t) => t.name);
        for (const table of tables) this.db.exec(`DROP TABLE IF EXISTS main."${table}"`);
        projection.setup(this.db);
        for (const table of tables) this.db.exec(`INSERT INTO main."${table}" SELECT * FROM rebuild."${table}"`);
        this.servingVersions.delete(projection.name);
        this.saveCheckpoint(projection, position);
      })();
    } finally {
      this.db.exec('DETACH DATABASE rebuild');
    }
    try {
      projection.load?.(this.db);
    } catch (error) {
      throw this.fail(error, `Projection ${projection.name} could not load its new version`);
    }
    const swapMs = performance.now() - started;
    const rebuildSeconds = (performance.now() - this.rebuilds.get(projection.name)!.startedAt) / 1000;
    this.rebuilds.delete(projection.name);
    void shadow.stop();
    this.swapped.push({ name: projection.name, fromVersion, toVersion: projection.version, rebuildSeconds, swapMs });
    this.logger.log(
      `Projection ${projection.name} version ${projection.version} swapped in for version ${fromVersion} at position ${position ?? 'start'}: built in ${rebuildSeconds.toFixed(1)} s, swapped in ${swapMs.toFixed(0)} ms`,
    );
  }

  private subscribe(): void {
    this.subscription = subscribeResubscribing(this.store, {
      position: () => this._position,
      onEvent: (event) => this.enqueue(event),
      onCaughtUp: () => {
        this.flush();
        if (!this._caughtUp) this.logger.log(`Read models caught up at position ${this._position ?? 'start'}`);
        if (this.bulk) {
          this.logCatchUpTimes();
          this.endBulk();
        }
        this._caughtUp = true;
        this.trySwaps();
      },
      onDropped: (error, delayMs) => {
        // A projection that threw stopped the runner for good; a store that went away is retried.
        if (this._failure) return false;
        this.logger.error(`Subscription to the event store dropped; resubscribing in ${delayMs} ms`, error);
        this.flush();
        // Until it has caught up again, the read models may be stale.
        this._caughtUp = false;
        return true;
      },
    });
  }

  /** Resolves once every projection has applied the event at `position` (read-your-writes). */
  waitFor(position: number | null): Promise<void> {
    if (position === null || (!this.holdingRows && this._position !== null && this._position >= position)) return Promise.resolve();
    if (this._failure) return Promise.reject(this._failure);
    return new Promise((resolve, reject) => this.waiters.push({ position, resolve, reject }));
  }

  async stop(): Promise<void> {
    await Promise.all([...this.rebuilds.values()].map(({ shadow }) => shadow.stop()));
    this.rebuilds.clear();
    await this.subscription?.close();
    this.subscription = null;
    this.flush();
    await this.builtFromZeroOnDisk;
  }

  /** Settles once a read-model file built from zero at start is on disk (`/ready` does not wait for it). */
  onDisk(): Promise<void> {
    return this.builtFromZeroOnDisk;
  }

  private prepare(projection: Projection, head: number | null): void {
    projection.setup(this.db);
    const stored = this.db.prepare('SELECT version, position FROM projection_checkpoints WHERE name = ?').get(projection.name) as
      Checkpoint | undefined;
    // A checkpoint past the store's head means the event log was replaced: rebuild.
    const replaced = stored && (stored.position ?? 0) > (head ?? 0);
    const stale = stored && (stored.version !== projection.version || replaced);
    if (stored && stale && !replaced && projection.fork && !this.db.memory) {
      // The previous version keeps serving while the new one is built beside it.
      this.checkpoints.set(projection.name, stored);
      this.servingVersions.set(projection.name, stored.version);
      this.besides.push(projection);
    } else if (!stored || stale) {
      if (stale) this.logger.log(`Rebuilding projection ${projection.name} from zero`);
      projection.reset(this.db);
      this.saveCheckpoint(projection, null);
    } else {
      this.checkpoints.set(projection.name, stored);
    }
  }

  private enqueue(event: RecordedEvent): void {
    if (this._failure) throw this._failure;
    this.buffer.push(event);
    if (this.buildingFromZero && this.buffer.length >= BUILD_SLICE) this.applySlice();
    else if (this.buffer.length >= (this.bulk ? BULK_FLUSH_EVERY : FLUSH_EVERY)) this.flush();
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        try {
          this.flush();
        } catch {
          // recorded in `failure`; the subscription stops on its next event
        }
      });
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this._failure) return;
    if (this.sliced || (this.buildingFromZero && this.buffer.length > 0)) {
      if (this.buffer.length > 0) this.applySlice();
      if (this.sliced) this.commitSlices();
      return;
    }
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    const last = batch[batch.length - 1].position;
    try {
      this.inBatchSpan(batch, last, () => this.apply(batch, last));
    } catch (error) {
      throw this.fail(error, `Projection failed at a batch ending at position ${last}`);
    }
    this.applied(last);
  }

  /** When tracing: a trace of its own for a batch or slice, which holds events of many requests. */
  private inBatchSpan(batch: readonly RecordedEvent[], last: number, run: () => void): void {
    if (!this.tracing.enabled) return run();
    this.tracing.inSpan('projections apply', { 'latchkey.events': batch.length, 'latchkey.position': last }, run, { root: true });
  }

  /** Every projection has applied the events up to `last`, committed: read-your-writes waiters go on (once written, when rows are held). */
  private applied(last: number): void {
    this._position = last;
    if (this.holdingRows) return;
    const ready = this.waiters.filter((w) => w.position <= last);
    this.waiters = this.waiters.filter((w) => w.position > last);
    for (const w of ready) w.resolve();
  }

  /**
   * Building from zero: applies the buffered events in the open transaction (beginning one when
   * none is), and commits it with the checkpoints once it holds `BULK_FLUSH_EVERY` events. A crash
   * before the build has caught up rebuilds the file anyway (see `beginBuildFromZero`).
   */
  private applySlice(): void {
    const slice = this.buffer;
    this.buffer = [];
    const last = slice[slice.length - 1].position;
    const started = performance.now();
    try {
      if (!this.sliced) this.db.exec('BEGIN');
      this.sliced = { events: this.sliced?.events ?? 0, last };
      this.inBatchSpan(slice, last, () => this.applyEach(slice));
    } catch (error) {
      this.rollbackSlices();
      throw this.fail(error, `Projection failed at a batch ending at position ${last}`);
    }
    this.sliced.events += slice.length;
    this.catchUpBatchesMs += performance.now() - started;
    if (this.sliced.events >= BULK_FLUSH_EVERY) this.commitSlices();
  }

  private commitSlices(): void {
    const { last } = this.sliced!;
    const started = performance.now();
    try {
      this.saveCheckpoints(last);
      this.db.exec('COMMIT');
    } catch (error) {
      this.rollbackSlices();
      throw this.fail(error, `Projection failed at a batch ending at position ${last}`);
    }
    this.sliced = null;
    this.catchUpBatchesMs += performance.now() - started;
    this.applied(last);
  }

  private rollbackSlices(): void {
    if (!this.sliced) return;
    this.sliced = null;
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }

  private apply(batch: readonly RecordedEvent[], last: number): void {
    const started = this.bulk ? performance.now() : 0;
    this.db.transaction(() => {
      this.applyEach(batch);
      this.saveCheckpoints(last);
    })();
    if (this.bulk) this.catchUpBatchesMs += performance.now() - started;
  }

  /** Hands each projection the events of the batch it has not applied yet, then ends its batch. */
  private applyEach(batch: readonly RecordedEvent[]): void {
    const appliers = batch.map((event) => this.appliedBy.get(event.type));
    this.projections.forEach((p, index) => {
      const from = this.checkpoints.get(p.name)!.position ?? -Infinity;
      if (this.tracing.enabled)
        this.tracing.inSpan(`projection ${p.name}`, { 'latchkey.projection': p.name }, () => this.applyTo(p, index, appliers, batch, from));
      else this.applyTo(p, index, appliers, batch, from);
    });
  }

  private saveCheckpoints(last: number): void {
    for (const p of this.projections) if (last > (this.checkpoints.get(p.name)!.position ?? -Infinity)) this.saveCheckpoint(p, last);
  }

  private applyTo(
    projection: Projection,
    index: number,
    appliers: readonly (boolean[] | undefined)[],
    batch: readonly RecordedEvent[],
    from: number,
  ): void {
    const started = this.bulk ? performance.now() : 0;
    for (let i = 0; i < batch.length; i++) {
      // The one place a recorded event becomes the projection's own type: its type is one it declared.
      if (appliers[i]?.[index] === true && batch[i].position > from) projection.apply(batch[i] as never, this.db);
    }
    projection.endBatch?.(this.db);
    if (this.bulk) this.catchUpMs.set(projection.name, (this.catchUpMs.get(projection.name) ?? 0) + performance.now() - started);
  }

  /** Where a long catch-up went, for whoever waits on a large rebuild: the slowest projections first. */
  private logCatchUpTimes(): void {
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const slowest = [...this.catchUpMs].filter(([, ms]) => ms >= 100).sort((a, b) => b[1] - a[1]);
    const batchesMs = this.catchUpBatchesMs;
    this.catchUpMs.clear();
    this.catchUpBatchesMs = 0;
    if (slowest.length === 0) return;
    this.logger.log(
      `Catching up: ${seconds(batchesMs)} in batches, commits included; applying events took ${slowest.map(([name, ms]) => `${name} ${seconds(ms)}`).join(', ')}`,
    );
  }

  private fail(error: unknown, message: string): Error {
    this._failure ??= error instanceof Error ? error : new Error(String(error));
    this.logger.error(message, error);
    for (const w of this.waiters.splice(0)) w.reject(this._failure);
    return this._failure;
  }

  /** Records the version the stored rows are of: the previous one while a new version is built beside it. */
  private saveCheckpoint(projection: Projection, position: number | null): void {
    const version = this.servingVersions.get(projection.name) ?? projection.version;
    this.saveCheckpointStatement.run(projection.name, version, position);
    this.checkpoints.set(projection.name, { version, position });
  }
}

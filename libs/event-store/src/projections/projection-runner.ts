import type { Statement } from 'better-sqlite3';
import { NO_TRACING, type Tracing } from '@latchkey/building-blocks';
import type { EventStore, RecordedEvent, Subscription } from '../port/event-store.port';
import { subscribeResubscribing } from '../port/resubscribing-subscription';
import type { Projection, ReadModelDb } from './projection';
import { setBulkWrites } from './read-model-db';

const FLUSH_EVERY = 500;

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

/**
 * Feeds every registered projection from one checkpointed catch-up subscription to the global log.
 * Events are applied in batches, each batch in one transaction with the checkpoints, so positions
 * at or below a projection's checkpoint are never applied again.
 */
export class ProjectionRunner {
  private readonly projections: Projection[] = [];
  /** The event types each projection applies. */
  private readonly types = new Map<Projection, ReadonlySet<string>>();
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
      this.types.set(p, new Set(p.eventTypes));
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
    this.subscribe();
  }

  private subscribe(): void {
    this.subscription = subscribeResubscribing(this.store, {
      position: () => this._position,
      onEvent: (event) => this.enqueue(event),
      onCaughtUp: () => {
        this.flush();
        if (!this._caughtUp) this.logger.log(`Read models caught up at position ${this._position ?? 'start'}`);
        if (this.bulk) {
          this.bulk = false;
          setBulkWrites(this.db, false);
        }
        this._caughtUp = true;
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
    if (position === null || (this._position !== null && this._position >= position)) return Promise.resolve();
    if (this._failure) return Promise.reject(this._failure);
    return new Promise((resolve, reject) => this.waiters.push({ position, resolve, reject }));
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    this.subscription = null;
    this.flush();
  }

  private prepare(projection: Projection, head: number | null): void {
    projection.setup(this.db);
    const stored = this.db.prepare('SELECT version, position FROM projection_checkpoints WHERE name = ?').get(projection.name) as
      Checkpoint | undefined;
    // A checkpoint past the store's head means the event log was replaced: rebuild.
    const stale = stored && (stored.version !== projection.version || (stored.position ?? 0) > (head ?? 0));
    if (!stored || stale) {
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
    if (this.buffer.length >= FLUSH_EVERY) this.flush();
    else if (!this.flushScheduled) {
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
    if (this.buffer.length === 0 || this._failure) return;
    const batch = this.buffer;
    this.buffer = [];
    const last = batch[batch.length - 1].position;
    try {
      if (this.tracing.enabled) {
        // A trace of its own: the batch holds events of many requests.
        this.tracing.inSpan('projections apply', { 'latchkey.events': batch.length, 'latchkey.position': last }, () => this.apply(batch, last), {
          root: true,
        });
      } else {
        this.apply(batch, last);
      }
    } catch (error) {
      throw this.fail(error, `Projection failed at a batch ending at position ${last}`);
    }
    this._position = last;
    const ready = this.waiters.filter((w) => w.position <= last);
    this.waiters = this.waiters.filter((w) => w.position > last);
    for (const w of ready) w.resolve();
  }

  private apply(batch: readonly RecordedEvent[], last: number): void {
    this.db.transaction(() => {
      for (const p of this.projections) {
        const from = this.checkpoints.get(p.name)!.position ?? -Infinity;
        const types = this.types.get(p)!;
        if (this.tracing.enabled)
          this.tracing.inSpan(`projection ${p.name}`, { 'latchkey.projection': p.name }, () => this.applyTo(p, types, batch, from));
        else this.applyTo(p, types, batch, from);
        if (last > from) this.saveCheckpoint(p, last);
      }
    })();
  }

  private applyTo(projection: Projection, types: ReadonlySet<string>, batch: readonly RecordedEvent[], from: number): void {
    // The one place a recorded event becomes the projection's own type: its type is one it declared.
    for (const event of batch) if (event.position > from && types.has(event.type)) projection.apply(event as never, this.db);
  }

  private fail(error: unknown, message: string): Error {
    this._failure ??= error instanceof Error ? error : new Error(String(error));
    this.logger.error(message, error);
    for (const w of this.waiters.splice(0)) w.reject(this._failure);
    return this._failure;
  }

  private saveCheckpoint(projection: Projection, position: number | null): void {
    this.saveCheckpointStatement.run(projection.name, projection.version, position);
    this.checkpoints.set(projection.name, { version: projection.version, position });
  }
}

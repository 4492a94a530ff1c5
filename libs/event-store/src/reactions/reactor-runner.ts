import type { Statement } from 'better-sqlite3';
import type { EventStore, RecordedEvent, Subscription } from '../port/event-store.port';
import { subscribeResubscribing } from '../port/resubscribing-subscription';
import type { ReadModelDb } from '../projections/projection';
import type { ProjectionRunnerLogger } from '../projections/projection-runner';
import type { Reactor } from './reactor';

const RETRY_DELAY_MS = 1000;
/** Events no reactor handles still advance the checkpoint, but only every so often. */
const CHECKPOINT_EVERY = 500;

interface Waiter {
  position: number;
  resolve: () => void;
}

/**
 * Runs every registered reactor from one checkpointed subscription. A reactor that fails is
 * retried (the store may be briefly unavailable) until it succeeds or the runner stops; events are
 * never skipped.
 */
export class ReactorRunner {
  private readonly reactors: { reactor: Reactor; types: ReadonlySet<string> }[] = [];
  private subscription: Subscription | null = null;
  private stopping = false;
  private waiters: Waiter[] = [];
  private _position: number | null = null;
  private sinceCheckpoint = 0;
  private readonly saveStatement: Statement;

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDb,
    private readonly logger: ProjectionRunnerLogger = { log: () => undefined, error: () => undefined },
  ) {
    db.exec('CREATE TABLE IF NOT EXISTS reactor_checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER)');
    this.saveStatement = db.prepare(
      'INSERT INTO reactor_checkpoint (id, position) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET position = excluded.position',
    );
  }

  register(...reactors: Reactor[]): void {
    if (this.subscription) throw new Error('Reactors must be registered before the runner starts');
    for (const reactor of reactors) {
      if (this.reactors.some((r) => r.reactor.name === reactor.name)) throw new Error(`Reactor ${reactor.name} is registered twice`);
      this.reactors.push({ reactor, types: new Set(reactor.eventTypes) });
    }
  }

  get position(): number | null {
    return this._position;
  }

  /**
   * Starts from the checkpoint. On a store with no checkpoint yet (first start), reactions start
   * at the current head: history was already reacted to by whoever wrote it.
   */
  async start(): Promise<void> {
    const row = this.db.prepare('SELECT position FROM reactor_checkpoint WHERE id = 1').get() as { position: number | null } | undefined;
    const head = await this.store.headPosition();
    // A checkpoint past the head means the event log was replaced: start at its head.
    this._position = row && (row.position ?? 0) <= (head ?? 0) ? row.position : head;
    if (!row) this.saveStatement.run(this._position);
    this.subscription = subscribeResubscribing(this.store, {
      position: () => this._position,
      onEvent: (event) => this.handle(event),
      onCaughtUp: () => this.checkpoint(),
      onDropped: (error, delayMs) => {
        this.logger.error(`Reactor subscription dropped; resubscribing in ${delayMs} ms`, error);
        return !this.stopping;
      },
    });
  }

  /** Resolves once every reactor has handled the event at `position`. */
  waitFor(position: number | null): Promise<void> {
    if (position === null || (this._position !== null && this._position >= position) || this.reactors.length === 0) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.subscription?.close();
    this.subscription = null;
    this.checkpoint();
  }

  private async handle(event: RecordedEvent): Promise<void> {
    let handled = false;
    for (const { reactor, types } of this.reactors) {
      // The one place a recorded event becomes the reactor's own type: its type is one it declared.
      const typed = event as never;
      if (!types.has(event.type) || (reactor.handles && !reactor.handles(typed))) continue;
      handled = true;
      while (!this.stopping) {
        try {
          await reactor.react(typed);
          break;
        } catch (error) {
          this.logger.error(`Reactor ${reactor.name} failed at position ${event.position}; retrying`, error);
          await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
        }
      }
      if (this.stopping) return;
    }
    this._position = event.position;
    if (handled || ++this.sinceCheckpoint >= CHECKPOINT_EVERY) this.checkpoint();
    const ready = this.waiters.filter((w) => w.position <= event.position);
    this.waiters = this.waiters.filter((w) => w.position > event.position);
    for (const w of ready) w.resolve();
  }

  private checkpoint(): void {
    this.sinceCheckpoint = 0;
    if (this.db.open) this.saveStatement.run(this._position);
  }
}

import type { EventStore, RecordedEvent, Subscription } from '../port/event-store.port';
import { removeDatabaseFiles } from '../adapters/sqlite/private-database-file';
import type { Projection, ReadModelDb } from './projection';
import { openReadModelDb, setBulkWrites } from './read-model-db';

/** Events applied per transaction of a rebuild; the event loop runs between two slices. */
export const REBUILD_SLICE = 500;

/**
 * A new version of one projection built from zero beside the serving one: a fresh instance
 * (`Projection.fork()`) applies the whole log to its own SQLite file, a slice at a time, yielding
 * to the event loop between slices so requests keep being answered. After each slice it tells
 * `onSlice` the position it reached and whether it has caught up with the store; the runner swaps
 * it in once it has reached the serving projections' position. The file is throwaway (a crash
 * starts the rebuild over), so it is written with `synchronous=OFF`.
 */
export class ShadowRebuild {
  readonly db: ReadModelDb;
  private subscription: Subscription | null = null;
  private buffer: RecordedEvent[] = [];
  private _position: number | null = null;
  private caughtUp = false;
  private stopped = false;
  private readonly types: ReadonlySet<string>;

  constructor(
    private readonly store: EventStore,
    readonly projection: Projection,
    readonly path: string,
    private readonly onSlice: (rebuild: ShadowRebuild) => void,
    private readonly onError: (error: Error) => void,
  ) {
    removeDatabaseFiles(path);
    this.db = openReadModelDb(path);
    this.db.pragma('synchronous = OFF');
    setBulkWrites(this.db, true);
    this.types = new Set(projection.eventTypes);
    projection.setup(this.db);
  }

  get position(): number | null {
    return this._position;
  }

  get hasCaughtUp(): boolean {
    return this.caughtUp;
  }

  start(): void {
    this.subscription = this.store.subscribeToAll({
      after: null,
      onEvent: (event) => {
        if (this.stopped) return;
        this.buffer.push(event);
        if (this.buffer.length < REBUILD_SLICE) return;
        this.flush();
        return new Promise<void>((resolve) => setImmediate(resolve));
      },
      onCaughtUp: () => {
        this.caughtUp = true;
        this.flush();
      },
      onError: (error) => this.onError(error),
    });
  }

  /** Stops applying, closes and removes the file (after a swap, or when the runner stops). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    this.subscription = null;
    if (this.db.open) this.db.close();
    removeDatabaseFiles(this.path);
  }

  private flush(): void {
    if (this.stopped) return;
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length > 0) {
      try {
        this.db.transaction(() => {
          for (const event of batch) if (this.types.has(event.type)) this.projection.apply(event as never, this.db);
          this.projection.endBatch?.(this.db);
        })();
      } catch (error) {
        this.stopped = true;
        this.onError(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      this._position = batch[batch.length - 1].position;
    }
    this.onSlice(this);
  }
}

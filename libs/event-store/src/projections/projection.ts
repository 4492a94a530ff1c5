import type { Database } from 'better-sqlite3';
import type { RecordedEvent } from '../port/event-store.port';

export type ReadModelDb = Database;

/**
 * A read model built from the global log. `apply` runs inside the runner's transaction, together
 * with the checkpoint update, so a crash never applies an event twice to the stored rows. It must
 * also be idempotent for state held only in memory, which `load` rebuilds from the stored rows.
 */
export interface Projection {
  /** Stable name, used for the checkpoint. */
  readonly name: string;
  /** Bump when the stored shape or the apply logic changes: the projection is rebuilt from zero. */
  readonly version: number;
  /** Creates the projection's tables when missing. */
  setup(db: ReadModelDb): void;
  /** Removes every row of the projection (before a rebuild). */
  reset(db: ReadModelDb): void;
  /** Rebuilds in-memory state from the stored rows, after setup and before the first event. */
  load?(db: ReadModelDb): void;
  apply(event: RecordedEvent, db: ReadModelDb): void;
}

import { SetMetadata } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import type { DomainEvent } from '../decider/decider';
import type { RecordedEvent } from '../port/event-store.port';

export type ReadModelDb = Database;

/** A recorded event of one of the types of `E`, with its data typed (distributes over a union). */
export type Recorded<E extends DomainEvent> = E extends DomainEvent ? RecordedEvent<E['type'], E['data']> : never;

/**
 * A read model built from the global log. `apply` runs inside the runner's transaction, together
 * with the checkpoint update, so a crash never applies an event twice to the stored rows. It must
 * also be idempotent for state held only in memory, which `load` rebuilds from the stored rows.
 * The runner hands `apply` only events whose type is in `eventTypes`, typed as `E`.
 */
export interface Projection<E extends DomainEvent = DomainEvent> {
  /** Stable name, used for the checkpoint. */
  readonly name: string;
  /** Bump when the stored shape or the apply logic changes: the projection is rebuilt from zero. */
  readonly version: number;
  /** The event types `apply` receives. */
  readonly eventTypes: readonly E['type'][];
  /** Creates the projection's tables when missing. */
  setup(db: ReadModelDb): void;
  /** Removes every row of the projection (before a rebuild). */
  reset(db: ReadModelDb): void;
  /** Rebuilds in-memory state from the stored rows, after setup and before the first event. */
  load?(db: ReadModelDb): void;
  apply(event: Recorded<E>, db: ReadModelDb): void;
  /**
   * After the events of a batch (while building from zero, of a slice), in the same transaction: for
   * a projection that keeps what its events changed in memory and writes each changed row once a
   * batch instead of once an event.
   */
  endBatch?(db: ReadModelDb): void;
  /**
   * Building a new read-model file from zero (every projection from the first event, behind the
   * marker that makes an interrupted build start over): `beginBuild` before the first event,
   * `endBuild` once caught up, in a transaction of its own and before the deferred indexes are
   * created. In between, a projection whose table is keyed all over (by credential id) may keep
   * its rows in memory and write each once, in key order, in `endBuild`, instead of rewriting
   * pages all over the file at every commit. Read-your-writes waiters wait for `endBuild`. Never
   * called for a projection resuming from a checkpoint or built beside a serving version.
   */
  beginBuild?(): void;
  endBuild?(db: ReadModelDb): void;
  /**
   * Secondary indexes that only queries use, never `apply`. While the projection is built from zero
   * they are dropped, and `setup` creates them again once it has caught up (before `/ready`): one
   * sort of a full table instead of an index insertion per event.
   */
  readonly deferredIndexes?: readonly string[];
  /**
   * A new instance with empty state and the same code. With it, a version change builds the new
   * version beside the serving one (no downtime, see `ProjectionRunner`). Only for a projection
   * whose `apply` reads nothing but its own tables.
   */
  fork?(): Projection<E>;
}

export const PROJECTION_METADATA = 'latchkey:projection';

/** Marks a provider as a projection: the event-store module finds it and feeds it from the log. */
export const Projection = (): ClassDecorator => SetMetadata(PROJECTION_METADATA, true);

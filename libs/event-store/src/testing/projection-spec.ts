import { randomUUID } from 'node:crypto';
import type { EventMetadata, RecordedEvent } from '../port/event-store.port';
import type { DomainEvent } from '../decider/decider';
import type { Projection, ReadModelDb } from '../projections/projection';
import { openReadModelDb } from '../projections/read-model-db';

export interface GivenEvent {
  streamName: string;
  type: string;
  data: Record<string, unknown>;
  metadata?: EventMetadata;
  createdAt?: string;
}

/** Turns plain events into recorded ones with consecutive positions and per-stream revisions. */
export function recorded(events: readonly GivenEvent[], startPosition = 1): RecordedEvent[] {
  const revisions = new Map<string, number>();
  return events.map((e, i) => {
    const revision = (revisions.get(e.streamName) ?? -1) + 1;
    revisions.set(e.streamName, revision);
    return {
      id: randomUUID(),
      streamName: e.streamName,
      type: e.type,
      data: e.data,
      metadata: e.metadata ?? {},
      revision,
      position: startPosition + i,
      createdAt: e.createdAt ?? new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    };
  });
}

/** Applies recorded events to a projection as the runner does a batch: only those of the types it declares, then `endBatch`. */
export function applyEvents<E extends DomainEvent>(projection: Projection<E>, events: readonly RecordedEvent[], db: ReadModelDb): void {
  const types = new Set<string>(projection.eventTypes);
  for (const event of events) if (types.has(event.type)) projection.apply(event as never, db);
  projection.endBatch?.(db);
}

/**
 * Given/then for projections, on a fresh in-memory read-model database:
 *   const db = projectionSpec(memberList).given([...events]);
 *   expect(db.prepare('SELECT ...').all()).toEqual([...rows]);
 */
export function projectionSpec<E extends DomainEvent>(projection: Projection<E>) {
  return {
    given(events: readonly GivenEvent[]): ReadModelDb {
      const db = openReadModelDb(':memory:');
      projection.setup(db);
      projection.load?.(db);
      db.transaction(() => applyEvents(projection, recorded(events), db))();
      return db;
    },
  };
}

/** A call of a prepared statement: its SQL and the values it was run with. */
export interface StatementCall {
  sql: string;
  values: unknown[];
}

/**
 * Records the `run`, `get` and `all` calls of the statements `db` prepares whose SQL `matches`,
 * until `restore()` puts `db.prepare` back: what a projection writes, and when.
 */
export function recordStatementCalls(db: ReadModelDb, matches: (sql: string) => boolean): { calls: StatementCall[]; restore(): void } {
  const prepare = db.prepare;
  const calls: StatementCall[] = [];
  const recorded = new Set<PropertyKey>(['run', 'get', 'all']);
  db.prepare = ((sql: string) => {
    const statement = prepare.call(db, sql);
    if (!matches(sql)) return statement;
    return new Proxy(statement, {
      get(target, key) {
        const value: unknown = Reflect.get(target, key, target);
        if (typeof value !== 'function') return value;
        return (...values: unknown[]) => {
          if (recorded.has(key)) calls.push({ sql, values });
          return (value as (...args: unknown[]) => unknown).apply(target, values);
        };
      },
    });
  }) as ReadModelDb['prepare'];
  return { calls, restore: () => void (db.prepare = prepare) };
}

/** A fresh in-memory database with the projection set up and each event applied in a batch of its own, as the runner would. */
export function appliedEventByEvent<E extends DomainEvent>(projection: Projection<E>, events: readonly RecordedEvent[]): ReadModelDb {
  const db = openReadModelDb(':memory:');
  projection.setup(db);
  projection.load?.(db);
  for (const event of events) db.transaction(() => applyEvents(projection, [event], db))();
  return db;
}

/**
 * A fresh in-memory database with the projection built as the runner builds a new file from zero:
 * `beginBuild`, the events in batches of `slice` (each ended by `endBatch`), then `endBuild`.
 * `beforeEndBuild` looks at the database once every batch is applied.
 */
export function builtFromZero<E extends DomainEvent>(
  projection: Projection<E>,
  events: readonly RecordedEvent[],
  { slice = 2, beforeEndBuild = () => undefined }: { slice?: number; beforeEndBuild?: (db: ReadModelDb) => void } = {},
): ReadModelDb {
  const db = openReadModelDb(':memory:');
  projection.setup(db);
  projection.beginBuild?.();
  for (let i = 0; i < events.length; i += slice) db.transaction(() => applyEvents(projection, events.slice(i, i + slice), db))();
  beforeEndBuild(db);
  db.transaction(() => projection.endBuild?.(db))();
  return db;
}

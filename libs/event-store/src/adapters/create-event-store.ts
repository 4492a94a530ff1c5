import { join } from 'node:path';
import type { EventStore } from '../port/event-store.port';
import { MemoryEventStore } from './memory/memory-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export type EventStoreKind = 'sqlite' | 'eventstoredb' | 'memory';

export interface EventStoreOptions {
  kind: EventStoreKind;
  /** Directory of the embedded store and of the read models. */
  dataDir: string;
  /** Required for `eventstoredb`, e.g. `esdb://localhost:2113?tls=false`. */
  connectionString?: string;
  /** How often the scheduler looks for due items (default 5000 ms). */
  schedulerIntervalMs?: number;
}

export function createEventStore(options: EventStoreOptions): EventStore {
  switch (options.kind) {
    case 'memory':
      return new MemoryEventStore();
    case 'sqlite':
      return new SqliteEventStore(join(options.dataDir, 'events.sqlite'));
    case 'eventstoredb':
      if (!options.connectionString) throw new Error('EVENTSTORE_CONNECTION_STRING is required for the eventstoredb store');
      return openEventStoreDb(options.connectionString);
  }
}

/**
 * The EventStoreDB adapter, loaded only when it is chosen: its gRPC client adds about 6 MB to the
 * heap of a server that does not use it, which every major garbage collection marks again.
 */
export function openEventStoreDb(connectionString: string): EventStore {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EventStoreDbEventStore } = require('./eventstoredb/eventstoredb-event-store') as typeof import('./eventstoredb/eventstoredb-event-store');
  return new EventStoreDbEventStore(connectionString);
}

/** Where the read models live: beside the embedded store, or in memory with the memory store. */
export function readModelPath(options: EventStoreOptions): string {
  return options.kind === 'memory' ? ':memory:' : join(options.dataDir, 'read-models.sqlite');
}

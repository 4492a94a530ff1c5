import { join } from 'node:path';
import type { EventStore } from '../port/event-store.port';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
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
      return new EventStoreDbEventStore(options.connectionString);
  }
}

/** Where the read models live: beside the embedded store, or in memory with the memory store. */
export function readModelPath(options: EventStoreOptions): string {
  return options.kind === 'memory' ? ':memory:' : join(options.dataDir, 'read-models.sqlite');
}

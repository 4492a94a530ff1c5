import type { Position, RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import type { EventData, EventMetadata, RecordedEvent } from '../../port/event-store.port';

/*
 * Global positions are the events' commit positions as JS numbers (exact up to 2^53 bytes of log).
 * Since 20.x the server writes every event of an append as its own committed record, so an event's
 * commit and prepare positions are equal and `{ commit: p, prepare: p }` is the exact place to
 * resume from. Reading `$all` forwards from there includes the event at `p` and subscribing
 * starts after it; the adapter skips events at exactly `after` either way.
 */

export function toEsdbPosition(position: number): Position {
  return { commit: BigInt(position), prepare: BigInt(position) };
}

/** System events: `$`-prefixed types (`$metadata`, `$>`, `$statsCollected`...) or streams. */
export function isSystemEvent(event: Pick<EsdbRecordedEvent, 'type' | 'streamId'>): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$');
}

/**
 * Maps a recorded event. `commitPosition` comes with `$all` reads; stream reads carry the position
 * on the record itself, which servers only fill in from 22.6.
 */
export function fromEsdbEvent(event: EsdbRecordedEvent, commitPosition?: bigint): RecordedEvent {
  const raw = commitPosition ?? event.position?.commit;
  const position = raw === undefined ? NaN : Number(raw);
  if (!Number.isSafeInteger(position)) {
    throw new Error(`EventStoreDB did not report the $all position of ${event.streamId}@${event.revision} (needs server 22.6 or later)`);
  }
  if (!event.isJson || !isPlainObject(event.data)) {
    throw new Error(`Event ${event.id} in ${event.streamId} is not a JSON object`);
  }
  return {
    id: event.id,
    streamName: event.streamId,
    type: event.type,
    revision: Number(event.revision),
    position,
    data: event.data as EventData,
    metadata: isPlainObject(event.metadata) ? (event.metadata as EventMetadata) : {},
    createdAt: event.created.toISOString(),
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

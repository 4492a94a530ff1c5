import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';

/** An event as the double stores it: the fields EventStoreDB keeps for each record. */
export interface StoredEvent {
  streamName: string;
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
  /** 0-based revision in its stream. */
  revision: number;
  /** Commit position, equal to the prepare position (one event per log record). */
  position: number;
  /** 100 ns ticks since the Unix epoch, which is how the server reports `created`. */
  created: bigint;
}

export type ProposedEvent = Pick<StoredEvent, 'id' | 'type' | 'contentType' | 'data' | 'customMetadata'>;

export type ExpectedState = { kind: 'any' } | { kind: 'no_stream' } | { kind: 'stream_exists' } | { kind: 'revision'; revision: number };

export type AppendOutcome = { ok: true; revision: number; position: number } | { ok: false; currentRevision: number | null };

const FIRST_POSITION = 1024;
const RECORD_OVERHEAD = 64;
const TICKS_PER_MS = 10_000n;

/**
 * What the EventStoreDB double remembers. It outlives a server instance, so a test can stop the
 * double and start another one on the same data.
 */
export class EsdbDoubleStorage {
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private nextPosition = FIRST_POSITION;
  /** Emits `append` after every successful write. */
  readonly changes = new EventEmitter().setMaxListeners(0);

  /**
   * Appends like the server: a retry of ids already stored where the write would have started is
   * answered with the original result and stores nothing.
   */
  append(streamName: string, expected: ExpectedState, events: readonly ProposedEvent[]): AppendOutcome {
    const stream = this.streams.get(streamName) ?? [];
    const retried = this.findRetry(stream, expected, events);
    if (retried) return { ok: true, revision: retried.revision, position: retried.position };

    const current = stream.length === 0 ? null : stream.length - 1;
    const satisfied =
      expected.kind === 'any' ||
      (expected.kind === 'no_stream' && current === null) ||
      (expected.kind === 'stream_exists' && current !== null) ||
      (expected.kind === 'revision' && expected.revision === current);
    if (!satisfied) return { ok: false, currentRevision: current };
    if (events.length === 0) return { ok: true, revision: current ?? -1, position: this.lastPosition() };

    const created = BigInt(Date.now()) * TICKS_PER_MS;
    for (const event of events) {
      const stored: StoredEvent = { ...event, streamName, revision: stream.length, position: this.nextPosition, created };
      this.nextPosition += RECORD_OVERHEAD + event.data.length + event.customMetadata.length;
      stream.push(stored);
      this.log.push(stored);
    }
    this.streams.set(streamName, stream);
    this.changes.emit('append');
    const last = stream[stream.length - 1];
    return { ok: true, revision: last.revision, position: last.position };
  }

  /** Writes JSON events without any check, e.g. system events (`$`-prefixed streams or types). */
  appendJson(streamName: string, events: ReadonlyArray<{ type: string; data?: unknown; metadata?: unknown }>): StoredEvent[] {
    const json = (value: unknown) => (value === undefined ? new Uint8Array() : Buffer.from(JSON.stringify(value), 'utf8'));
    const outcome = this.append(
      streamName,
      { kind: 'any' },
      events.map((e) => ({
        id: randomUUID(),
        type: e.type,
        contentType: 'application/json',
        data: json(e.data ?? {}),
        customMetadata: json(e.metadata),
      })),
    );
    if (!outcome.ok) throw new Error('unreachable: expected state any');
    return this.streams.get(streamName)!.slice(-events.length);
  }

  stream(streamName: string): readonly StoredEvent[] | undefined {
    return this.streams.get(streamName);
  }

  /** Every event in position order. */
  all(): readonly StoredEvent[] {
    return this.log;
  }

  /** Index in `all()` of the first event at or after `position`. */
  indexAtOrAfter(position: number): number {
    let low = 0;
    let high = this.log.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.log[mid].position < position) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private lastPosition(): number {
    return this.log.length === 0 ? 0 : this.log[this.log.length - 1].position;
  }

  private findRetry(stream: readonly StoredEvent[], expected: ExpectedState, events: readonly ProposedEvent[]): StoredEvent | null {
    if (events.length === 0) return null;
    const start =
      expected.kind === 'revision' ? expected.revision + 1 : expected.kind === 'no_stream' ? 0 : stream.findIndex((e) => e.id === events[0].id);
    if (start < 0 || start + events.length > stream.length) return null;
    const same = events.every((event, i) => stream[start + i].id === event.id);
    return same ? stream[start + events.length - 1] : null;
  }
}

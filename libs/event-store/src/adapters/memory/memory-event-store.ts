import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { EventStoreClosedError, InvalidEventStoreArgumentError } from '../../errors/event-store.errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
} from '../../port/event-store.port';
import { assertExpectedRevision, validateAppendArguments, validateStreamName } from '../../port/expected-revision';
import { findIdempotentRetry } from '../../port/idempotency';
import { runCatchUpSubscription } from '../../port/catch-up-subscription';

/** An event store held in process memory, for unit tests and throwaway runs. */
export class MemoryEventStore implements EventStore {
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly appended = new EventEmitter().setMaxListeners(0);
  private closed = false;

  async appendToStream(streamName: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    const expected = options.expectedRevision ?? 'any';
    validateAppendArguments(streamName, expected, events.length);
    const stream = this.streams.get(streamName) ?? [];
    const ids = events.map((e) => e.id ?? randomUUID());

    const firstIndex = stream.findIndex((e) => e.id === ids[0]);
    const retried = findIdempotentRetry(ids, firstIndex < 0 ? undefined : firstIndex, (from, count) =>
      stream.slice(from, from + count).map((e) => e.id),
    );
    if (retried !== null) return { nextRevision: retried, position: stream[retried].position };
    if (ids.some((id) => stream.some((e) => e.id === id)) || new Set(ids).size !== ids.length) {
      throw new InvalidEventStoreArgumentError(`Stream ${streamName}: event ids must be unique`);
    }

    assertExpectedRevision(streamName, expected, stream.length === 0 ? 'no_stream' : stream.length - 1);
    const createdAt = new Date().toISOString();
    const recorded = events.map<RecordedEvent>((event, i) => ({
      id: ids[i],
      streamName,
      type: event.type,
      revision: stream.length + i,
      position: this.log.length + i + 1,
      data: structuredClone(event.data),
      metadata: structuredClone(event.metadata ?? {}),
      createdAt,
    }));
    stream.push(...recorded);
    this.streams.set(streamName, stream);
    this.log.push(...recorded);
    this.appended.emit('append');
    const last = recorded[recorded.length - 1];
    return { nextRevision: last.revision, position: last.position };
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    validateStreamName(streamName);
    const from = options.fromRevision ?? 0;
    const stream = this.streams.get(streamName) ?? [];
    return stream.slice(from, options.maxCount === undefined ? undefined : from + options.maxCount).map(copy);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    // Positions are dense here (1-based index + 1), so "after p" starts at index p.
    const from = Math.max(0, options.after ?? 0);
    return this.log.slice(from, options.maxCount === undefined ? undefined : from + options.maxCount).map(copy);
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    return runCatchUpSubscription(this, this.appended, options);
  }

  async headPosition(): Promise<number | null> {
    this.assertOpen();
    return this.log.length === 0 ? null : this.log.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.appended.emit('close');
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }
}

function copy(event: RecordedEvent): RecordedEvent {
  return { ...event, data: structuredClone(event.data), metadata: structuredClone(event.metadata) };
}

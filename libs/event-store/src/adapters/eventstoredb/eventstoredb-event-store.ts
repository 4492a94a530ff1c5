import { randomUUID } from 'node:crypto';
import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type ReadPosition,
} from '@eventstore/db-client';
import { EventStoreClosedError, InvalidEventStoreArgumentError } from '../../errors/event-store.errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
} from '../../port/event-store.port';
import { validateAppendArguments, validateStreamName } from '../../port/expected-revision';
import { toAppendError, toStoreError } from './esdb-errors';
import { fromEsdbEvent, isSystemEvent, toEsdbPosition } from './esdb-events';
import { runEsdbSubscription } from './esdb-subscription';

const PAGE_SIZE = 500;
const HEAD_PAGE_SIZE = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The event store on EventStoreDB (gRPC client). Positions are commit positions (see
 * `esdb-events.ts`); system events are hidden from `$all` reads and subscriptions. Idempotent
 * retries are the server's own: it answers a re-append of the same event ids with the first result.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  /** Takes a connection string (e.g. `esdb://localhost:2113?tls=false`) or a client to own. */
  constructor(connection: string | EventStoreDBClient) {
    this.client = typeof connection === 'string' ? EventStoreDBClient.connectionString(connection) : connection;
  }

  async appendToStream(streamName: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    const expected = options.expectedRevision ?? 'any';
    validateAppendArguments(streamName, expected, events.length);
    const proposed = events.map((event) =>
      jsonEvent({ id: event.id ?? randomUUID(), type: event.type, data: event.data, metadata: event.metadata ?? {} }),
    );
    const ids = proposed.map((e) => e.id);
    if (ids.some((id) => !UUID.test(id))) throw new InvalidEventStoreArgumentError('EventStoreDB event ids must be UUIDs');
    if (new Set(ids).size !== ids.length) throw new InvalidEventStoreArgumentError(`Stream ${streamName}: event ids must be unique`);

    try {
      const result = await this.client.appendToStream(streamName, proposed, { expectedRevision: toEsdbExpected(expected) });
      const nextRevision = Number(result.nextExpectedRevision);
      const position = result.position ? Number(result.position.commit) : await this.positionOf(streamName, nextRevision);
      return { nextRevision, position };
    } catch (error) {
      throw toAppendError(error, streamName, expected);
    }
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    validateStreamName(streamName);
    const fromRevision = options.fromRevision ?? 0;
    assertCount('fromRevision', fromRevision);
    if (options.maxCount !== undefined) assertCount('maxCount', options.maxCount);
    if (options.maxCount === 0) return [];
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamName, { fromRevision: BigInt(fromRevision), maxCount: options.maxCount, direction: FORWARDS });
      for await (const resolved of read) {
        if (resolved.event) events.push(fromEsdbEvent(resolved.event));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw toStoreError(error);
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const maxCount = options.maxCount ?? Infinity;
    if (options.maxCount !== undefined) assertCount('maxCount', options.maxCount);
    const events: RecordedEvent[] = [];
    let after = options.after ?? null;
    // Pages overlap by one event: reading forwards from a position includes the event there.
    const pageSize = Math.min(PAGE_SIZE, maxCount + 1);
    while (events.length < maxCount) {
      const page = await this.readAllPage(after === null ? START : toEsdbPosition(after), FORWARDS, pageSize);
      for (const resolved of page) {
        const position = Number(resolved.commitPosition ?? resolved.event?.position.commit);
        if (after !== null && position <= after) continue;
        after = position;
        if (resolved.event && !isSystemEvent(resolved.event)) events.push(fromEsdbEvent(resolved.event, BigInt(position)));
        if (events.length === maxCount) break;
      }
      if (page.length < pageSize) break;
    }
    return events;
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    this.assertOpen();
    const after = options.after ?? null;
    const clientSubscription = this.client.subscribeToAll({
      fromPosition: after === null ? START : toEsdbPosition(after),
      filter: excludeSystemEvents(),
    });
    const subscription = runEsdbSubscription(clientSubscription, options, () => this.subscriptions.delete(subscription));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number | null> {
    this.assertOpen();
    let before: ReadPosition = END;
    for (;;) {
      const page = await this.readAllPage(before, BACKWARDS, HEAD_PAGE_SIZE);
      const user = page.find((resolved) => resolved.event && !isSystemEvent(resolved.event));
      if (user) return Number(user.commitPosition ?? user.event!.position.commit);
      const last = page[page.length - 1]?.event;
      if (page.length < HEAD_PAGE_SIZE || !last) return null;
      before = last.position;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  private async readAllPage(from: ReadPosition, direction: typeof FORWARDS | typeof BACKWARDS, maxCount: number) {
    const page: AllStreamResolvedEvent[] = [];
    try {
      for await (const resolved of this.client.readAll({ fromPosition: from, direction, maxCount })) page.push(resolved);
    } catch (error) {
      throw toStoreError(error);
    }
    return page;
  }

  /** For servers that answer an append without its position. */
  private async positionOf(streamName: string, revision: number): Promise<number> {
    const [event] = await this.readStream(streamName, { fromRevision: revision, maxCount: 1 });
    if (!event) throw new Error(`Stream ${streamName}: revision ${revision} not found after appending it`);
    return event.position;
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }
}

function toEsdbExpected(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

function assertCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InvalidEventStoreArgumentError(`${name} must be a non-negative integer, got ${value}`);
  }
}

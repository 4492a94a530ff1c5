import type { Actor } from '@latchkey/building-blocks';

/**
 * The event-store port. Every adapter (memory, sqlite, eventstoredb) passes the same contract suite
 * (`testing/event-store.contract.ts`).
 *
 * Semantics:
 * - stream revisions are 0-based; a stream's first event has revision 0;
 * - global positions are strictly increasing across the whole store, but not dense;
 * - an append is atomic per stream and acknowledged only once it is durable;
 * - re-appending events whose ids are already stored consecutively in the stream, in the same order,
 *   is an idempotent retry: it stores nothing and answers as the original append did;
 * - subscriptions catch up from a checkpoint and then deliver live events, in position order,
 *   at least once, with no gaps.
 */

export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export const ANY: ExpectedRevision = 'any';
export const NO_STREAM: ExpectedRevision = 'no_stream';
export const STREAM_EXISTS: ExpectedRevision = 'stream_exists';

export interface EventMetadata {
  correlationId?: string;
  causationId?: string;
  actor?: Actor | null;
  /** The client address of the request that caused the event, when a client asked for it. */
  address?: string;
  [key: string]: unknown;
}

export type EventData = Record<string, unknown>;

/** An event as a caller hands it to `appendToStream`. `id` defaults to a random UUID. */
export interface NewEvent<Type extends string = string, Data extends EventData = EventData> {
  id?: string;
  type: Type;
  data: Data;
  metadata?: EventMetadata;
}

export interface RecordedEvent<Type extends string = string, Data extends EventData = EventData> {
  id: string;
  streamName: string;
  type: Type;
  revision: number;
  /** Global position in the store: strictly increasing, not dense. */
  position: number;
  data: Data;
  metadata: EventMetadata;
  /** ISO-8601 time the store recorded the event. */
  createdAt: string;
}

export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  nextRevision: number;
  /** Global position of the last appended event. */
  position: number;
}

export interface ReadStreamOptions {
  /** First revision to read (inclusive). Default 0. */
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Read events strictly after this position. Omit to read from the start. */
  after?: number | null;
  maxCount?: number;
}

export interface SubscribeToAllOptions {
  /** Deliver events strictly after this position (a checkpoint). Omit or null for the start. */
  after?: number | null;
  /**
   * Called for each event in position order. The next event is not delivered before the returned
   * promise settles. If it throws, the subscription stops and `onError` is called.
   */
  onEvent: (event: RecordedEvent) => void | Promise<void>;
  /** Called each time the subscription has delivered everything stored so far. */
  onCaughtUp?: () => void;
  /** Called once when the subscription stops because of an error (store or handler). */
  onError?: (error: Error) => void;
}

export interface Subscription {
  /** Stops delivery; resolves once no further `onEvent` call will start. */
  close(): Promise<void>;
}

export interface EventStore {
  appendToStream(streamName: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  /** Events of one stream in revision order; an empty array when the stream does not exist. */
  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Events of the whole store in position order (system events excluded). */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options: SubscribeToAllOptions): Subscription;
  /** Position of the last event in the store, or null when it is empty. */
  headPosition(): Promise<number | null>;
  close(): Promise<void>;
}

/** Nest injection token for the configured adapter. */
export const EVENT_STORE = Symbol('EVENT_STORE');

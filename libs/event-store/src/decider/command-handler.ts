import { DomainError } from '@latchkey/building-blocks';
import { WrongExpectedRevisionError } from '../errors/event-store.errors';
import type { EventMetadata, EventStore } from '../port/event-store.port';
import { type Decider, type DomainEvent, fold } from './decider';

export interface HandleCommandOptions {
  metadata?: EventMetadata;
  /**
   * The revision the caller last saw (HTTP If-Match). When given, a stream at another revision
   * fails with a `precondition` error instead of being retried.
   */
  expectedRevision?: number;
  /** Conflicting concurrent writers: how many times to re-read and decide again (default 10). */
  maxRetries?: number;
}

export interface CommandResult<State, Event> {
  state: State;
  /** Events this command appended (empty when the decider decided nothing). */
  events: Event[];
  /** Revision of the stream after the command, or null when the stream does not exist. */
  revision: number | null;
  /** Global position of the last appended event, or null when nothing was appended. */
  position: number | null;
}

/** read stream → fold → decide → append with the expected revision; retry on conflict. */
export async function handleCommand<State, Command, Event extends DomainEvent>(
  store: EventStore,
  decider: Decider<State, Command, Event>,
  streamName: string,
  command: Command,
  options: HandleCommandOptions = {},
): Promise<CommandResult<State, Event>> {
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  for (let attempt = 0; ; attempt++) {
    const recorded = await store.readStream(streamName);
    const revision = recorded.length === 0 ? null : recorded[recorded.length - 1].revision;
    if (options.expectedRevision !== undefined && options.expectedRevision !== revision) {
      throw staleRevision(options.expectedRevision, revision);
    }
    const state = fold(decider, recorded as unknown as Event[]);
    const events = decider.decide(command, state);
    if (events.length === 0) return { state, events, revision, position: null };
    try {
      const result = await store.appendToStream(
        streamName,
        events.map((e) => ({ type: e.type, data: e.data, metadata: options.metadata })),
        { expectedRevision: revision === null ? 'no_stream' : revision },
      );
      const newState = events.reduce((s, e) => decider.evolve(s, e), state);
      return { state: newState, events, revision: result.nextRevision, position: result.position };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (options.expectedRevision !== undefined) {
        throw staleRevision(options.expectedRevision, error.actual === 'no_stream' ? null : error.actual);
      }
      if (attempt >= maxRetries) {
        throw new DomainError('conflict', 'CONCURRENT_MODIFICATION', 'The resource was changed concurrently; try again');
      }
      await backOff(attempt);
    }
  }
}

const DEFAULT_MAX_RETRIES = 10;
const MAX_BACKOFF_MS = 50;

/**
 * A burst of writers on one stream would otherwise retry in lockstep and conflict again; a random
 * wait, growing with each attempt, spreads them out.
 */
function backOff(attempt: number): Promise<void> {
  const ceiling = Math.min(MAX_BACKOFF_MS, 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}

function staleRevision(expected: number, actual: number | null): DomainError {
  return new DomainError(
    'precondition',
    'REVISION_MISMATCH',
    `The resource is at revision ${actual ?? 'none'}, not ${expected}; reload it and try again`,
  );
}

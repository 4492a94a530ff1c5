import { DomainError } from '@latchkey/building-blocks';
import type { ExpectedRevision } from '../port/event-store.port';

/** The stream was not at the revision the writer expected. */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    /** The stream's current revision, or 'no_stream' when it does not exist. */
    readonly actual: number | 'no_stream',
  ) {
    super(`Stream ${streamName}: expected revision ${String(expected)}, actual ${String(actual)}`);
  }
}

/**
 * The store cannot be reached or refused to work; nothing was acknowledged. The message (for the
 * log) may name hosts; the client is told only to retry.
 */
export class EventStoreUnavailableError extends DomainError {
  override readonly name = 'EventStoreUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('unavailable', 'STORE_UNAVAILABLE', message, {
      publicDetail: 'The event store is unavailable; nothing was changed. Try again shortly.',
      retryAfterSeconds: 5,
    });
    if (options && 'cause' in options) this.cause = options.cause;
  }
}

/** The store is closed; no further reads or writes. */
export class EventStoreClosedError extends Error {
  override readonly name = 'EventStoreClosedError';
  constructor() {
    super('The event store is closed');
  }
}

/** Arguments the port rejects before touching storage (bad stream name, bad revision, ...). */
export class InvalidEventStoreArgumentError extends Error {
  override readonly name = 'InvalidEventStoreArgumentError';
}

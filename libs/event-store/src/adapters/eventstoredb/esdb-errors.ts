import { status } from '@grpc/grpc-js';
import {
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../../errors/event-store.errors';
import type { ExpectedRevision } from '../../port/event-store.port';

const UNAVAILABLE_CODES = new Set<number>([status.UNAVAILABLE, status.DEADLINE_EXCEEDED, status.CANCELLED, status.ABORTED]);

/**
 * Translates client errors into the port's. Some failures reach us as raw gRPC errors rather than
 * the client's typed ones (e.g. the server-features probe that precedes the first append), so
 * status codes are checked too.
 */
export function toStoreError(error: unknown): unknown {
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof CancelledError ||
    error instanceof TimeoutError ||
    error instanceof NotLeaderError ||
    isGrpcStatus(error, UNAVAILABLE_CODES)
  ) {
    const message = error instanceof Error ? error.message : String(error);
    return new EventStoreUnavailableError(`EventStoreDB is unavailable: ${message}`, { cause: error });
  }
  return error;
}

export function toAppendError(error: unknown, streamName: string, expected: ExpectedRevision): unknown {
  if (error instanceof WrongExpectedVersionError) {
    const actual = error.actualVersion;
    return new WrongExpectedRevisionError(streamName, expected, typeof actual === 'bigint' ? Number(actual) : 'no_stream');
  }
  return toStoreError(error);
}

function isGrpcStatus(error: unknown, codes: Set<number>): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number' && codes.has(error.code);
}

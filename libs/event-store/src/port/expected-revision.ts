import { InvalidEventStoreArgumentError, WrongExpectedRevisionError } from '../errors/event-store.errors';
import type { ExpectedRevision } from './event-store.port';

/** Current state of a stream as adapters see it: its last revision, or 'no_stream'. */
export type StreamRevision = number | 'no_stream';

/** Throws WrongExpectedRevisionError unless `actual` satisfies `expected`. */
export function assertExpectedRevision(streamName: string, expected: ExpectedRevision, actual: StreamRevision): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && actual === 'no_stream') ||
    (expected === 'stream_exists' && actual !== 'no_stream') ||
    (typeof expected === 'number' && expected === actual);
  if (!ok) throw new WrongExpectedRevisionError(streamName, expected, actual);
}

const STREAM_NAME = /^[^\s\p{Cc}]{1,512}$/u;

export function validateAppendArguments(streamName: string, expected: ExpectedRevision, eventCount: number): void {
  validateStreamName(streamName);
  if (typeof expected === 'number' && (!Number.isSafeInteger(expected) || expected < 0)) {
    throw new InvalidEventStoreArgumentError(`Expected revision must be a non-negative integer, got ${expected}`);
  }
  if (eventCount === 0) throw new InvalidEventStoreArgumentError('An append needs at least one event');
}

export function validateStreamName(streamName: string): void {
  if (typeof streamName !== 'string' || !STREAM_NAME.test(streamName) || streamName.startsWith('$')) {
    throw new InvalidEventStoreArgumentError(`Invalid stream name: ${JSON.stringify(String(streamName).slice(0, 80))}`);
  }
}

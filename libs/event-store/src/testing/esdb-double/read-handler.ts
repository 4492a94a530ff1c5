import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import type { ServerWritableStream } from '@grpc/grpc-js';
import { ReadReq, type ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { caughtUpResponse, checkpointResponse, confirmationResponse, eventResponse, streamNameOf, streamNotFoundResponse } from './messages';
import type { EsdbDoubleStorage, StoredEvent } from './storage';

type ReadCall = ServerWritableStream<ReadReq, ReadResp>;
type EventFilter = (event: StoredEvent) => boolean;

const FORWARDS = ReadReq.Options.ReadDirection.FORWARDS;
const BATCH = 256;

/**
 * `Streams.Read`: bounded reads of a stream or `$all` in either direction, and catch-up
 * subscriptions (confirmation, history, checkpoint, caught-up, then live events).
 * `lifecycle` emits `stop` when the double shuts down.
 */
export function createReadHandler(storage: EsdbDoubleStorage, lifecycle: EventEmitter) {
  return async (call: ReadCall): Promise<void> => {
    call.on('error', () => undefined);
    const options = call.request.getOptions();
    if (!options) return void call.end();
    const filter = options.hasFilter() ? compileFilter(options.getFilter()!) : null;
    const subscribing = options.hasSubscription();
    const count = subscribing ? Infinity : Number(options.getCount() || '0');
    const forwards = options.getReadDirection() === FORWARDS;

    if (options.hasStream()) {
      const streamOptions = options.getStream()!;
      const name = streamNameOf(streamOptions.getStreamIdentifier());
      if (subscribing) {
        // Subscriptions start strictly after the given revision, like the server's.
        const stored = storage.stream(name)?.length ?? 0;
        let next = streamOptions.hasRevision() ? Number(streamOptions.getRevision()) + 1 : streamOptions.hasEnd() ? stored : 0;
        return subscribe(call, storage, lifecycle, filter, false, () => {
          const batch = (storage.stream(name) ?? []).slice(next, next + BATCH);
          next += batch.length;
          return batch;
        });
      }
      const stream = storage.stream(name);
      if (!stream) {
        await write(call, streamNotFoundResponse(name));
        return void call.end();
      }
      const revision = streamOptions.hasRevision() ? Number(streamOptions.getRevision()) : null;
      const selected = forwards
        ? stream.slice(streamOptions.hasEnd() ? stream.length : (revision ?? 0))
        : stream.slice(0, streamOptions.hasStart() ? 1 : revision === null ? stream.length : revision + 1).reverse();
      return finishRead(call, selected, filter, count, false);
    }

    const all = options.getAll();
    if (!all) return void call.end();
    const position = all.hasPosition() ? Number(all.getPosition()!.getCommitPosition()) : null;
    if (subscribing) {
      // A subscription from a position starts strictly after it, like the server.
      let next = all.hasEnd() ? storage.all().length : position === null ? 0 : storage.indexAtOrAfter(position + 1);
      return subscribe(call, storage, lifecycle, filter, true, () => {
        const batch = storage.all().slice(next, next + BATCH);
        next += batch.length;
        return batch;
      });
    }
    const log = storage.all();
    // Reads are inclusive of `position` going forwards, exclusive going backwards.
    const selected = forwards
      ? log.slice(all.hasEnd() ? log.length : position === null ? 0 : storage.indexAtOrAfter(position))
      : log.slice(0, all.hasStart() ? 0 : position === null ? log.length : storage.indexAtOrAfter(position)).reverse();
    return finishRead(call, selected, filter, count, true);
  };
}

async function finishRead(call: ReadCall, events: readonly StoredEvent[], filter: EventFilter | null, count: number, fromAll: boolean) {
  let sent = 0;
  for (const event of events) {
    if (sent >= count || call.cancelled) break;
    if (filter && !filter(event)) continue;
    await write(call, eventResponse(event, fromAll));
    sent++;
  }
  call.end();
}

async function subscribe(
  call: ReadCall,
  storage: EsdbDoubleStorage,
  lifecycle: EventEmitter,
  filter: EventFilter | null,
  fromAll: boolean,
  nextBatch: () => readonly StoredEvent[],
): Promise<void> {
  let stopped = false;
  let wake: (() => void) | null = null;
  const onChange = () => wake?.();
  const onStop = () => {
    stopped = true;
    wake?.();
  };
  storage.changes.on('append', onChange);
  lifecycle.on('stop', onStop);
  call.on('cancelled', onStop);
  try {
    await write(call, confirmationResponse(randomUUID()));
    let caughtUp = false;
    let lastPosition: number | null = null;
    while (!stopped && !call.cancelled) {
      const batch = nextBatch();
      for (const event of batch) {
        if (stopped || call.cancelled) return;
        lastPosition = event.position;
        if (!filter || filter(event)) await write(call, eventResponse(event, fromAll));
      }
      if (batch.length > 0) continue;
      if (!caughtUp) {
        caughtUp = true;
        if (filter && fromAll && lastPosition !== null) await write(call, checkpointResponse(lastPosition));
        await write(call, caughtUpResponse());
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  } finally {
    storage.changes.off('append', onChange);
    lifecycle.off('stop', onStop);
    call.off('cancelled', onStop);
  }
}

/** Writes with backpressure: waits for `drain` when the transport buffer is full. */
function write(call: ReadCall, message: ReadResp): Promise<void> {
  if (call.cancelled || call.write(message)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      call.off('drain', done);
      call.off('cancelled', done);
      resolve();
    };
    call.on('drain', done);
    call.on('cancelled', done);
  });
}

function compileFilter(options: ReadReq.Options.FilterOptions): EventFilter {
  const onStream = options.hasStreamIdentifier();
  const expression = onStream ? options.getStreamIdentifier()! : options.getEventType()!;
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : null;
  const prefixes = expression.getPrefixList();
  return (event) => {
    const value = onStream ? event.streamName : event.type;
    return (!regex || regex.test(value)) && (prefixes.length === 0 || prefixes.some((p) => value.startsWith(p)));
  };
}

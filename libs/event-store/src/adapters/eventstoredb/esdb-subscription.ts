import type { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../../errors/event-store.errors';
import type { SubscribeToAllOptions, Subscription } from '../../port/event-store.port';
import { fromEsdbEvent, isSystemEvent } from './esdb-events';
import { toStoreError } from './esdb-errors';

/**
 * Drives a client `$all` subscription one event at a time: the next event is only read once the
 * handler's promise settles, so backpressure reaches the server through gRPC flow control.
 *
 * The client announces "caught up" when it decodes the server's caught-up message, which can be
 * while earlier events still wait in its buffer. We therefore note how many events precede the
 * signal and call `onCaughtUp` only once that many have been handled.
 */
export function runEsdbSubscription(subscription: AllStreamSubscription, options: SubscribeToAllOptions, onStopped: () => void): Subscription {
  let closed = false;
  let taken = 0;
  let handled = 0;
  let lastPosition = options.after ?? -1;
  const caughtUpAfter: number[] = [];
  let failure: unknown = null;
  let ended = false;
  let wake: (() => void) | null = null;
  const wakeUp = () => wake?.();

  subscription.on('caughtUp', () => {
    caughtUpAfter.push(taken + subscription.readableLength);
    wakeUp();
  });
  subscription.on('readable', wakeUp);
  subscription.on('end', () => {
    ended = true;
    wakeUp();
  });
  subscription.on('error', (error) => {
    failure ??= error;
    wakeUp();
  });

  const reportCaughtUp = () => {
    while (caughtUpAfter.length > 0 && caughtUpAfter[0] <= handled) {
      caughtUpAfter.shift();
      if (!closed) options.onCaughtUp?.();
    }
  };

  const deliver = async (resolved: AllStreamResolvedEvent) => {
    const event = resolved.event;
    if (!event || isSystemEvent(event)) return;
    const recorded = fromEsdbEvent(event, resolved.commitPosition ?? event.position.commit);
    if (recorded.position <= lastPosition) return;
    await options.onEvent(recorded);
    lastPosition = recorded.position;
  };

  const done = (async () => {
    try {
      while (!closed) {
        reportCaughtUp();
        // Reading and counting happen in one synchronous step so `caughtUp` bookkeeping stays exact.
        const next: AllStreamResolvedEvent | null = subscription.read();
        if (next === null) {
          if (failure !== null) throw toStoreError(failure);
          if (ended) throw new EventStoreUnavailableError('EventStoreDB ended the subscription');
          await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
          continue;
        }
        taken++;
        await deliver(next);
        handled++;
      }
    } catch (error) {
      // Handler errors go out as thrown; store errors were translated before being thrown.
      if (closed) return;
      closed = true;
      options.onError?.(error instanceof Error ? error : new Error(String(error)));
      await stop();
    }
  })();

  async function stop() {
    await subscription.unsubscribe();
    subscription.destroy();
    onStopped();
  }

  return {
    async close() {
      if (closed) return done;
      closed = true;
      wakeUp();
      await stop();
      await done;
    },
  };
}

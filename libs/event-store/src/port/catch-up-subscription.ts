import type { EventEmitter } from 'node:events';
import type { EventStore, SubscribeToAllOptions, Subscription } from './event-store.port';

const BATCH_SIZE = 1000;

/**
 * Catch-up-then-live subscription for stores that live in this process: reads `$all` in batches
 * from the checkpoint and, once caught up, sleeps until the store emits `append` (no polling).
 * The store emits `close` when it shuts down.
 */
export function runCatchUpSubscription(store: Pick<EventStore, 'readAll'>, notifier: EventEmitter, options: SubscribeToAllOptions): Subscription {
  let closed = false;
  let appendedSinceRead = false;
  let wake: (() => void) | null = null;
  const onAppend = () => {
    appendedSinceRead = true;
    wake?.();
  };
  const onClose = () => {
    closed = true;
    wake?.();
  };
  notifier.on('append', onAppend);
  notifier.on('close', onClose);

  const done = (async () => {
    let after = options.after ?? null;
    try {
      while (!closed) {
        appendedSinceRead = false;
        const batch = await store.readAll({ after, maxCount: BATCH_SIZE });
        for (const event of batch) {
          if (closed) return;
          await options.onEvent(event);
          after = event.position;
        }
        if (batch.length === BATCH_SIZE || closed) continue;
        options.onCaughtUp?.();
        if (!appendedSinceRead && !closed) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
        }
      }
    } catch (error) {
      if (!closed) options.onError?.(error instanceof Error ? error : new Error(String(error)));
    } finally {
      notifier.off('append', onAppend);
      notifier.off('close', onClose);
    }
  })();

  return {
    async close() {
      closed = true;
      wake?.();
      await done;
    },
  };
}

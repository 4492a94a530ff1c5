import type { EventStore, RecordedEvent, Subscription } from './event-store.port';

const MIN_RETRY_DELAY_MS = 250;
const MAX_RETRY_DELAY_MS = 5000;

export interface ResubscribingOptions {
  /** Where to resume: the position of the last event fully handled. */
  position(): number | null;
  onEvent(event: RecordedEvent): void | Promise<void>;
  onCaughtUp(): void;
  /**
   * Called when the subscription drops. Answer false to stop for good (the failure was the
   * handler's, not the store's); otherwise it resubscribes after `delayMs`.
   */
  onDropped(error: Error, delayMs: number): boolean;
}

/**
 * A subscription to `$all` that survives the store going away (unreachable, restarted):
 * it resubscribes from the caller's position with exponential backoff.
 */
export function subscribeResubscribing(store: EventStore, options: ResubscribingOptions): Subscription {
  let current: Subscription | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  let delayMs = MIN_RETRY_DELAY_MS;

  const subscribe = () => {
    current = store.subscribeToAll({
      after: options.position(),
      onEvent: options.onEvent,
      onCaughtUp: () => {
        delayMs = MIN_RETRY_DELAY_MS;
        options.onCaughtUp();
      },
      onError: (error) => {
        current = null;
        if (closed || !options.onDropped(error, delayMs)) return;
        timer = setTimeout(() => {
          timer = null;
          if (!closed) subscribe();
        }, delayMs);
        delayMs = Math.min(delayMs * 2, MAX_RETRY_DELAY_MS);
      },
    });
  };
  subscribe();

  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await current?.close();
    },
  };
}

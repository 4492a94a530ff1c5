import { MemoryEventStore } from '../adapters/memory/memory-event-store';
import { EventStoreUnavailableError } from '../errors/event-store.errors';
import type { EventStore, SubscribeToAllOptions } from './event-store.port';
import { subscribeResubscribing } from './resubscribing-subscription';
import { eventually } from '../testing/eventually';

/** A store whose first subscription drops after delivering `dropAfter` events. */
function flakyStore(inner: MemoryEventStore, dropAfter: number): EventStore & { subscriptions: number } {
  const store = Object.create(inner) as EventStore & { subscriptions: number };
  store.subscriptions = 0;
  store.subscribeToAll = (options: SubscribeToAllOptions) => {
    const attempt = ++store.subscriptions;
    let delivered = 0;
    let dropped = false;
    const sub = inner.subscribeToAll({
      ...options,
      onEvent: async (e) => {
        if (dropped) return;
        if (attempt === 1 && delivered === dropAfter) {
          dropped = true;
          setImmediate(() => void sub.close().then(() => options.onError?.(new EventStoreUnavailableError('connection lost'))));
          return;
        }
        delivered++;
        await options.onEvent(e);
      },
    });
    return sub;
  };
  return store;
}

describe('subscribeResubscribing', () => {
  it('resumes from the caller position after the store drops the subscription, without gaps', async () => {
    const inner = new MemoryEventStore();
    for (let i = 0; i < 10; i++) await inner.appendToStream(`s-${i}`, [{ type: 'E', data: { i } }]);
    const store = flakyStore(inner, 4);
    const seen: number[] = [];
    let position: number | null = null;
    const drops: number[] = [];
    const sub = subscribeResubscribing(store, {
      position: () => position,
      onEvent: (e) => {
        seen.push(e.data.i as number);
        position = e.position;
      },
      onCaughtUp: () => undefined,
      onDropped: (_error, delayMs) => {
        drops.push(delayMs);
        return true;
      },
    });
    await eventually(() => expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(store.subscriptions).toBe(2);
    expect(drops).toHaveLength(1);
    await sub.close();
  });

  it('stops for good when the caller says so', async () => {
    const inner = new MemoryEventStore();
    for (let i = 0; i < 3; i++) await inner.appendToStream(`s-${i}`, [{ type: 'E', data: {} }]);
    const store = flakyStore(inner, 1);
    let dropped = 0;
    const sub = subscribeResubscribing(store, {
      position: () => null,
      onEvent: () => undefined,
      onCaughtUp: () => undefined,
      onDropped: () => {
        dropped++;
        return false;
      },
    });
    await eventually(() => expect(dropped).toBe(1));
    await new Promise((r) => setTimeout(r, 400));
    expect(store.subscriptions).toBe(1);
    await sub.close();
  });
});

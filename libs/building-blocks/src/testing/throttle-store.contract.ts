import { randomUUID } from 'node:crypto';
import type { ThrottleStore, ThrottleStores } from '../throttling/throttle-store';

export interface ThrottleStoresSubject {
  stores: ThrottleStores;
  /** Lets `ms` pass for the store: a manual clock advanced, or real time waited for. */
  elapse(ms: number): Promise<void>;
  teardown(): Promise<void>;
}

const MINUTE = 60_000;
/** Real time passes between a write and the read that follows (a busy machine, a network hop). */
const SLACK_MS = 5_000;

/**
 * The semantics every ThrottleStores adapter must honour. Each test uses a throttle name of its
 * own, so the suite also runs against a shared server.
 */
export function describeThrottleStoresContract(name: string, create: () => Promise<ThrottleStoresSubject>): void {
  describe(`ThrottleStores contract: ${name}`, () => {
    let subject: ThrottleStoresSubject;
    let store: ThrottleStore;
    const fresh = () => subject.stores.forThrottle(`contract-${randomUUID()}`, 1000);

    beforeEach(async () => {
      subject = await create();
      store = fresh();
    });
    afterEach(async () => {
      await subject.teardown();
    });

    const expectLifetime = (ttlMs: number, atMost: number) => {
      expect(ttlMs).toBeGreaterThan(atMost - SLACK_MS);
      expect(ttlMs).toBeLessThanOrEqual(atMost);
    };

    it('creates an absent counter at `by` with the given lifetime', async () => {
      const counter = await store.add('alice@example.com', 1, MINUTE);
      expect(counter.value).toBe(1);
      expectLifetime(counter.ttlMs, MINUTE);
    });

    it('adds to a live counter without extending its lifetime, and takes back with a negative `by`', async () => {
      await store.add('k', 1, MINUTE);
      await subject.elapse(200);
      const second = await store.add('k', 1, 10 * MINUTE);
      expect(second.value).toBe(2);
      expectLifetime(second.ttlMs, MINUTE - 200);
      expect((await store.add('k', -1, 10 * MINUTE)).value).toBe(1);
      expect((await store.get('k'))?.value).toBe(1);
    });

    it('reads an absent counter as null', async () => {
      expect(await store.get('nobody')).toBeNull();
    });

    it('replaces a counter on set, value and lifetime', async () => {
      await store.add('k', 3, MINUTE);
      await store.set('k', 7, 10 * MINUTE);
      const counter = await store.get('k');
      expect(counter?.value).toBe(7);
      expectLifetime(counter!.ttlMs, 10 * MINUTE);
    });

    it('deletes several counters at once, absent ones included', async () => {
      await store.add('a', 1, MINUTE);
      await store.set('b', 2, MINUTE);
      await store.delete('a', 'b', 'never-written');
      expect(await store.get('a')).toBeNull();
      expect(await store.get('b')).toBeNull();
      await store.delete();
    });

    it('expires counters after their lifetime; an add then starts afresh', async () => {
      await store.add('k', 5, 300);
      await store.set('lock', 1, 300);
      await subject.elapse(400);
      expect(await store.get('k')).toBeNull();
      expect(await store.get('lock')).toBeNull();
      const counter = await store.add('k', 1, MINUTE);
      expect(counter.value).toBe(1);
      expectLifetime(counter.ttlMs, MINUTE);
    });

    it("keeps each throttle's counters apart", async () => {
      const other = fresh();
      await store.add('same-key', 4, MINUTE);
      expect(await other.get('same-key')).toBeNull();
      expect((await other.add('same-key', 1, MINUTE)).value).toBe(1);
      expect((await store.get('same-key'))?.value).toBe(4);
    });

    it('keeps keys of any text apart, unicode and separators included', async () => {
      const keys = ['a', 'A', 'a:b', 'a\u0000b', 'ünïcödé@exämple.com', ''];
      for (const [i, key] of keys.entries()) await store.set(key, i + 1, MINUTE);
      for (const [i, key] of keys.entries()) expect((await store.get(key))?.value).toBe(i + 1);
    });
  });
}

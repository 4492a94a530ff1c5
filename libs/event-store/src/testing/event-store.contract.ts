import { randomUUID } from 'node:crypto';
import { InvalidEventStoreArgumentError, WrongExpectedRevisionError } from '../errors/event-store.errors';
import type { EventStore, NewEvent, RecordedEvent, Subscription } from '../port/event-store.port';
import { eventually } from './eventually';

export interface ContractSubject {
  store: EventStore;
  teardown(): Promise<void>;
}

const event = (type: string, data: Record<string, unknown> = {}, extra: Partial<NewEvent> = {}): NewEvent => ({
  type,
  data,
  ...extra,
});

/**
 * The semantics every EventStore adapter must honour. Each test uses fresh stream names and only
 * looks at positions after the store's head at its start, so the suite also runs against a shared
 * real server.
 */
export function describeEventStoreContract(name: string, create: () => Promise<ContractSubject>): void {
  describe(`EventStore contract: ${name}`, () => {
    let subject: ContractSubject;
    let store: EventStore;
    const stream = (category = 'test') => `${category}-${randomUUID().replace(/-/g, '')}`;

    beforeEach(async () => {
      subject = await create();
      store = subject.store;
    });
    afterEach(async () => {
      await subject.teardown();
    });

    describe('appending and reading a stream', () => {
      it('starts a stream at revision 0 and reads back type, data, metadata, id and time', async () => {
        const s = stream();
        const id = randomUUID();
        const metadata = { correlationId: 'corr-1', causationId: 'cause-1', actor: { userId: 'u1', email: 'a@example.com' } };
        const result = await store.appendToStream(
          s,
          [event('ThingCreated', { name: 'ünïcödé ✓', n: 1, nested: { list: [1, 'two', null] } }, { id, metadata })],
          {
            expectedRevision: 'no_stream',
          },
        );
        expect(result.nextRevision).toBe(0);
        const [read] = await store.readStream(s);
        expect(read).toMatchObject({
          id,
          streamName: s,
          type: 'ThingCreated',
          revision: 0,
          position: result.position,
          data: { name: 'ünïcödé ✓', n: 1, nested: { list: [1, 'two', null] } },
          metadata,
        });
        expect(new Date(read.createdAt).toISOString()).toBe(read.createdAt);
        expect(Math.abs(Date.parse(read.createdAt) - Date.now())).toBeLessThan(60_000);
      });

      it('reads an unknown stream as empty', async () => {
        expect(await store.readStream(stream())).toEqual([]);
      });

      it('appends several events atomically with consecutive revisions', async () => {
        const s = stream();
        const result = await store.appendToStream(s, [event('A'), event('B'), event('C')]);
        expect(result.nextRevision).toBe(2);
        const read = await store.readStream(s);
        expect(read.map((e) => [e.type, e.revision])).toEqual([
          ['A', 0],
          ['B', 1],
          ['C', 2],
        ]);
        expect(read[2].position).toBe(result.position);
        expect(read[0].position).toBeLessThan(read[1].position);
        expect(read[1].position).toBeLessThan(read[2].position);
      });

      it('reads a stream from a revision with a maximum count', async () => {
        const s = stream();
        await store.appendToStream(
          s,
          ['A', 'B', 'C', 'D'].map((t) => event(t)),
        );
        expect((await store.readStream(s, { fromRevision: 1, maxCount: 2 })).map((e) => e.type)).toEqual(['B', 'C']);
        expect((await store.readStream(s, { fromRevision: 3 })).map((e) => e.type)).toEqual(['D']);
        expect(await store.readStream(s, { fromRevision: 4 })).toEqual([]);
      });

      it('rejects an append without events and invalid stream names', async () => {
        await expect(store.appendToStream(stream(), [])).rejects.toBeInstanceOf(InvalidEventStoreArgumentError);
        await expect(store.appendToStream('', [event('A')])).rejects.toBeInstanceOf(InvalidEventStoreArgumentError);
        await expect(store.appendToStream('$system', [event('A')])).rejects.toBeInstanceOf(InvalidEventStoreArgumentError);
      });
    });

    describe('expected revision', () => {
      it('accepts an exact revision and answers the next one', async () => {
        const s = stream();
        await store.appendToStream(s, [event('A')], { expectedRevision: 'no_stream' });
        const result = await store.appendToStream(s, [event('B')], { expectedRevision: 0 });
        expect(result.nextRevision).toBe(1);
        await store.appendToStream(s, [event('C')], { expectedRevision: 'stream_exists' });
        await store.appendToStream(s, [event('D')], { expectedRevision: 'any' });
        expect((await store.readStream(s)).map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
      });

      it('fails a stale exact revision with a typed error naming stream, expected and actual', async () => {
        const s = stream();
        await store.appendToStream(s, [event('A'), event('B')]);
        const error = await store.appendToStream(s, [event('C')], { expectedRevision: 0 }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamName: s, expected: 0, actual: 1 });
        expect((await store.readStream(s)).map((e) => e.type)).toEqual(['A', 'B']);
      });

      it('fails no_stream on an existing stream', async () => {
        const s = stream();
        await store.appendToStream(s, [event('A')]);
        await expect(store.appendToStream(s, [event('B')], { expectedRevision: 'no_stream' })).rejects.toMatchObject({
          name: 'WrongExpectedRevisionError',
          streamName: s,
          expected: 'no_stream',
          actual: 0,
        });
      });

      it('fails stream_exists and an exact revision on a missing stream', async () => {
        const s = stream();
        await expect(store.appendToStream(s, [event('A')], { expectedRevision: 'stream_exists' })).rejects.toMatchObject({
          name: 'WrongExpectedRevisionError',
          expected: 'stream_exists',
          actual: 'no_stream',
        });
        await expect(store.appendToStream(s, [event('A')], { expectedRevision: 0 })).rejects.toMatchObject({
          name: 'WrongExpectedRevisionError',
          expected: 0,
          actual: 'no_stream',
        });
        expect(await store.readStream(s)).toEqual([]);
      });

      it('lets exactly one of many concurrent writers at the same revision win', async () => {
        const s = stream();
        await store.appendToStream(s, [event('A')]);
        const outcomes = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) => store.appendToStream(s, [event('B', { i })], { expectedRevision: 0 })),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const o of outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')) {
          expect(o.reason).toBeInstanceOf(WrongExpectedRevisionError);
        }
        expect(await store.readStream(s)).toHaveLength(2);
      });
    });

    describe('idempotent retries', () => {
      it('stores a retried append once and answers as the first time', async () => {
        const s = stream();
        const events = [event('A', {}, { id: randomUUID() }), event('B', {}, { id: randomUUID() })];
        const first = await store.appendToStream(s, events, { expectedRevision: 'no_stream' });
        const retry = await store.appendToStream(s, events, { expectedRevision: 'no_stream' });
        expect(retry).toEqual(first);
        const again = await store.appendToStream(s, events, { expectedRevision: 'any' });
        expect(again).toEqual(first);
        expect(await store.readStream(s)).toHaveLength(2);
      });
    });

    describe('the global log', () => {
      it('gives strictly increasing positions across streams and reads them in order', async () => {
        const start = await store.headPosition();
        const a = stream();
        const b = stream();
        const p1 = await store.appendToStream(a, [event('A1')]);
        const p2 = await store.appendToStream(b, [event('B1'), event('B2')]);
        const p3 = await store.appendToStream(a, [event('A2')]);
        expect(p1.position).toBeLessThan(p2.position);
        expect(p2.position).toBeLessThan(p3.position);
        const all = (await store.readAll({ after: start })).filter((e) => e.streamName === a || e.streamName === b);
        expect(all.map((e) => e.type)).toEqual(['A1', 'B1', 'B2', 'A2']);
        const positions = all.map((e) => e.position);
        expect([...positions].sort((x, y) => x - y)).toEqual(positions);
        expect(new Set(positions).size).toBe(positions.length);
        expect(await store.headPosition()).toBeGreaterThanOrEqual(p3.position);
      });

      it('reads after a position with a maximum count', async () => {
        const s = stream();
        await store.appendToStream(
          s,
          ['A', 'B', 'C'].map((t) => event(t)),
        );
        const [a, b, c] = await store.readStream(s);
        const page = await store.readAll({ after: a.position, maxCount: 1 });
        expect(page).toHaveLength(1);
        expect(page[0].position).toBeGreaterThan(a.position);
        expect(page[0].position).toBeLessThanOrEqual(b.position);
        expect((await store.readAll({ after: c.position })).some((e) => e.streamName === s)).toBe(false);
      });
    });

    describe('subscriptions to the global log', () => {
      const open: Subscription[] = [];
      afterEach(async () => {
        await Promise.all(open.splice(0).map((sub) => sub.close()));
      });

      function collect(after: number | null, filterStream: (name: string) => boolean) {
        const received: RecordedEvent[] = [];
        let caughtUp = 0;
        const errors: Error[] = [];
        const sub = store.subscribeToAll({
          after,
          onEvent: (e) => {
            if (filterStream(e.streamName)) received.push(e);
          },
          onCaughtUp: () => caughtUp++,
          onError: (e) => errors.push(e),
        });
        open.push(sub);
        return { received, sub, caughtUp: () => caughtUp, errors };
      }

      it('catches up from a checkpoint, reports caught up, then delivers live events', async () => {
        const s = stream();
        const first = await store.appendToStream(s, [event('Old')]);
        await store.appendToStream(s, [event('Caught1'), event('Caught2')]);
        const sub = collect(first.position, (n) => n === s);
        await eventually(() => expect(sub.received.map((e) => e.type)).toEqual(['Caught1', 'Caught2']));
        await eventually(() => expect(sub.caughtUp()).toBeGreaterThan(0));
        await store.appendToStream(s, [event('Live1')]);
        await store.appendToStream(stream(), [event('Other')]);
        await store.appendToStream(s, [event('Live2')]);
        await eventually(() => expect(sub.received.map((e) => e.type)).toEqual(['Caught1', 'Caught2', 'Live1', 'Live2']));
        expect(sub.received.map((e) => e.revision)).toEqual([1, 2, 3, 4]);
        expect(sub.errors).toEqual([]);
      });

      it('delivers every event exactly in position order, with no gaps, under concurrent writers', async () => {
        const start = await store.headPosition();
        const streams = Array.from({ length: 8 }, () => stream('load'));
        const mine = new Set(streams);
        const sub = collect(start, (n) => mine.has(n));
        await Promise.all(
          streams.map(async (s) => {
            for (let i = 0; i < 15; i++) await store.appendToStream(s, [event('Tick', { i })]);
          }),
        );
        const stored = (await store.readAll({ after: start })).filter((e) => mine.has(e.streamName));
        expect(stored).toHaveLength(120);
        await eventually(() => expect(sub.received).toHaveLength(120), { timeoutMs: 10_000 });
        expect(sub.received.map((e) => e.position)).toEqual(stored.map((e) => e.position));
        expect(sub.received.map((e) => e.id)).toEqual(stored.map((e) => e.id));
      });

      it('waits for each handler before delivering the next event', async () => {
        const s = stream();
        const start = await store.headPosition();
        await store.appendToStream(s, [event('A'), event('B'), event('C')]);
        let active = 0;
        let maxActive = 0;
        const seen: string[] = [];
        open.push(
          store.subscribeToAll({
            after: start,
            onEvent: async (e) => {
              if (e.streamName !== s) return;
              active++;
              maxActive = Math.max(maxActive, active);
              await new Promise((r) => setTimeout(r, 5));
              seen.push(e.type);
              active--;
            },
          }),
        );
        await eventually(() => expect(seen).toEqual(['A', 'B', 'C']));
        expect(maxActive).toBe(1);
      });

      it('stops delivering after close', async () => {
        const s = stream();
        const start = await store.headPosition();
        const sub = collect(start, (n) => n === s);
        await store.appendToStream(s, [event('A')]);
        await eventually(() => expect(sub.received).toHaveLength(1));
        await sub.sub.close();
        await store.appendToStream(s, [event('B')]);
        await new Promise((r) => setTimeout(r, 100));
        expect(sub.received).toHaveLength(1);
      });

      it('stops and reports the error when a handler throws', async () => {
        const s = stream();
        const start = await store.headPosition();
        const errors: Error[] = [];
        const seen: string[] = [];
        open.push(
          store.subscribeToAll({
            after: start,
            onEvent: (e) => {
              if (e.streamName !== s) return;
              seen.push(e.type);
              if (e.type === 'Boom') throw new Error('handler failed');
            },
            onError: (e) => errors.push(e),
          }),
        );
        await store.appendToStream(s, [event('Boom'), event('After')]);
        await eventually(() => expect(errors.map((e) => e.message)).toEqual(['handler failed']));
        await new Promise((r) => setTimeout(r, 50));
        expect(seen).toEqual(['Boom']);
      });
    });
  });
}

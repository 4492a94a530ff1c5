import { randomUUID } from 'node:crypto';
import { EventStoreDBClient } from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../../errors/event-store.errors';
import type { RecordedEvent, Subscription } from '../../port/event-store.port';
import { describeEventStoreContract } from '../../testing/event-store.contract';
import { startEsdbDouble, type EsdbDouble } from '../../testing/esdb-double';
import { eventually } from '../../testing/eventually';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

for (const batchAppend of [true, false]) {
  const flavour = batchAppend ? 'BatchAppend advertised' : 'Append only';
  let double: EsdbDouble;

  describeEventStoreContract(`eventstoredb adapter on the in-process double (${flavour})`, async () => {
    double = await startEsdbDouble({ batchAppend });
    const store = new EventStoreDbEventStore(double.connectionString);
    return {
      store,
      teardown: async () => {
        await store.close();
        await double.stop();
      },
    };
  });

  describe(`eventstoredb adapter: append path (${flavour})`, () => {
    it(`appends through ${batchAppend ? 'Streams.BatchAppend' : 'Streams.Append'}`, async () => {
      double = await startEsdbDouble({ batchAppend });
      const store = new EventStoreDbEventStore(double.connectionString);
      try {
        await store.appendToStream(`path-${randomUUID()}`, [{ type: 'A', data: {} }]);
        await store.appendToStream(`path-${randomUUID()}`, [{ type: 'B', data: {} }]);
        expect(double.calls.batchAppend).toBe(batchAppend ? 2 : 0);
        expect(double.calls.append).toBe(batchAppend ? 0 : 2);
      } finally {
        await store.close();
        await double.stop();
      }
    });
  });
}

const realServer = process.env.EVENTSTORE_CONNECTION_STRING;
if (realServer) {
  describeEventStoreContract('eventstoredb adapter on a real server', async () => {
    const store = new EventStoreDbEventStore(realServer);
    return { store, teardown: () => store.close() };
  });
} else {
  console.info('Skipping the EventStoreDB contract against a real server: EVENTSTORE_CONNECTION_STRING is not set.');
  describe.skip('EventStore contract: eventstoredb adapter on a real server (set EVENTSTORE_CONNECTION_STRING to run)', () => {
    it('runs the contract against EVENTSTORE_CONNECTION_STRING', () => undefined);
  });
}

describe('eventstoredb adapter specifics (in-process double)', () => {
  let double: EsdbDouble;
  let store: EventStoreDbEventStore;
  const open: Subscription[] = [];

  beforeEach(async () => {
    double = await startEsdbDouble();
    store = new EventStoreDbEventStore(double.connectionString);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    await store.close();
    await double.stop();
  });

  it('hides system events and system streams from readAll, headPosition and subscriptions', async () => {
    const stream = `user-${randomUUID()}`;
    const received: RecordedEvent[] = [];
    let caughtUp = 0;
    open.push(store.subscribeToAll({ onEvent: (e) => void received.push(e), onCaughtUp: () => caughtUp++ }));
    await eventually(() => expect(caughtUp).toBe(1));

    await store.appendToStream(stream, [{ type: 'Visible', data: { n: 1 } }]);
    double.storage.appendJson('$stats-127.0.0.1:2113', [{ type: '$statsCollected' }]);
    double.storage.appendJson(`$$${stream}`, [{ type: '$metadata', data: { $maxCount: 10 } }]);
    double.storage.appendJson('$projections-$all', [{ type: 'ProjectionUpdated' }]);
    double.storage.appendJson(stream, [{ type: '$>', data: {} }]);
    const last = await store.appendToStream(stream, [{ type: 'AlsoVisible', data: { n: 2 } }]);
    double.storage.appendJson('$system-tail', [{ type: '$statsCollected' }]);

    expect((await store.readAll()).map((e) => e.type)).toEqual(['Visible', 'AlsoVisible']);
    expect(await store.headPosition()).toBe(last.position);
    await eventually(() => expect(received.map((e) => e.type)).toEqual(['Visible', 'AlsoVisible']));
    expect(double.storage.all()).toHaveLength(7);
  });

  it('reports caught up only after the handler has processed every buffered historical event', async () => {
    const stream = `history-${randomUUID()}`;
    for (let i = 0; i < 6; i++) {
      await store.appendToStream(
        stream,
        Array.from({ length: 50 }, (_, n) => ({ type: 'Old', data: { n } })),
      );
    }
    let handled = 0;
    const handledWhenCaughtUp: number[] = [];
    open.push(
      store.subscribeToAll({
        onEvent: async () => {
          await new Promise((r) => setImmediate(r));
          handled++;
        },
        onCaughtUp: () => handledWhenCaughtUp.push(handled),
      }),
    );
    await eventually(() => expect(handledWhenCaughtUp).toEqual([300]));
  });

  it('reads the created time of the recorded event', async () => {
    const stream = `time-${randomUUID()}`;
    await store.appendToStream(stream, [{ type: 'A', data: {} }]);
    const [stored] = double.storage.stream(stream)!;
    const [read] = await store.readStream(stream);
    expect(read.createdAt).toBe(new Date(Number(stored.created / 10_000n)).toISOString());
  });

  it('close() closes open subscriptions and disposes the client', async () => {
    const client = EventStoreDBClient.connectionString(double.connectionString);
    const dispose = jest.spyOn(client, 'dispose');
    const own = new EventStoreDbEventStore(client);
    const received: RecordedEvent[] = [];
    own.subscribeToAll({ onEvent: (e) => void received.push(e) });
    await own.appendToStream(`close-${randomUUID()}`, [{ type: 'A', data: {} }]);
    await eventually(() => expect(received).toHaveLength(1));

    await own.close();
    expect(dispose).toHaveBeenCalledTimes(1);
    await store.appendToStream(`close-${randomUUID()}`, [{ type: 'B', data: {} }]);
    await new Promise((r) => setTimeout(r, 50));
    expect(received).toHaveLength(1);
    await expect(own.readAll()).rejects.toMatchObject({ name: 'EventStoreClosedError' });
  });

  it('fails fast with EventStoreUnavailableError while the server is down, and recovers when it is back', async () => {
    const stream = `down-${randomUUID()}`;
    const flaky = new EventStoreDbEventStore(`${double.connectionString}&defaultDeadline=2000`);
    try {
      await flaky.appendToStream(stream, [{ type: 'Before', data: {} }]);
      await double.stop();

      const started = Date.now();
      await expect(flaky.appendToStream(stream, [{ type: 'Lost', data: {} }])).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(flaky.readStream(stream)).rejects.toBeInstanceOf(EventStoreUnavailableError);
      expect(Date.now() - started).toBeLessThan(5_000);

      await double.start();
      await eventually(() => flaky.appendToStream(stream, [{ type: 'After', data: {} }], { expectedRevision: 0 }), {
        timeoutMs: 5_000,
        intervalMs: 100,
      });
      expect((await flaky.readStream(stream)).map((e) => e.type)).toEqual(['Before', 'After']);
    } finally {
      await flaky.close();
    }
  });

  it('reports a dropped subscription once, as EventStoreUnavailableError', async () => {
    const errors: Error[] = [];
    open.push(store.subscribeToAll({ onEvent: () => undefined, onError: (e) => errors.push(e) }));
    await store.appendToStream(`drop-${randomUUID()}`, [{ type: 'A', data: {} }]);
    await double.stop();
    await eventually(() => expect(errors).toHaveLength(1));
    expect(errors[0]).toBeInstanceOf(EventStoreUnavailableError);
    await new Promise((r) => setTimeout(r, 50));
    expect(errors).toHaveLength(1);
  });
});

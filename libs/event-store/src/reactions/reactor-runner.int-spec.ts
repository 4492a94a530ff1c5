import { MemoryEventStore } from '../adapters/memory/memory-event-store';
import type { RecordedEvent } from '../port/event-store.port';
import { openReadModelDb } from '../projections/read-model-db';
import { IntegrationEventBus } from './integration-event-bus';
import type { Reactor } from './reactor';
import { ReactorRunner } from './reactor-runner';

const quiet = { log: () => undefined, error: () => undefined };

function recordingReactor(seen: string[], failTimes = 0): Reactor {
  let failures = 0;
  return {
    name: 'recording',
    eventTypes: ['Removed'],
    async react(e: RecordedEvent) {
      if (failures < failTimes) {
        failures++;
        throw new Error('store briefly unavailable');
      }
      seen.push(e.streamName);
    },
  };
}

describe('ReactorRunner', () => {
  it('reacts to new events only, in order, and waitFor resolves after the reaction', async () => {
    const store = new MemoryEventStore();
    await store.appendToStream('org-old', [{ type: 'Removed', data: {} }]);
    const db = openReadModelDb(':memory:');
    const seen: string[] = [];
    const runner = new ReactorRunner(store, db, quiet);
    runner.register(recordingReactor(seen));
    await runner.start();
    const a = await store.appendToStream('org-a', [{ type: 'Removed', data: {} }]);
    await store.appendToStream('org-b', [{ type: 'Ignored', data: {} }]);
    const c = await store.appendToStream('org-c', [{ type: 'Removed', data: {} }]);
    await runner.waitFor(c.position);
    expect(seen).toEqual(['org-a', 'org-c']);
    expect(runner.position).toBeGreaterThanOrEqual(c.position);
    expect(a.position).toBeLessThan(c.position);
    await runner.stop();
  });

  it('resumes after its checkpoint on restart, reacting to what it missed exactly once', async () => {
    const store = new MemoryEventStore();
    const db = openReadModelDb(':memory:');
    const seen: string[] = [];
    let runner = new ReactorRunner(store, db, quiet);
    runner.register(recordingReactor(seen));
    await runner.start();
    const first = await store.appendToStream('org-a', [{ type: 'Removed', data: {} }]);
    await runner.waitFor(first.position);
    await runner.stop();

    await store.appendToStream('org-b', [{ type: 'Removed', data: {} }]);
    runner = new ReactorRunner(store, db, quiet);
    runner.register(recordingReactor(seen));
    await runner.start();
    const last = await store.appendToStream('org-c', [{ type: 'Removed', data: {} }]);
    await runner.waitFor(last.position);
    expect(seen).toEqual(['org-a', 'org-b', 'org-c']);
    await runner.stop();
  });

  it('retries a failing reaction instead of skipping the event', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    try {
      const store = new MemoryEventStore();
      const db = openReadModelDb(':memory:');
      const seen: string[] = [];
      const runner = new ReactorRunner(store, db, quiet);
      runner.register(recordingReactor(seen, 2));
      await runner.start();
      const { position } = await store.appendToStream('org-a', [{ type: 'Removed', data: {} }]);
      const done = runner.waitFor(position);
      await jest.advanceTimersByTimeAsync(2500);
      await done;
      expect(seen).toEqual(['org-a']);
      await runner.stop();
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('IntegrationEventBus', () => {
  it('awaits every handler and fails when one fails, so the publisher retries', async () => {
    const bus = new IntegrationEventBus();
    const calls: string[] = [];
    bus.subscribe('x.Happened', async () => {
      await new Promise((r) => setTimeout(r, 5));
      calls.push('first');
    });
    bus.subscribe('x.Happened', async () => {
      calls.push('second');
      throw new Error('nope');
    });
    await expect(bus.publish({ type: 'x.Happened' })).rejects.toThrow('nope');
    expect(calls).toEqual(['first', 'second']);
    await expect(bus.publish({ type: 'other' })).resolves.toBeUndefined();
  });
});

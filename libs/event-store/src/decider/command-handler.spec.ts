import { DomainError } from '@latchkey/building-blocks';
import { MemoryEventStore } from '../adapters/memory/memory-event-store';
import { WrongExpectedRevisionError } from '../errors/event-store.errors';
import type { EventStore } from '../port/event-store.port';
import type { Decider } from './decider';
import { handleCommand } from './command-handler';

type CounterEvent = { type: 'Incremented'; data: { by: number } };
type CounterCommand = { type: 'Increment'; by: number; max?: number };
const counter: Decider<{ total: number }, CounterCommand, CounterEvent> = {
  initialState: () => ({ total: 0 }),
  evolve: (state, event) => ({ total: state.total + event.data.by }),
  decide: (command, state) => {
    if (command.max !== undefined && state.total + command.by > command.max) {
      throw new DomainError('conflict', 'OVER_MAX', 'too much');
    }
    return command.by === 0 ? [] : [{ type: 'Incremented', data: { by: command.by } }];
  },
};

describe('handleCommand', () => {
  let store: MemoryEventStore;
  beforeEach(() => (store = new MemoryEventStore()));

  it('appends the decided events with their metadata and answers the new state', async () => {
    const metadata = { correlationId: 'c1', actor: { userId: 'u1' } };
    const first = await handleCommand(store, counter, 'counter-1', { type: 'Increment', by: 2 }, { metadata });
    expect(first).toMatchObject({ state: { total: 2 }, revision: 0 });
    const second = await handleCommand(store, counter, 'counter-1', { type: 'Increment', by: 3 });
    expect(second).toMatchObject({ state: { total: 5 }, revision: 1 });
    const [stored] = await store.readStream('counter-1');
    expect(stored.metadata).toEqual(metadata);
  });

  it('appends nothing when the decider decides nothing', async () => {
    const result = await handleCommand(store, counter, 'counter-1', { type: 'Increment', by: 0 });
    expect(result).toMatchObject({ events: [], revision: null, position: null });
    expect(await store.readStream('counter-1')).toEqual([]);
  });

  it('propagates domain errors without appending', async () => {
    await expect(handleCommand(store, counter, 'counter-1', { type: 'Increment', by: 5, max: 3 })).rejects.toMatchObject({ code: 'OVER_MAX' });
    expect(await store.readStream('counter-1')).toEqual([]);
  });

  it('fails with a precondition error when the caller saw another revision', async () => {
    await handleCommand(store, counter, 'counter-1', { type: 'Increment', by: 1 });
    await handleCommand(store, counter, 'counter-1', { type: 'Increment', by: 1 });
    await expect(handleCommand(store, counter, 'counter-1', { type: 'Increment', by: 1 }, { expectedRevision: 0 })).rejects.toMatchObject({
      kind: 'precondition',
      code: 'REVISION_MISMATCH',
    });
    const ok = await handleCommand(store, counter, 'counter-1', { type: 'Increment', by: 1 }, { expectedRevision: 1 });
    expect(ok.revision).toBe(2);
  });

  it('re-reads and decides again when a concurrent writer got there first, so no update is lost', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => handleCommand(store, counter, 'counter-1', { type: 'Increment', by: 1 }, { maxRetries: 50 })),
    );
    expect(results).toHaveLength(20);
    expect((await store.readStream('counter-1')).length).toBe(20);
  });

  it('decides on fresh state after a conflict, so invariants hold under concurrency', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, () => handleCommand(store, counter, 'counter-1', { type: 'Increment', by: 1, max: 3 }, { maxRetries: 50 })),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    expect((await store.readStream('counter-1')).length).toBe(3);
  });

  it('gives up with a conflict error after the retries run out', async () => {
    const conflicting: EventStore = Object.assign(Object.create(store) as EventStore, {
      appendToStream: async () => {
        throw new WrongExpectedRevisionError('counter-1', 'no_stream', 0);
      },
    });
    await expect(handleCommand(conflicting, counter, 'counter-1', { type: 'Increment', by: 1 }, { maxRetries: 2 })).rejects.toMatchObject({
      kind: 'conflict',
      code: 'CONCURRENT_MODIFICATION',
    });
  });
});

describe('handleCommand under a burst of writers on one stream', () => {
  it('lets every one of 20 concurrent writers through with the default retries', async () => {
    const store = new MemoryEventStore();
    const slowStore: EventStore = Object.assign(Object.create(store) as EventStore, {
      // A store that takes a moment per append, as a real one does, makes writers collide.
      appendToStream: async (...args: Parameters<EventStore['appendToStream']>) => {
        await new Promise((r) => setTimeout(r, 1));
        return store.appendToStream(...args);
      },
    });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () => handleCommand(slowStore, counter, 'counter-burst', { type: 'Increment', by: 1 })),
    );
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    expect(await store.readStream('counter-burst')).toHaveLength(20);
  });
});

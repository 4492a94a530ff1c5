import { ManualClock } from '@latchkey/building-blocks/testing';
import { MemoryEventStore } from '@latchkey/event-store';
import { LoginFailureRecorder } from './login-failure-recorder';

const context = (address: string | null, correlationId = 'corr') => ({ correlationId, actor: null, address });

describe('LoginFailureRecorder', () => {
  let store: MemoryEventStore;
  let clock: ManualClock;
  let recorder: LoginFailureRecorder;
  beforeEach(() => {
    store = new MemoryEventStore();
    clock = new ManualClock('2026-03-01T10:00:00.000Z');
    recorder = new LoginFailureRecorder(store, clock, { windowMs: 60_000, maxPairsPerWindow: 3 });
  });
  afterEach(() => recorder.flush());

  const stored = async () => (await store.readAll()).map((e) => ({ stream: e.streamName, type: e.type, data: e.data, metadata: e.metadata }));

  it('writes one event per account and address per window, with the count, the first request’s address and correlation id', async () => {
    recorder.failed('u1', context('203.0.113.7', 'first'));
    clock.advance(1_000);
    recorder.failed('u1', context('203.0.113.7', 'second'));
    recorder.failed('u1', context('203.0.113.8'));
    recorder.failed(null, context('203.0.113.9'));
    expect(await stored()).toEqual([]);
    await recorder.flush();
    expect(await stored()).toEqual([
      {
        stream: 'loginFailures-u1',
        type: 'LoginFailed',
        data: { userId: 'u1', count: 2, firstAt: '2026-03-01T10:00:00.000Z', lastAt: '2026-03-01T10:00:01.000Z' },
        metadata: { correlationId: 'first', actor: null, address: '203.0.113.7' },
      },
      {
        stream: 'loginFailures-u1',
        type: 'LoginFailed',
        data: { userId: 'u1', count: 1, firstAt: '2026-03-01T10:00:01.000Z', lastAt: '2026-03-01T10:00:01.000Z' },
        metadata: { correlationId: 'corr', actor: null, address: '203.0.113.8' },
      },
      {
        stream: 'loginFailures-unknown.20260301',
        type: 'LoginFailed',
        data: { userId: null, count: 1, firstAt: '2026-03-01T10:00:01.000Z', lastAt: '2026-03-01T10:00:01.000Z' },
        metadata: { correlationId: 'corr', actor: null, address: '203.0.113.9' },
      },
    ]);
    recorder.failed('u1', context('203.0.113.7'));
    await recorder.flush();
    expect((await stored()).length).toBe(4);
  });

  it('under a storm, writes at most the cap of pairs plus one overflow event per window', async () => {
    for (let i = 0; i < 10_000; i++) recorder.failed(i % 2 === 0 ? `u${i % 50}` : null, context(`198.51.${(i >> 8) & 255}.${i & 255}`));
    await recorder.flush();
    const events = await stored();
    console.log(`10,000 failed logins from 10,000 addresses in one window: ${events.length} events`);
    expect(events).toHaveLength(4);
    expect(events.map((e) => e.data.count)).toEqual([1, 1, 1, 9_997]);
    expect(events[3]).toMatchObject({ stream: 'loginFailures-unknown.20260301', data: { userId: null, overflow: true }, metadata: { actor: null } });
    expect(events[3].metadata).not.toHaveProperty('address');
  });

  it('writes the window when it ends, without being asked', async () => {
    jest.useFakeTimers();
    try {
      recorder.failed('u1', context('203.0.113.7'));
      jest.advanceTimersByTime(60_000);
    } finally {
      jest.useRealTimers();
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect((await stored()).map((e) => e.type)).toEqual(['LoginFailed']);
  });

  it('writes a lockout at once, with its end', async () => {
    recorder.lockedOut('u1', context('203.0.113.7'), 30_000);
    await recorder.flush();
    expect(await stored()).toEqual([
      {
        stream: 'loginFailures-u1',
        type: 'UserLockedOut',
        data: { userId: 'u1', lockedAt: '2026-03-01T10:00:00.000Z', lockedUntil: '2026-03-01T10:00:30.000Z' },
        metadata: { correlationId: 'corr', actor: null, address: '203.0.113.7' },
      },
    ]);
  });

  it('never fails a login when the store cannot record', async () => {
    jest.spyOn(store, 'appendToStream').mockRejectedValue(new Error('store down'));
    const warn = jest.spyOn(recorder['logger'], 'warn').mockImplementation(() => undefined);
    recorder.failed('u1', context('203.0.113.7'));
    await expect(recorder.flush()).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.anything(), 'Could not record LoginFailed');
  });
});

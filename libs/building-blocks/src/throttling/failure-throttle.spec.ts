import { ManualClock } from '../testing/manual-clock';
import { FailureThrottle, type FailureRule } from './failure-throttle';
import { MemoryThrottleStore } from './memory-throttle-store';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

function throttleWith(rule: FailureRule, maxKeys = 100) {
  const clock = new ManualClock();
  const store = new MemoryThrottleStore(clock, maxKeys);
  return { clock, store, throttle: new FailureThrottle(rule, store) };
}

describe('FailureThrottle, locked for the rest of the window', () => {
  const rule: FailureRule = { limit: 3, windowMs: MINUTE, lockout: 'rest-of-window' };

  it('locks a key out after `limit` failures until its window ends', async () => {
    const { clock, throttle } = throttleWith(rule);
    for (let i = 0; i < 3; i++) {
      expect(await throttle.retryAfterMs('k')).toBe(0);
      await throttle.recordFailure('k');
    }
    clock.advance(15 * SECOND);
    expect(await throttle.retryAfterMs('k')).toBe(45 * SECOND);
    expect(await throttle.retryAfterMs('other')).toBe(0);
    clock.advance(45 * SECOND);
    expect(await throttle.retryAfterMs('k')).toBe(0);
  });

  it('forgets a key on reset', async () => {
    const { throttle } = throttleWith({ ...rule, limit: 1 });
    await throttle.recordFailure('a');
    expect(await throttle.retryAfterMs('a')).toBe(MINUTE);
    await throttle.reset('a');
    expect(await throttle.retryAfterMs('a')).toBe(0);
  });
});

describe('FailureThrottle, with growing lockouts', () => {
  const rule: FailureRule = { limit: 5, windowMs: 15 * MINUTE, lockout: { baseMs: 30 * SECOND, maxMs: 15 * MINUTE } };

  it('locks at the limit, then doubles with every further failure up to the cap', async () => {
    const { clock, throttle } = throttleWith(rule);
    for (let i = 0; i < 4; i++) expect(await throttle.recordFailure('k')).toBe(0);
    const lockouts = [await throttle.recordFailure('k')];
    for (let i = 0; i < 7; i++) {
      clock.advance(await throttle.retryAfterMs('k'));
      lockouts.push(await throttle.recordFailure('k'));
    }
    expect(lockouts.map((ms) => ms / SECOND)).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
  });

  it('does not count failures while locked, and starts again after a quiet window', async () => {
    const { clock, throttle } = throttleWith(rule);
    for (let i = 0; i < 5; i++) await throttle.recordFailure('k');
    expect(await throttle.recordFailure('k')).toBe(0);
    clock.advance(30 * SECOND + 15 * MINUTE);
    for (let i = 0; i < 4; i++) expect(await throttle.recordFailure('k')).toBe(0);
    expect(await throttle.recordFailure('k')).toBe(30 * SECOND);
  });

  it('takes back a failure counted in advance', async () => {
    const { throttle } = throttleWith(rule);
    for (let i = 0; i < 4; i++) await throttle.recordFailure('k');
    await throttle.forgetFailure('k');
    expect(await throttle.recordFailure('k')).toBe(0);
    expect(await throttle.recordFailure('k')).toBe(30 * SECOND);
  });
});

describe('MemoryThrottleStore', () => {
  it('forgets the least recently written key beyond its bound', async () => {
    const { store } = throttleWith({ limit: 1, windowMs: MINUTE, lockout: 'rest-of-window' }, 3);
    for (const key of ['a', 'b', 'c', 'a', 'd']) await store.add(key, 1, MINUTE);
    expect(store.size).toBe(3);
    expect(await store.get('b')).toBeNull();
    expect(await store.get('a')).toEqual({ value: 2, ttlMs: MINUTE });
  });

  it('expires counters after their lifetime', async () => {
    const { clock, store } = throttleWith({ limit: 1, windowMs: MINUTE, lockout: 'rest-of-window' });
    await store.add('a', 1, MINUTE);
    clock.advance(MINUTE);
    expect(await store.get('a')).toBeNull();
    expect(await store.add('a', 1, MINUTE)).toEqual({ value: 1, ttlMs: MINUTE });
  });
});

import { BoundedCache } from './bounded-cache';
import { FailureThrottle } from './failure-throttle';
import { clampTtl } from './token-settings';

describe('BoundedCache', () => {
  it('drops the entry written longest ago when full; re-writing a key makes it young', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 3);
    cache.set('c', 4);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(3);
    expect(cache.get('c')).toBe(4);
    expect(cache.size).toBe(2);
  });
});

describe('FailureThrottle', () => {
  it('locks a key out after `limit` failures until its window ends', () => {
    let now = 0;
    const throttle = new FailureThrottle({ limit: 3, windowMs: 60_000 }, () => now);
    for (let i = 0; i < 3; i++) {
      expect(throttle.retryAfterSeconds('k')).toBeNull();
      throttle.recordFailure('k');
    }
    now = 15_000;
    expect(throttle.retryAfterSeconds('k')).toBe(45);
    expect(throttle.retryAfterSeconds('other')).toBeNull();
    now = 60_000;
    expect(throttle.retryAfterSeconds('k')).toBeNull();
  });

  it('forgets a key on reset, and bounds the number of keys', () => {
    const throttle = new FailureThrottle({ limit: 1, windowMs: 60_000 }, () => 0, 2);
    throttle.recordFailure('a');
    throttle.reset('a');
    expect(throttle.retryAfterSeconds('a')).toBeNull();
    throttle.recordFailure('a');
    throttle.recordFailure('b');
    throttle.recordFailure('c');
    expect(throttle.retryAfterSeconds('a')).toBeNull();
    expect(throttle.retryAfterSeconds('c')).toBe(60);
  });
});

describe('clampTtl', () => {
  const range = { min: 600, max: 3600, default: 3600 };
  it.each([
    [undefined, 3600],
    ['', 3600],
    ['abc', 3600],
    ['-1', 3600],
    ['1.5', 3600],
    ['0', 600],
    ['599', 600],
    ['600', 600],
    ['1800', 1800],
    ['3601', 3600],
    ['99999999999999999999', 3600],
  ])('%s → %s', (raw, expected) => {
    expect(clampTtl(raw, range)).toBe(expected);
  });
});

import { BoundedCache } from './bounded-cache';
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

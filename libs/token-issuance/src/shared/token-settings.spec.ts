import { clampTtl } from './token-settings';

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

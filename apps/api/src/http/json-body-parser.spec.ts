import { exceedsJsonDepth } from './json-body-parser';

describe('exceedsJsonDepth', () => {
  it('measures nesting of arrays and objects', () => {
    expect(exceedsJsonDepth('{"a":[1,{"b":2}]}', 3)).toBe(false);
    expect(exceedsJsonDepth('{"a":[1,{"b":[2]}]}', 3)).toBe(true);
    expect(exceedsJsonDepth('['.repeat(20_000) + ']'.repeat(20_000), 32)).toBe(true);
  });

  it('ignores brackets inside strings, including escaped quotes', () => {
    expect(exceedsJsonDepth(JSON.stringify({ label: '[[[[[[{{{{{{' }), 2)).toBe(false);
    expect(exceedsJsonDepth(JSON.stringify({ label: 'say \\"[[[[\\" and \\\\' }), 1)).toBe(false);
  });
});

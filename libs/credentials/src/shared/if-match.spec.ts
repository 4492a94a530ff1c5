import { etagOf, parseIfMatch } from './if-match';

describe('If-Match', () => {
  it.each([
    ['"3"', 3],
    ['3', 3],
    [' "12" ', 12],
    ['"0"', 0],
    ['*', undefined],
    [undefined, undefined],
  ])('reads %p as %p', (header, revision) => {
    expect(parseIfMatch(header)).toBe(revision);
  });

  it.each(['', 'abc', '"3', 'W/"3"', '"3", "4"', '-1', '"1.5"', '"99999999999999999"'])('refuses %p with a 400', (header) => {
    expect(() => parseIfMatch(header)).toThrow(expect.objectContaining({ kind: 'validation', code: 'INVALID_IF_MATCH' }));
  });

  it('round-trips the ETag it writes', () => {
    expect(parseIfMatch(etagOf(7))).toBe(7);
  });
});

import { decodeJsonBody, exceedsJsonDepth } from './json-body-parser';

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

describe('decodeJsonBody', () => {
  it('decodes UTF-8 and drops a byte order mark', () => {
    expect(decodeJsonBody(Buffer.from('{"label":"Jürgen 🔑"}', 'utf8'))).toBe('{"label":"Jürgen 🔑"}');
    expect(decodeJsonBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{}')]))).toBe('{}');
  });

  it.each([
    ['a lone 0xFF', [0xff]],
    ['a truncated 4-byte sequence', [0xf0, 0x9f, 0x98]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['an overlong encoding', [0xc0, 0xaf]],
  ])('refuses %s instead of replacing it with U+FFFD', (_name, bytes) => {
    expect(decodeJsonBody(Buffer.concat([Buffer.from('{"label":"a'), Buffer.from(bytes), Buffer.from('b"}')]))).toBeNull();
  });
});

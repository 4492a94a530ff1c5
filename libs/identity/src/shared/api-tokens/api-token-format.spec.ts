import { crc32 } from 'node:zlib';
import { API_TOKEN_PATTERN, base62Checksum, checksumOf, hashApiToken, isWellFormedApiToken, newApiToken } from './api-token-format';

describe('console API token format', () => {
  it('uses the standard CRC32 (IEEE 802.3), checked against known vectors', () => {
    expect(crc32('')).toBe(0);
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('The quick brown fox jumps over the lazy dog')).toBe(0x414fa339);
  });

  it('writes the checksum in base62 on 6 characters', () => {
    expect(base62Checksum(0)).toBe('000000');
    expect(base62Checksum(61)).toBe('00000z');
    expect(base62Checksum(62)).toBe('000010');
    expect(base62Checksum(0xffffffff)).toBe('4gfFC3');
    expect(checksumOf('123456789')).toBe(base62Checksum(0xcbf43926));
  });

  it('issues lkc_ + 32 base62 characters + their checksum, each token different', () => {
    const tokens = Array.from({ length: 200 }, () => newApiToken());
    for (const token of tokens) {
      expect(token).toMatch(/^lkc_[0-9A-Za-z]{38}$/);
      expect(token.slice(36)).toBe(checksumOf(token.slice(4, 36)));
      expect(isWellFormedApiToken(token)).toBe(true);
      expect(API_TOKEN_PATTERN.test(token)).toBe(true);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('refuses a token with one character changed, a wrong checksum, a wrong prefix or length', () => {
    const token = newApiToken();
    const flipped = token.slice(0, 10) + (token[10] === 'a' ? 'b' : 'a') + token.slice(11);
    expect(isWellFormedApiToken(flipped)).toBe(false);
    expect(isWellFormedApiToken(token.slice(0, 36) + (token[36] === '0' ? '1' : '0') + token.slice(37))).toBe(false);
    expect(isWellFormedApiToken(`lkx_${token.slice(4)}`)).toBe(false);
    expect(isWellFormedApiToken(`${token}0`)).toBe(false);
    expect(isWellFormedApiToken(token.slice(0, -1))).toBe(false);
    expect(isWellFormedApiToken('')).toBe(false);
  });

  it('hashes with SHA-256 (hex)', () => {
    expect(hashApiToken('lkc_x')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiToken('lkc_x')).not.toBe(hashApiToken('lkc_y'));
  });
});

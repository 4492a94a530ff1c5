import { createHash, randomInt } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * Console API tokens: `lkc_`, 32 base62 characters of randomness (≈190 bits), and a 6-character
 * base62 checksum (the CRC32 of the random part). The prefix lets secret scanners recognise a token;
 * the checksum lets them, and the console's authentication, reject a mistyped or made-up one offline,
 * before any lookup.
 */
export const API_TOKEN_PREFIX = 'lkc_';
const RANDOM_LENGTH = 32;
const CHECKSUM_LENGTH = 6;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** What the README gives scanners; also matches a token inside a longer text (use with the `g` flag to find several). */
export const API_TOKEN_PATTERN = /\blkc_[0-9A-Za-z]{38}\b/;
const WHOLE_TOKEN = /^lkc_([0-9A-Za-z]{32})([0-9A-Za-z]{6})$/;

/** An unsigned 32-bit number in base62, left-padded with `0` to 6 characters (62⁶ > 2³²). */
export function base62Checksum(value: number): string {
  let n = value >>> 0;
  let out = '';
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

export const checksumOf = (random: string): string => base62Checksum(crc32(random));

/** A new token; each random character is drawn uniformly (`randomInt` rejects biased draws). */
export function newApiToken(): string {
  let random = '';
  for (let i = 0; i < RANDOM_LENGTH; i++) random += BASE62[randomInt(62)];
  return `${API_TOKEN_PREFIX}${random}${checksumOf(random)}`;
}

/** True when `value` has the token's shape and its checksum matches: no lookup is worth making otherwise. */
export function isWellFormedApiToken(value: string): boolean {
  const parts = WHOLE_TOKEN.exec(value);
  return parts !== null && checksumOf(parts[1]) === parts[2];
}

/** SHA-256, hex: only this is stored, and a lookup by it replaces any comparison of raw tokens. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

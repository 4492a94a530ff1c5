import { crc32 } from 'node:zlib';
import { randomInt } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A well-formed token (right prefix, length and checksum) that no server issued: written here from the format, not with the server's code. */
export function newApiTokenForTests(): string {
  const random = Array.from({ length: 32 }, () => BASE62[randomInt(62)]).join('');
  let n = crc32(random);
  let checksum = '';
  for (let i = 0; i < 6; i++) {
    checksum = BASE62[n % 62] + checksum;
    n = Math.floor(n / 62);
  }
  return `lkc_${random}${checksum}`;
}

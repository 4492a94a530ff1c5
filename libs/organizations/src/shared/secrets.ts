import { createHash, randomBytes } from 'node:crypto';

/** A random, URL-safe secret of `bytes` random bytes (32 bytes = 256 bits). */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * SHA-256 of a high-entropy random secret, as lowercase hex. A fast hash is the right tool here,
 * unlike for passwords: a 256-bit random value cannot be guessed however fast each guess is, so a
 * slow key-derivation function would add nothing but CPU cost on every verification. Never use this
 * for values people choose.
 */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

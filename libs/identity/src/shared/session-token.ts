import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: 43 characters. */
export const SESSION_TOKEN_BYTES = 32;
const SESSION_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Console sessions last 12 hours from login; there is no sliding renewal. */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;

export function newSessionToken(): string {
  return randomBytes(SESSION_TOKEN_BYTES).toString('base64url');
}

/** True when `value` has the shape of a token this module issues; anything else is unknown. */
export function looksLikeSessionToken(value: string): boolean {
  return SESSION_TOKEN.test(value);
}

/**
 * SHA-256, hex. A fast hash suffices for a 256-bit random token (no dictionary to try), and it
 * lets a lookup by hash replace any comparison of raw tokens.
 */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

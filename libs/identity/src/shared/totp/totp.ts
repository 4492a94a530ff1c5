import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as authenticator apps expect it: HMAC-SHA-1, 6 digits, 30-second steps. */
export const TOTP_SETTINGS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
/** Codes of the previous and the next step are accepted too (clocks drift, people type slowly). */
export const TOTP_WINDOW = 1;
/** 160 bits, the size RFC 4226 recommends for HMAC-SHA-1. */
const SECRET_BYTES = 20;
const ISSUER = 'Latchkey';

export const newTotpSecret = (): Buffer => randomBytes(SECRET_BYTES);

export const totpSecretBase32 = (secret: Buffer): string => new Secret({ buffer: toArrayBuffer(secret) }).base32;

/** The `otpauth://` URI an authenticator app reads from the QR code. */
export function otpauthUri(secret: Buffer, accountName: string): string {
  return new TOTP({ issuer: ISSUER, label: accountName, secret: new Secret({ buffer: toArrayBuffer(secret) }), ...TOTP_SETTINGS }).toString();
}

export const looksLikeTotpCode = (code: string): boolean => /^\d{6}$/.test(code);

/**
 * The time step of `code` if it is the code of the current step or of the one before or after it
 * at `nowMs`, else null. (otpauth compares codes in constant time.) The caller decides whether the
 * step was used already.
 */
export function totpStepOf(secret: Buffer, code: string, nowMs: number): number | null {
  if (!looksLikeTotpCode(code)) return null;
  const totp = new TOTP({ secret: new Secret({ buffer: toArrayBuffer(secret) }), ...TOTP_SETTINGS });
  const delta = totp.validate({ token: code, timestamp: nowMs, window: TOTP_WINDOW });
  return delta === null ? null : totpStep(nowMs) + delta;
}

export const totpStep = (nowMs: number): number => Math.floor(nowMs / 1000 / TOTP_SETTINGS.period);

/** The code of `secret` at `nowMs` (tests, and nothing else, compute codes). */
export function totpCodeAt(secret: Buffer, nowMs: number): string {
  return new TOTP({ secret: new Secret({ buffer: toArrayBuffer(secret) }), ...TOTP_SETTINGS }).generate({ timestamp: nowMs });
}

/** Recovery codes: 10 of them, 80 random bits each, written `xxxx-xxxx-xxxx-xxxx` in lower-case base32. */
export const RECOVERY_CODE_COUNT = 10;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

export function newRecoveryCode(): string {
  const bytes = randomBytes(16);
  const chars = Array.from(bytes, (b) => BASE32[b & 31]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

/** The form a recovery code is hashed in: lower-case, without dashes or spaces (people retype them loosely). */
export const normalizeRecoveryCode = (code: string): string => code.toLowerCase().replace(/[\s-]/g, '');

/** SHA-256, hex: a fast hash suffices for 80 random bits, which no dictionary holds. */
export const hashRecoveryCode = (code: string): string => createHash('sha256').update(normalizeRecoveryCode(code), 'utf8').digest('hex');

function toArrayBuffer(buffer: Buffer): ArrayBuffer {
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
}

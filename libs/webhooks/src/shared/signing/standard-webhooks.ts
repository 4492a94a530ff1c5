import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SECRET_PREFIX = 'whsec_';
/** 24 random bytes, as Standard Webhooks' own libraries generate (between 24 and 64 is recommended). */
const SECRET_BYTES = 24;

/** A new signing secret: `whsec_` and the base64 of random bytes. */
export function newWebhookSecret(): { text: string; key: Buffer } {
  const key = randomBytes(SECRET_BYTES);
  return { text: secretText(key), key };
}

export const secretText = (key: Buffer): string => `${SECRET_PREFIX}${key.toString('base64')}`;

/** The key bytes of a `whsec_…` secret (the base64 part after the prefix). */
export const secretKey = (text: string): Buffer => Buffer.from(text.startsWith(SECRET_PREFIX) ? text.slice(SECRET_PREFIX.length) : text, 'base64');

/**
 * One signature of the Standard Webhooks scheme: `v1,` and the base64 HMAC-SHA256, keyed with the
 * secret's bytes, of `<webhook-id>.<webhook-timestamp>.<body>`.
 */
export function sign(key: Buffer, messageId: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', key).update(`${messageId}.${timestampSeconds}.${body}`, 'utf8').digest('base64');
  return `v1,${mac}`;
}

/** The `webhook-signature` header: one signature per key (two while a rotated secret is still honoured), space-separated. */
export function signatureHeader(keys: readonly Buffer[], messageId: string, timestampSeconds: number, body: string): string {
  return keys.map((key) => sign(key, messageId, timestampSeconds, body)).join(' ');
}

/** What a receiver does: true when one of the header's `v1` signatures is the one `key` makes (compared in constant time). */
export function verify(key: Buffer, messageId: string, timestampSeconds: number, body: string, header: string): boolean {
  const expected = Buffer.from(sign(key, messageId, timestampSeconds, body));
  return header
    .split(' ')
    .map((part) => Buffer.from(part))
    .some((given) => given.length === expected.length && timingSafeEqual(given, expected));
}

import { createHmac, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';

export const MASTER_KEY_BYTES = 32;
const BASE64 = /^(?:[A-Za-z0-9+/]{43}=|[A-Za-z0-9_-]{43}=?)$/;

/** The master key is malformed, missing where it is required, or does not open the key ring. Boot stops with exit 78. */
export class MasterKeyError extends Error {
  override readonly name = 'MasterKeyError';
}

/**
 * The key that seals every private key of the key ring (AES-256-GCM). Its bytes never leave this
 * object except to the cipher: it prints and serializes as its id, a public fingerprint
 * (HMAC-SHA-256 of a fixed label, truncated) that says which master key sealed what.
 */
export class MasterKey {
  readonly id: string;
  readonly #bytes: Buffer;

  private constructor(bytes: Buffer) {
    this.#bytes = Buffer.from(bytes);
    this.id = `mk-${createHmac('sha256', this.#bytes).update('latchkey master key id').digest().subarray(0, 9).toString('base64url')}`;
  }

  static generate(): MasterKey {
    return new MasterKey(randomBytes(MASTER_KEY_BYTES));
  }

  /** Parses 32 bytes in base64 (or base64url); `name` is what the error names (MASTER_KEY, a file). */
  static parse(text: string, name: string): MasterKey {
    const trimmed = text.trim();
    if (!BASE64.test(trimmed)) {
      throw new MasterKeyError(`${name} must be ${MASTER_KEY_BYTES} bytes in base64 (e.g. the output of \`openssl rand -base64 32\`)`);
    }
    return new MasterKey(Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
  }

  /** The raw key, for the cipher only. */
  bytes(): Buffer {
    return this.#bytes;
  }

  /** The key as base64, for writing it to its file. */
  toBase64(): string {
    return this.#bytes.toString('base64');
  }

  toJSON(): string {
    return `[MasterKey ${this.id}]`;
  }

  toString(): string {
    return this.toJSON();
  }

  [inspect.custom](): string {
    return this.toJSON();
  }
}

import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { MasterKey } from '../../contracts/master-key';

export interface DerivedSealed {
  alg: 'A256GCM';
  keyId: string;
  nonce: string;
  ciphertext: string;
  tag: string;
}

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals secrets of another module (identity's TOTP seeds) under a key derived from the master key
 * with HKDF-SHA-256 for one `purpose`, so that module never sees the master key and a key derived
 * for one purpose opens nothing of another. AES-256-GCM with a fresh 96-bit nonce; `context` is
 * bound as associated data.
 */
export class DerivedKeySealer {
  readonly keyId: string;
  readonly #key: Buffer;

  constructor(master: MasterKey, purpose: string) {
    this.#key = Buffer.from(hkdfSync('sha256', master.bytes(), Buffer.alloc(0), `latchkey derived key v1\n${purpose}`, 32));
    this.keyId = `dk-${createHmac('sha256', this.#key).update('latchkey derived key id').digest().subarray(0, 9).toString('base64url')}`;
  }

  seal(plaintext: Buffer, context: string): DerivedSealed {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return {
      alg: 'A256GCM',
      keyId: this.keyId,
      nonce: nonce.toString('base64url'),
      ciphertext: ciphertext.toString('base64url'),
      tag: cipher.getAuthTag().toString('base64url'),
    };
  }

  open(sealed: DerivedSealed, context: string): Buffer {
    if (sealed.alg !== 'A256GCM' || sealed.keyId !== this.keyId) {
      throw new Error(`A secret is sealed under ${sealed.keyId}, not under this instance's ${this.keyId} (was the master key changed?)`);
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(sealed.nonce, 'base64url'), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64url')), decipher.final()]);
    } catch {
      throw new Error('A sealed secret fails its integrity check (altered, or sealed for another context)');
    }
  }

  toJSON(): string {
    return `[DerivedKeySealer ${this.keyId}]`;
  }
}

/** Hands out sealers derived from this instance's master key, one per purpose. Provided by the keys module. */
export class MasterKeySealing {
  readonly #master: MasterKey;

  constructor(master: MasterKey) {
    this.#master = master;
  }

  forPurpose(purpose: string): DerivedKeySealer {
    return new DerivedKeySealer(this.#master, purpose);
  }
}

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealedSecret } from '../shared/sealing/sealed-secret';
import { type MasterKey, MasterKeyError } from '../contracts/master-key';

export type { SealedSecret } from '../shared/sealing/sealed-secret';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** Binds a ciphertext to what it belongs to (e.g. `webhook:<id>`): moved elsewhere, it does not open. */
const associatedData = (context: string): Buffer => Buffer.from(`latchkey sealed secret v1\n${context}`, 'utf8');

/**
 * Seals secrets of other modules (webhook signing secrets) under the master key, AES-256-GCM, for
 * events that must carry them: the event holds only the ciphertext, the plaintext lives in memory
 * while it is used.
 */
export class SecretSealer {
  readonly #master: MasterKey;

  constructor(master: MasterKey) {
    this.#master = master;
  }

  seal(context: string, secret: Buffer): SealedSecret {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#master.bytes(), nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(context));
    const ciphertext = Buffer.concat([cipher.update(secret), cipher.final()]);
    return {
      alg: 'A256GCM',
      masterKeyId: this.#master.id,
      nonce: nonce.toString('base64url'),
      ciphertext: ciphertext.toString('base64url'),
      tag: cipher.getAuthTag().toString('base64url'),
    };
  }

  /** Opens a secret sealed for `context`; a wrong master key, context or altered byte throws a MasterKeyError naming nothing secret. */
  unseal(context: string, sealed: SealedSecret): Buffer {
    if (sealed.masterKeyId !== this.#master.id) {
      throw new MasterKeyError(`the secret of ${context} is sealed under master key ${sealed.masterKeyId}, not under ${this.#master.id}`);
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#master.bytes(), Buffer.from(sealed.nonce, 'base64url'), { authTagLength: TAG_BYTES });
      decipher.setAAD(associatedData(context));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64url')), decipher.final()]);
    } catch {
      throw new MasterKeyError(`the secret of ${context} fails its integrity check`);
    }
  }
}

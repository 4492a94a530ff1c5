import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { type Environment } from '@latchkey/building-blocks';
import type { KeyRingPurpose } from '../../contracts/keys.contracts';
import { type MasterKey, MasterKeyError } from '../../contracts/master-key';

/** A private key or MAC key as the key ring's events carry it: AES-256-GCM under the master key, every part base64url. */
export type SealedSecret = {
  alg: 'A256GCM';
  /** The id of the master key that sealed it (public). */
  masterKeyId: string;
  nonce: string;
  ciphertext: string;
  tag: string;
};

/** The slot a secret belongs to; bound to its ciphertext as associated data. */
export interface KeySlot {
  kid: string;
  purpose: KeyRingPurpose;
  environment: Environment | null;
}

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** The ciphertext opens only for the slot it was sealed for: a sealed key moved to another kid or purpose fails. */
function associatedData(slot: KeySlot): Buffer {
  return Buffer.from(['latchkey key ring v1', slot.kid, slot.purpose, slot.environment ?? ''].join('\n'), 'utf8');
}

/** Seals `secret` for `slot` under `master`, with a fresh 96-bit nonce. */
export function seal(master: MasterKey, slot: KeySlot, secret: Buffer): SealedSecret {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', master.bytes(), nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(slot));
  const ciphertext = Buffer.concat([cipher.update(secret), cipher.final()]);
  return {
    alg: 'A256GCM',
    masterKeyId: master.id,
    nonce: nonce.toString('base64url'),
    ciphertext: ciphertext.toString('base64url'),
    tag: cipher.getAuthTag().toString('base64url'),
  };
}

/**
 * Opens a sealed secret of `slot`. A wrong master key, another slot or any altered byte fails
 * with a MasterKeyError that names the key and nothing secret.
 */
export function unseal(master: MasterKey, slot: KeySlot, sealed: SealedSecret): Buffer {
  if (sealed.masterKeyId !== master.id) {
    throw new MasterKeyError(`key ${slot.kid} is sealed under master key ${sealed.masterKeyId}, not under the given ${master.id}`);
  }
  const nonce = Buffer.from(sealed.nonce, 'base64url');
  const tag = Buffer.from(sealed.tag, 'base64url');
  if (sealed.alg !== 'A256GCM' || nonce.length !== NONCE_BYTES || tag.length !== TAG_BYTES) {
    throw new MasterKeyError(`key ${slot.kid} is not sealed in a form this version reads`);
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', master.bytes(), nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(slot));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64url')), decipher.final()]);
  } catch {
    throw new MasterKeyError(`key ${slot.kid} fails its integrity check (altered, moved to another slot, or sealed under another key)`);
  }
}

/**
 * A secret sealed for storage: AES-256-GCM, every part base64url, `keyId` the public id of the key
 * that sealed it.
 */
export interface SealedSecretValue {
  alg: 'A256GCM';
  keyId: string;
  nonce: string;
  ciphertext: string;
  tag: string;
}

/**
 * The port through which identity seals the secrets it must be able to read again (TOTP seeds).
 * The application binds it to a key derived from the instance's master key (the keys module), so
 * identity holds no key and depends on no module beside it. `context` is bound to the ciphertext
 * (associated data): a sealed seed copied to another user does not open.
 */
export abstract class SecretSealer {
  abstract seal(plaintext: Buffer, context: string): SealedSecretValue;
  /** Throws when the value was altered, sealed for another context or under another key. */
  abstract open(sealed: SealedSecretValue, context: string): Buffer;
}

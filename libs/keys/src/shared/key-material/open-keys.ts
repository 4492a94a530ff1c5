import { createPublicKey } from 'node:crypto';
import type { Environment } from '@latchkey/building-blocks';
import { type KeyDescription, type KeyPurpose, SIGNING_ALGORITHM, type SigningKey } from '../../contracts/keys.contracts';
import { type MasterKey, MasterKeyError } from '../../contracts/master-key';
import type { KeyRingState, RingKey } from '../../domain/key-ring/key-ring.state';
import { unseal } from '../sealing/sealed-secret';
import { privateKeyFromDer } from './new-keys';

export interface OpenedMacKey {
  kid: string;
  status: KeyDescription['status'];
  secret: Buffer;
}

/** The key ring with its private material opened: what the server signs and verifies with. */
export interface OpenedKeyRing {
  signing: SigningKey[];
  mac: OpenedMacKey[];
  described: KeyDescription[];
}

/** What an instance already opened, by kid: keys it holds need not (and after a reseal, cannot) be opened again. */
export type OpenedCache = Map<string, { privateKey?: SigningKey['privateKey']; publicKey?: SigningKey['publicKey']; secret?: Buffer }>;

export const describeKey = (k: RingKey): KeyDescription => ({
  kid: k.kid,
  environment: k.environment,
  purpose: k.purpose,
  alg: k.alg,
  status: k.status,
  createdAt: k.createdAt,
});

export function mismatchMessage(ringMasterKeyId: string, master: MasterKey): string {
  return (
    `MASTER_KEY does not open the key ring: the ring is sealed under master key ${ringMasterKeyId}, the given one is ${master.id}. ` +
    'Start with the master key the ring was sealed under (MASTER_KEY, MASTER_KEY_FILE or DATA_DIR/master.key).'
  );
}

/**
 * Opens every unretired key of the ring, or none: a key that does not open (wrong master key,
 * altered event) fails the whole ring with a MasterKeyError, never half of it.
 */
export function openKeyRing(state: KeyRingState, master: MasterKey, cache: OpenedCache = new Map()): OpenedKeyRing {
  const unopened = state.keys.filter((k) => k.status !== 'retired' && !cache.has(k.kid));
  if (unopened.length > 0 && state.masterKeyId !== null && state.masterKeyId !== master.id) {
    throw new MasterKeyError(mismatchMessage(state.masterKeyId, master));
  }
  const opened: OpenedCache = new Map(cache);
  for (const key of unopened) {
    let secret: Buffer;
    try {
      secret = unseal(master, key, key.sealed);
    } catch (error) {
      throw new MasterKeyError(`MASTER_KEY does not open the key ring: ${(error as Error).message}`);
    }
    if (key.purpose === 'refresh-token-mac') opened.set(key.kid, { secret });
    else {
      const privateKey = privateKeyFromDer(secret);
      opened.set(key.kid, { privateKey, publicKey: createPublicKey(privateKey) });
    }
  }
  const signing: SigningKey[] = [];
  const mac: OpenedMacKey[] = [];
  for (const key of state.keys) {
    const material = opened.get(key.kid);
    if (key.status === 'retired' || !material) continue;
    if (key.purpose === 'refresh-token-mac') mac.push({ kid: key.kid, status: key.status, secret: material.secret! });
    else
      signing.push({
        kid: key.kid,
        environment: key.environment as Environment,
        purpose: key.purpose as KeyPurpose,
        alg: SIGNING_ALGORITHM,
        status: key.status,
        createdAt: key.createdAt,
        privateKey: material.privateKey!,
        publicKey: material.publicKey!,
      });
  }
  return { signing, mac, described: state.keys.map(describeKey) };
}

/** The opened material by kid, to carry over to the next reload. */
export function cacheOf(ring: OpenedKeyRing): OpenedCache {
  const cache: OpenedCache = new Map();
  for (const k of ring.signing) cache.set(k.kid, { privateKey: k.privateKey, publicKey: k.publicKey });
  for (const k of ring.mac) cache.set(k.kid, { secret: k.secret });
  return cache;
}

import type { KeyObject } from 'node:crypto';
import { type Environment } from '@latchkey/building-blocks';

/** Credentials (long-lived JWTs users hold) and access tokens are signed with separate keys. */
export type KeyPurpose = 'credential' | 'access_token';
/** Every purpose the key ring holds keys for: the signing keys and the refresh tokens' MAC key (one for both environments). */
export type KeyRingPurpose = KeyPurpose | 'refresh-token-mac';
export type KeyStatus = 'active' | 'previous' | 'retired';

export const SIGNING_PURPOSES: readonly KeyPurpose[] = ['credential', 'access_token'];
export const KEY_RING_PURPOSES: readonly KeyRingPurpose[] = [...SIGNING_PURPOSES, 'refresh-token-mac'];

export const SIGNING_ALGORITHM = 'ES256';
export const MAC_ALGORITHM = 'HS256';

export interface SigningKey {
  kid: string;
  environment: Environment;
  purpose: KeyPurpose;
  alg: typeof SIGNING_ALGORITHM;
  status: KeyStatus;
  createdAt: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** What may be shown of a key: never its material. */
export interface KeyDescription {
  kid: string;
  /** Null for the refresh-token MAC key, which serves both environments. */
  environment: Environment | null;
  purpose: KeyRingPurpose;
  alg: typeof SIGNING_ALGORITHM | typeof MAC_ALGORITHM;
  status: KeyStatus;
  createdAt: string;
}

/** The refresh tokens' MAC keys: the active one signs, every unretired one (active first) verifies. */
export interface RefreshTokenMacKeys {
  active: Buffer;
  verifying: readonly Buffer[];
}

export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  alg: typeof SIGNING_ALGORITHM;
  use: 'sig';
}

/** The one stream of the key ring aggregate. */
export const KEY_RING_STREAM = 'keyRing-main';

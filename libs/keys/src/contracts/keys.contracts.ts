import type { KeyObject } from 'node:crypto';
import { type Environment } from '@latchkey/building-blocks';

/** Credentials (long-lived JWTs users hold) and access tokens are signed with separate keys. */
export type KeyPurpose = 'credential' | 'access_token';
export type KeyStatus = 'active' | 'previous' | 'retired';

export const SIGNING_ALGORITHM = 'ES256';

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

export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  alg: typeof SIGNING_ALGORITHM;
  use: 'sig';
}

import { createPrivateKey, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import { type Environment } from '@latchkey/building-blocks';
import { type KeyPurpose, MAC_ALGORITHM, SIGNING_ALGORITHM } from '../../contracts/keys.contracts';
import type { MasterKey } from '../../contracts/master-key';
import type { KeyMaterial, PublicKeyJwk } from '../../domain/key-ring/key-ring.events';
import { seal } from '../sealing/sealed-secret';

const ENVIRONMENT_PREFIX: Record<Environment, string> = { production: 'prod', sandbox: 'sbx' };
const PURPOSE_PREFIX: Record<KeyPurpose, string> = { credential: 'cred', access_token: 'at' };
export const MAC_KEY_BYTES = 32;

export const newKid = (environment: Environment, purpose: KeyPurpose): string =>
  `${ENVIRONMENT_PREFIX[environment]}-${PURPOSE_PREFIX[purpose]}-${randomBytes(9).toString('base64url')}`;

export function publicJwkOf(privateKey: KeyObject): PublicKeyJwk {
  const jwk = privateKey.export({ format: 'jwk' });
  return { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! };
}

/** A signing key (ES256, P-256) sealed for its slot: the private key travels as PKCS#8 DER. */
export function sealedSigningKey(master: MasterKey, kid: string, environment: Environment, purpose: KeyPurpose, privateKey: KeyObject): KeyMaterial {
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  return {
    kid,
    purpose,
    environment,
    alg: SIGNING_ALGORITHM,
    publicJwk: publicJwkOf(privateKey),
    sealed: seal(master, { kid, purpose, environment }, der),
  };
}

export function newSigningKey(master: MasterKey, environment: Environment, purpose: KeyPurpose): KeyMaterial {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return sealedSigningKey(master, newKid(environment, purpose), environment, purpose, privateKey);
}

export function sealedMacKey(master: MasterKey, kid: string, secret: Buffer): KeyMaterial {
  return {
    kid,
    purpose: 'refresh-token-mac',
    environment: null,
    alg: MAC_ALGORITHM,
    publicJwk: null,
    sealed: seal(master, { kid, purpose: 'refresh-token-mac', environment: null }, secret),
  };
}

export function newMacKey(master: MasterKey): KeyMaterial {
  return sealedMacKey(master, `rtm-${randomBytes(9).toString('base64url')}`, randomBytes(MAC_KEY_BYTES));
}

export const privateKeyFromDer = (der: Buffer): KeyObject => createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });

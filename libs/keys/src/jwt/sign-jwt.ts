import { sign } from 'node:crypto';
import type { SigningKey } from '../contracts/keys.contracts';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/**
 * Signs a compact JWS (ES256) directly with node:crypto: the key is already imported, and this
 * avoids a general-purpose library's per-call overhead on the token endpoint's hot path.
 */
export function signJwt(key: SigningKey, typ: string, payload: Record<string, unknown>): string {
  // The header's members are always in this order (alg, typ, kid), so that every token of one type
  // starts with the same characters: secret scanners recognise credentials by that prefix.
  const signingInput = `${encode({ alg: key.alg, typ, kid: key.kid })}.${encode(payload)}`;
  const signature = sign('sha256', Buffer.from(signingInput, 'ascii'), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
  return `${signingInput}.${signature.toString('base64url')}`;
}

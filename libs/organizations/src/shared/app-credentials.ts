import { randomBytes } from 'node:crypto';
import { type Environment } from '@latchkey/building-blocks';
import { randomSecret, sha256Hex } from './secrets';

const CLIENT_ID_PREFIX: Record<Environment, string> = { production: 'prd_', sandbox: 'sbx_' };

/**
 * A client id: a short prefix naming the environment (for people reading it) and 16 random bytes,
 * base64url — URL-safe, free of `:` (it travels in HTTP Basic auth) and unguessable.
 */
export function newClientId(environment: Environment): string {
  return CLIENT_ID_PREFIX[environment] + randomBytes(16).toString('base64url');
}

/** A client secret (32 random bytes, base64url) and the SHA-256 that is all we keep of it. */
export function newClientSecret(): { secret: string; secretHash: string } {
  const secret = randomSecret(32);
  return { secret, secretHash: sha256Hex(secret) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID.test(value);

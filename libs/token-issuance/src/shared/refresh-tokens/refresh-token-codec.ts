import { createHmac, timingSafeEqual } from 'node:crypto';
import { type Environment } from '@latchkey/building-blocks';
import type { RefreshTokenMacKeys } from '@latchkey/keys';

/** What a refresh token carries, under a MAC: enough to refresh without reading anything but its session. */
export interface RefreshTokenClaims {
  sessionId: string;
  /** Which refresh of the session this token is (0 for the one issued with the jwt-bearer grant). */
  generation: number;
  credentialId: string;
  clientId: string;
  environment: Environment;
  /** Space-separated scopes granted to the session. */
  scope: string;
  /** The `endpoint_id` of the session, answered again on every refresh. */
  endpointId: string;
  /** Epoch seconds. */
  issuedAt: number;
  /** Epoch seconds. */
  expiresAt: number;
}

interface WirePayload {
  sid: string;
  gen: number;
  cid: string;
  cli: string;
  env: Environment;
  scp: string;
  ept: string;
  iat: number;
  exp: number;
}

/** Refresh tokens start with this, which no JWT can (a JWT starts with `eyJ`). */
export const REFRESH_TOKEN_PREFIX = 'lkr1.';

/** Where the MAC keys come from: the key ring (asked at each use), or one fixed secret. */
export interface RefreshTokenMacKeySource {
  refreshTokenMac(): RefreshTokenMacKeys;
}

/**
 * Self-contained refresh tokens: `lkr1.<base64url JSON payload>.<base64url HMAC-SHA256>`. The MAC
 * covers the prefix and the payload, and is compared in constant time. Nothing is stored when one
 * is issued; whether it is still the session's current one is decided by the session's stream.
 * The active MAC key signs; every unretired one verifies, so a rotation of the MAC key keeps the
 * refresh tokens already issued.
 */
export class RefreshTokenCodec {
  private readonly keys: RefreshTokenMacKeySource;

  constructor(keys: Buffer | RefreshTokenMacKeySource) {
    if (Buffer.isBuffer(keys)) {
      if (keys.length < 32) throw new Error('The refresh token secret must have at least 32 bytes');
      const fixed = { active: keys, verifying: [keys] };
      this.keys = { refreshTokenMac: () => fixed };
    } else {
      this.keys = keys;
    }
  }

  encode(claims: RefreshTokenClaims): string {
    const payload: WirePayload = {
      sid: claims.sessionId,
      gen: claims.generation,
      cid: claims.credentialId,
      cli: claims.clientId,
      env: claims.environment,
      scp: claims.scope,
      ept: claims.endpointId,
      iat: claims.issuedAt,
      exp: claims.expiresAt,
    };
    const signed = REFRESH_TOKEN_PREFIX + Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
    return `${signed}.${mac(this.keys.refreshTokenMac().active, signed).toString('base64url')}`;
  }

  /** The claims of an authentic refresh token (expired or not), else null. */
  decode(token: string): RefreshTokenClaims | null {
    if (!token.startsWith(REFRESH_TOKEN_PREFIX)) return null;
    const dot = token.lastIndexOf('.');
    if (dot <= REFRESH_TOKEN_PREFIX.length) return null;
    const signed = token.slice(0, dot);
    // Compared as text: another base64url spelling of the same MAC is not the same token.
    const presented = Buffer.from(token.slice(dot + 1), 'latin1');
    let authentic = false;
    for (const secret of this.keys.refreshTokenMac().verifying) {
      const expected = Buffer.from(mac(secret, signed).toString('base64url'), 'latin1');
      if (presented.length === expected.length && timingSafeEqual(presented, expected)) authentic = true;
    }
    if (!authentic) return null;
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(signed.slice(REFRESH_TOKEN_PREFIX.length), 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    if (!isWirePayload(payload)) return null;
    return {
      sessionId: payload.sid,
      generation: payload.gen,
      credentialId: payload.cid,
      clientId: payload.cli,
      environment: payload.env,
      scope: payload.scp,
      endpointId: payload.ept,
      issuedAt: payload.iat,
      expiresAt: payload.exp,
    };
  }
}

function mac(secret: Buffer, signed: string): Buffer {
  return createHmac('sha256', secret).update(signed, 'utf8').digest();
}

function isWirePayload(value: unknown): value is WirePayload {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return (
    typeof p.sid === 'string' &&
    Number.isSafeInteger(p.gen) &&
    (p.gen as number) >= 0 &&
    typeof p.cid === 'string' &&
    typeof p.cli === 'string' &&
    (p.env === 'production' || p.env === 'sandbox') &&
    typeof p.scp === 'string' &&
    typeof p.ept === 'string' &&
    typeof p.iat === 'number' &&
    typeof p.exp === 'number'
  );
}

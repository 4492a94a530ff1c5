import { hash } from 'node:crypto';
import { type JWTPayload, type JWTVerifyOptions, jwtVerify } from 'jose';
import { Inject, Injectable } from '@nestjs/common';
import { EnvironmentIssuers, KeyRing } from '@latchkey/keys';
import { Clock, type Environment } from '@latchkey/building-blocks';
import type { LiveAccessToken } from '../../contracts';
import { checkCredential } from '../credential-assertion/credential-policy';
import { TOKEN_DIRECTORY, type TokenDirectory } from '../token-directory/token-directory';
import { BoundedCache } from '../bounded-cache';
import { COMPACT_JWS, decodeJwsHeader } from '../compact-jws';
import { TOKEN_SETTINGS } from '../token-settings';
import { resourceAudience } from './access-token-issuer';

/** The claims of an access token this service signed. */
export interface AccessTokenClaims {
  issuer: string;
  subject: string;
  clientId: string;
  scope: string;
  sessionId: string;
  credentialId: string;
  issuedAt: number;
  expiresAt: number;
  kid: string;
}

export interface AuthenticatedAccessToken {
  claims: AccessTokenClaims;
  expired: boolean;
}

export interface SessionRevocations {
  isRevoked(sessionId: string): boolean;
}

/** The revoked-sessions read model, as the verifier and the endpoints see it. */
export const SESSION_REVOCATIONS = Symbol('SESSION_REVOCATIONS');

const REQUIRED_CLAIMS = ['iss', 'aud', 'exp', 'iat', 'sub', 'jti', 'client_id', 'scope', 'sid', 'cid'];

/**
 * Checks access tokens on every use. The signature check runs once per token (verified tokens are
 * remembered by the SHA-256 of their text, with their claims); what can change is checked every
 * time, each in O(1): the signing key is still valid, the token is unexpired, its session is not
 * revoked, its credential is active, unexpired and still allows the app, and its owner is active
 * and holds developer access.
 */
@Injectable()
export class AccessTokenVerifier {
  private readonly caches: Record<Environment, BoundedCache<string, AccessTokenClaims>> = {
    production: new BoundedCache(TOKEN_SETTINGS.verifiedTokenCacheEntries),
    sandbox: new BoundedCache(TOKEN_SETTINGS.verifiedTokenCacheEntries),
  };

  constructor(
    @Inject(KeyRing) private readonly keys: Pick<KeyRing, 'verificationKey'>,
    @Inject(EnvironmentIssuers) private readonly issuers: Pick<EnvironmentIssuers, 'issuer'>,
    @Inject(SESSION_REVOCATIONS) private readonly sessions: SessionRevocations,
    @Inject(TOKEN_DIRECTORY) private readonly directory: TokenDirectory,
    private readonly clock: Clock,
  ) {}

  /**
   * An authentic access token of this environment (signed by one of its access-token keys that is
   * not retired), expired or not; null for anything else.
   */
  async authenticate(environment: Environment, token: string): Promise<AuthenticatedAccessToken | null> {
    if (token.length > TOKEN_SETTINGS.maxTokenLength || !COMPACT_JWS.test(token)) return null;
    const digest = hash('sha256', token, 'base64url');
    const cache = this.caches[environment];
    const known = cache.get(digest);
    if (known) {
      if (this.keys.verificationKey(environment, 'access_token', known.kid)) return { claims: known, expired: this.expired(known) };
      cache.delete(digest);
      return null;
    }
    const claims = await this.verify(environment, token);
    if (!claims) return null;
    cache.set(digest, claims);
    return { claims, expired: this.expired(claims) };
  }

  /** The token when it is authentic, unexpired and live right now; else null. */
  async live(environment: Environment, token: string): Promise<LiveAccessToken | null> {
    const authenticated = await this.authenticate(environment, token);
    if (!authenticated || authenticated.expired) return null;
    const { claims } = authenticated;
    if (this.sessions.isRevoked(claims.sessionId)) return null;
    const client = this.directory.client(claims.clientId);
    if (!client || client.environment !== environment) return null;
    const entry = this.directory.allowlistEntry(claims.credentialId);
    if (!entry) return null;
    const failure = checkCredential({
      entry,
      owner: this.directory.ownerStanding(entry),
      environment,
      client,
      now: Math.floor(this.clock.nowMs() / 1000),
      subject: claims.subject,
    });
    if (failure) return null;
    return {
      environment,
      environmentUserId: claims.subject,
      userId: entry.ownerId,
      organizationId: entry.organizationId,
      clientId: claims.clientId,
      credentialId: claims.credentialId,
      sessionId: claims.sessionId,
      scopes: claims.scope === '' ? [] : claims.scope.split(' '),
      issuedAt: claims.issuedAt,
      expiresAt: claims.expiresAt,
      issuer: claims.issuer,
    };
  }

  private expired(claims: AccessTokenClaims): boolean {
    return claims.expiresAt <= Math.floor(this.clock.nowMs() / 1000);
  }

  private async verify(environment: Environment, token: string): Promise<AccessTokenClaims | null> {
    const header = decodeJwsHeader(token);
    const kid = header?.kid;
    if (typeof kid !== 'string' || !this.keys.verificationKey(environment, 'access_token', kid)) return null;
    if (header?.crit !== undefined || header?.b64 !== undefined) return null;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keyResolver(environment), this.verifyOptions(environment)));
    } catch (error) {
      if ((error as { code?: string }).code !== 'ERR_JWT_EXPIRED') return null;
      payload = (error as { payload: JWTPayload }).payload;
    }
    const { iss, sub, client_id, scope, sid, cid, iat, exp } = payload;
    if (
      typeof iss !== 'string' ||
      typeof sub !== 'string' ||
      typeof client_id !== 'string' ||
      typeof scope !== 'string' ||
      typeof sid !== 'string' ||
      typeof cid !== 'string' ||
      typeof iat !== 'number' ||
      typeof exp !== 'number'
    ) {
      return null;
    }
    return { issuer: iss, subject: sub, clientId: client_id, scope, sessionId: sid, credentialId: cid, issuedAt: iat, expiresAt: exp, kid };
  }

  private keyResolver(environment: Environment) {
    return (protectedHeader: { kid?: string }) => {
      const key = typeof protectedHeader.kid === 'string' ? this.keys.verificationKey(environment, 'access_token', protectedHeader.kid) : null;
      if (!key) throw Object.assign(new Error('no matching key'), { code: 'ERR_JWKS_NO_MATCHING_KEY' });
      return key.publicKey;
    };
  }

  private verifyOptions(environment: Environment): JWTVerifyOptions {
    const issuer = this.issuers.issuer(environment);
    return {
      algorithms: ['ES256'],
      typ: 'at+jwt',
      issuer,
      audience: resourceAudience(issuer),
      requiredClaims: REQUIRED_CLAIMS,
      currentDate: new Date(this.clock.nowMs()),
    };
  }
}

import { hash } from 'node:crypto';
import { type JWTPayload, type JWTVerifyOptions, jwtVerify } from 'jose';
import { CREDENTIAL_JWT_TYPE } from '@latchkey/credentials';
import { Inject, Injectable } from '@nestjs/common';
import { EnvironmentIssuers, KeyRing } from '@latchkey/keys';
import { Clock, type Environment, otherEnvironment } from '@latchkey/building-blocks';
import { BoundedCache } from '../bounded-cache';
import { COMPACT_JWS, decodeJwsHeader, describeJoseFailure } from '../compact-jws';
import { GRANT_MESSAGES, type OAuthError, OAuthErrors } from '../oauth-error';
import { TOKEN_SETTINGS } from '../token-settings';

/** The claims of a credential JWT whose signature, algorithm, type, issuer and audience were verified. */
export interface VerifiedCredentialJwt {
  /** `jti`: the credential id. */
  credentialId: string;
  /** `sub`: the owner's user id in the environment. */
  subject: string;
  /** `exp`, epoch seconds. */
  expiresAt: number;
  /** The key that signed it: it must still verify on every later use. */
  kid: string;
}

export interface CheckedAssertion {
  jwt: VerifiedCredentialJwt;
  /** `exp` has passed, beyond the clock tolerance (the caller answers OAU-210 in its turn). */
  expired: boolean;
  /** The signature check was skipped: the same token verified before. */
  cached: boolean;
}

const REQUIRED_CLAIMS = ['exp', 'sub', 'jti', 'iss', 'aud'];

/**
 * Validates credential JWTs presented with the jwt-bearer grant (RFC 7523).
 *
 * Only compact JWS; only ES256; the key is found by the header's `kid` alone in the key ring
 * (credential keys of this environment that are not retired). `jwk`, `jku`, `x5u`, `x5c` and any
 * other key-carrying header is ignored, so nothing is ever fetched. `typ` must be
 * `credential+jwt`, `iss` this environment's issuer and `aud` its token endpoint.
 *
 * A verified token is remembered by the SHA-256 of its text, so presenting it again skips the
 * signature check; the key must still be valid (not retired) on every use, and the caller
 * re-checks the credential's state every time.
 */
@Injectable()
export class CredentialAssertionValidator {
  private readonly caches: Record<Environment, BoundedCache<string, VerifiedCredentialJwt>> = {
    production: new BoundedCache(TOKEN_SETTINGS.verifiedTokenCacheEntries),
    sandbox: new BoundedCache(TOKEN_SETTINGS.verifiedTokenCacheEntries),
  };
  private readonly clockToleranceSeconds = TOKEN_SETTINGS.credentialClockToleranceSeconds;
  private readonly maxLength = TOKEN_SETTINGS.maxTokenLength;

  constructor(
    @Inject(KeyRing) private readonly keys: Pick<KeyRing, 'verificationKey'>,
    @Inject(EnvironmentIssuers) private readonly issuers: Pick<EnvironmentIssuers, 'issuer' | 'tokenEndpoint'>,
    private readonly clock: Clock,
  ) {}

  /** Checks a credential JWT; throws an OAuthError (OAU-216, or OAU-214 for a credential of the other environment). */
  async validate(environment: Environment, assertion: string): Promise<CheckedAssertion> {
    if (assertion.length > this.maxLength) throw invalid(`the token is longer than ${this.maxLength} characters`);
    if (!COMPACT_JWS.test(assertion)) throw invalid('a compact JWS is required');
    const digest = digestOf(assertion);
    const cache = this.caches[environment];
    const now = this.clock.nowMs();
    const known = cache.get(digest);
    if (known) {
      if (this.keys.verificationKey(environment, 'credential', known.kid)) return { jwt: known, expired: this.expired(known, now), cached: true };
      cache.delete(digest);
    }
    const jwt = await this.verify(environment, assertion, now);
    cache.set(digest, jwt);
    return { jwt, expired: this.expired(jwt, now), cached: false };
  }

  /**
   * What `validate` answers for a token verified before whose key is still valid, synchronously
   * (the token endpoint's common case); null for anything else, which `validate` must check. The
   * format checks are not repeated: a remembered token passed them.
   */
  remembered(environment: Environment, assertion: string): CheckedAssertion | null {
    if (assertion.length > this.maxLength) return null;
    const known = this.caches[environment].get(digestOf(assertion));
    if (!known || !this.keys.verificationKey(environment, 'credential', known.kid)) return null;
    return { jwt: known, expired: this.expired(known, this.clock.nowMs()), cached: true };
  }

  /** Forgets every verified token (e.g. after keys were retired). */
  clearCache(): void {
    this.caches.production.clear();
    this.caches.sandbox.clear();
  }

  private expired(jwt: VerifiedCredentialJwt, nowMs: number): boolean {
    return jwt.expiresAt <= Math.floor(nowMs / 1000) - this.clockToleranceSeconds;
  }

  private async verify(environment: Environment, assertion: string, now: number): Promise<VerifiedCredentialJwt> {
    const header = decodeJwsHeader(assertion);
    if (!header) throw invalid('the header is not a JSON object');
    if (header.crit !== undefined || header.b64 !== undefined) throw invalid('the token uses an unsupported feature');
    const kid = header.kid;
    if (typeof kid !== 'string' || kid === '' || kid.length > 256) throw invalid('the header names no signing key');
    if (!this.keys.verificationKey(environment, 'credential', kid)) {
      if (await this.verifiesIn(otherEnvironment(environment), assertion, now)) {
        throw OAuthErrors.invalidGrant('OAU-214', GRANT_MESSAGES.otherEnvironment);
      }
      throw invalid('the signing key is unknown');
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(assertion, this.keyResolver(environment), this.verifyOptions(environment, now)));
    } catch (error) {
      // Claims are checked after the signature: an expired token is authentic, and its expiry is
      // answered after the credential's own state (revoked, owner deactivated) has been checked.
      if ((error as { code?: string }).code !== 'ERR_JWT_EXPIRED') throw invalid(describeJoseFailure(error));
      payload = (error as { payload: JWTPayload }).payload;
    }
    const { jti, sub, exp } = payload;
    if (typeof jti !== 'string' || jti === '' || jti.length > 200) throw invalid('the jti claim is invalid');
    if (typeof sub !== 'string' || sub === '') throw invalid('the sub claim is invalid');
    if (typeof exp !== 'number') throw invalid('the exp claim is invalid');
    return { credentialId: jti, subject: sub, expiresAt: exp, kid };
  }

  /** Whether the token is an authentic credential of `environment` (used to tell OAU-214 from OAU-216). */
  private async verifiesIn(environment: Environment, assertion: string, now: number): Promise<boolean> {
    try {
      await jwtVerify(assertion, this.keyResolver(environment), this.verifyOptions(environment, now));
      return true;
    } catch (error) {
      return (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
    }
  }

  private keyResolver(environment: Environment) {
    return (protectedHeader: { kid?: string }) => {
      const key = typeof protectedHeader.kid === 'string' ? this.keys.verificationKey(environment, 'credential', protectedHeader.kid) : null;
      if (!key) throw Object.assign(new Error('no matching key'), { code: 'ERR_JWKS_NO_MATCHING_KEY' });
      return key.publicKey;
    };
  }

  private verifyOptions(environment: Environment, now: number): JWTVerifyOptions {
    return {
      algorithms: ['ES256'],
      typ: CREDENTIAL_JWT_TYPE,
      issuer: this.issuers.issuer(environment),
      audience: this.issuers.tokenEndpoint(environment),
      requiredClaims: REQUIRED_CLAIMS,
      clockTolerance: this.clockToleranceSeconds,
      currentDate: new Date(now),
    };
  }
}

/** The SHA-256 of a token's text, base64url (one-shot `hash`: half the cost of a Hash object). */
const digestOf = (token: string): string => hash('sha256', token, 'base64url');

function invalid(reason: string): OAuthError {
  return OAuthErrors.invalidGrant('OAU-216', `Invalid credential JWT: ${reason}`);
}

import { randomUUID } from 'node:crypto';
import { AddressAllowlist, Clock, type Environment } from '@latchkey/building-blocks';
import type { AccessTokenIssuer } from '../../shared/access-tokens/access-token-issuer';
import type { SessionRevocations } from '../../shared/access-tokens/access-token-verifier';
import type { ClientAuthenticator } from '../../shared/client-authentication/client-authenticator';
import type { CredentialAssertionValidator } from '../../shared/credential-assertion/credential-assertion-validator';
import { checkCredential } from '../../shared/credential-assertion/credential-policy';
import type { AllowlistEntry, DirectoryClient, TokenDirectory } from '../../shared/token-directory/token-directory';
import type { OAuthSessions } from '../../shared/oauth-sessions/oauth-sessions';
import type { RefreshTokenCodec } from '../../shared/refresh-tokens/refresh-token-codec';
import { usableRefreshToken } from '../../shared/refresh-tokens/usable-refresh-token';
import { type AuthApiRequest, requiredParam } from '../../shared/auth-api-request';
import { GRANT_MESSAGES, OAuthErrors } from '../../shared/oauth-error';
import { clampTtl, TOKEN_SETTINGS } from '../../shared/token-settings';
import type { UsageRecorder } from '../../shared/usage/usage-recorder';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
export const REFRESH_TOKEN_GRANT = 'refresh_token';

/** The token response, field for field as RingCentral's Auth API answers it. */
export interface TokenResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  refresh_token?: string;
  refresh_token_expires_in?: number;
  scope: string;
  owner_id: string;
  endpoint_id: string;
}

export interface TokenEndpointDependencies {
  clients: Pick<ClientAuthenticator, 'authenticate'>;
  directory: TokenDirectory;
  assertions: Pick<CredentialAssertionValidator, 'validate' | 'remembered'>;
  accessTokens: Pick<AccessTokenIssuer, 'issue'>;
  refreshTokens: Pick<RefreshTokenCodec, 'encode' | 'decode'>;
  sessions: Pick<OAuthSessions, 'rotate'>;
  revokedSessions: SessionRevocations;
  usage: Pick<UsageRecorder, 'record' | 'refused'>;
  clock: Clock;
}

const ENDPOINT_ID = /^[A-Za-z0-9._~-]+$/;

/**
 * The compiled allowlist of each entry's `allowedAddresses` (a frozen array, replaced whenever the
 * allowlist changes): compiled once, collected with the entry.
 */
const addressAllowlists = new WeakMap<readonly string[], AddressAllowlist>();

function addressAllowed(entry: AllowlistEntry, address: string): boolean {
  const ranges = entry.allowedAddresses;
  if (!ranges || ranges.length === 0) return true;
  let allowlist = addressAllowlists.get(ranges);
  if (!allowlist) addressAllowlists.set(ranges, (allowlist = new AddressAllowlist(ranges)));
  return allowlist.allows(address);
}

interface Grant {
  client: DirectoryClient;
  entry: AllowlistEntry;
  scope: string;
  sessionId: string;
  generation: number;
  endpointId: string;
}

/**
 * `POST /restapi/oauth/token`: the jwt-bearer grant (RFC 7523) and the refresh grant. Throws
 * OAuthError for every refusal. The jwt-bearer exchange writes nothing: its session exists only
 * in the tokens until it is first refreshed or revoked.
 */
export class TokenEndpoint {
  constructor(private readonly deps: TokenEndpointDependencies) {}

  async handle(environment: Environment, request: AuthApiRequest): Promise<TokenResponse> {
    const grantType = requiredParam(request.params, 'grant_type');
    const client = await this.deps.clients.authenticate(environment, request);
    switch (grantType) {
      case JWT_BEARER_GRANT:
        return this.jwtBearer(environment, client, request);
      case REFRESH_TOKEN_GRANT:
        return this.refresh(environment, client, request);
      default:
        throw OAuthErrors.unsupportedGrantType();
    }
  }

  private async jwtBearer(environment: Environment, client: DirectoryClient, request: AuthApiRequest): Promise<TokenResponse> {
    if (!client.grantTypes.includes('jwt_bearer')) throw OAuthErrors.unauthorizedClient(JWT_BEARER_GRANT);
    const { params } = request;
    const assertion = requiredParam(params, 'assertion');
    const scope = grantedScope(params.get('scope'), client.scopes);
    const endpointId = endpointIdOf(params.get('endpoint_id')) ?? randomId();
    const checked = this.deps.assertions.remembered(environment, assertion) ?? (await this.deps.assertions.validate(environment, assertion));
    const entry = this.deps.directory.allowlistEntry(checked.jwt.credentialId);
    const owner = entry ? this.deps.directory.ownerStanding(entry) : 'deactivated';
    const nowMs = this.deps.clock.nowMs();
    const refusal = checkCredential({
      entry,
      owner,
      environment,
      client,
      now: Math.floor(nowMs / 1000),
      subject: checked.jwt.subject,
      assertionExpired: checked.expired,
    });
    if (refusal || !entry) throw refusal;
    this.requireAllowedAddress(entry, client, request, nowMs);
    this.deps.usage.record(entry.credentialId, client.clientId, nowMs, request.address, request.userAgent);
    return this.issue(environment, request, { client, entry, scope, sessionId: newSessionId(), generation: 0, endpointId });
  }

  private async refresh(environment: Environment, client: DirectoryClient, request: AuthApiRequest): Promise<TokenResponse> {
    if (!client.grantTypes.includes('refresh_token')) throw OAuthErrors.unauthorizedClient(REFRESH_TOKEN_GRANT);
    const { params } = request;
    const presented = requiredParam(params, 'refresh_token');
    const requestedScope = params.get('scope');
    const nowMs = this.deps.clock.nowMs();
    const now = Math.floor(nowMs / 1000);
    const claims = usableRefreshToken(this.deps, presented, environment, client, now);
    if (!claims) throw OAuthErrors.invalidGrant('OAU-213', GRANT_MESSAGES.refreshTokenInvalid);
    const sessionScopes = claims.scope === '' ? [] : claims.scope.split(' ');
    const allowedScopes = sessionScopes.filter((s) => client.scopes.includes(s));
    const scope = grantedScope(requestedScope, allowedScopes);
    const entry = this.deps.directory.allowlistEntry(claims.credentialId);
    const owner = entry ? this.deps.directory.ownerStanding(entry) : 'deactivated';
    const refusal = checkCredential({ entry, owner, environment, client, now });
    if (refusal || !entry) throw refusal;
    // Before the rotation: a refresh refused for its address leaves the refresh token usable from an allowed one.
    this.requireAllowedAddress(entry, client, request, nowMs);
    const outcome = await this.deps.sessions.rotate(
      { sessionId: claims.sessionId, clientId: client.clientId, credentialId: entry.credentialId, environment, correlationId: request.correlationId },
      claims.generation,
      new Date(nowMs),
    );
    if (outcome === 'revoked') throw OAuthErrors.invalidGrant('OAU-213', GRANT_MESSAGES.refreshTokenInvalid);
    return this.issue(environment, request, {
      client,
      entry,
      scope,
      sessionId: claims.sessionId,
      generation: claims.generation + 1,
      endpointId: claims.endpointId,
    });
  }

  /** `OAU-281` for a client address outside the credential's allowlist; the refusal is recorded (thinned, batched). */
  private requireAllowedAddress(entry: AllowlistEntry, client: DirectoryClient, request: AuthApiRequest, nowMs: number): void {
    if (addressAllowed(entry, request.address)) return;
    this.deps.usage.refused(entry.credentialId, client.clientId, request.address, nowMs);
    throw OAuthErrors.invalidGrant('OAU-281', GRANT_MESSAGES.addressNotAllowed);
  }

  private async issue(environment: Environment, request: AuthApiRequest, grant: Grant): Promise<TokenResponse> {
    const { client, entry } = grant;
    const issuedAt = Math.floor(this.deps.clock.nowMs() / 1000);
    const accessTtl = clampTtl(request.params.get('access_token_ttl'), TOKEN_SETTINGS.accessTokenTtl);
    const accessToken = await this.deps.accessTokens.issue({
      environment,
      subject: entry.ownerEnvironmentUserId,
      clientId: client.clientId,
      scope: grant.scope,
      sessionId: grant.sessionId,
      credentialId: entry.credentialId,
      issuedAt,
      ttlSeconds: accessTtl,
    });
    let refresh: { refresh_token: string; refresh_token_expires_in: number } | null = null;
    if (client.grantTypes.includes('refresh_token')) {
      const refreshTtl = clampTtl(request.params.get('refresh_token_ttl'), TOKEN_SETTINGS.refreshTokenTtl);
      const refreshToken = this.deps.refreshTokens.encode({
        sessionId: grant.sessionId,
        generation: grant.generation,
        credentialId: entry.credentialId,
        clientId: client.clientId,
        environment,
        scope: grant.scope,
        endpointId: grant.endpointId,
        issuedAt,
        expiresAt: issuedAt + refreshTtl,
      });
      refresh = { refresh_token: refreshToken, refresh_token_expires_in: refreshTtl };
    }
    return {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: accessTtl,
      ...refresh,
      scope: grant.scope,
      owner_id: entry.ownerEnvironmentUserId,
      endpoint_id: grant.endpointId,
    };
  }
}

/** The requested scopes (space-separated) when all are allowed; all allowed ones when none are requested. */
export function grantedScope(requested: string | undefined, allowed: readonly string[]): string {
  if (requested === undefined || requested.trim() === '') return allowed.join(' ');
  const scopes = [...new Set(requested.split(' ').filter((s) => s !== ''))];
  if (scopes.some((s) => !allowed.includes(s))) throw OAuthErrors.invalidScope();
  return scopes.join(' ');
}

function endpointIdOf(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  if (raw.length > TOKEN_SETTINGS.maxEndpointIdLength || !ENDPOINT_ID.test(raw))
    throw OAuthErrors.invalidRequest('Parameter [endpoint_id] is invalid');
  return raw;
}

/**
 * 122 random bits as 32 hex characters. `randomUUID` draws from a pooled buffer of random bytes, so
 * this costs no system call per request (unlike `randomBytes` for small sizes).
 */
function randomId(): string {
  const uuid = randomUUID();
  return uuid.slice(0, 8) + uuid.slice(9, 13) + uuid.slice(14, 18) + uuid.slice(19, 23) + uuid.slice(24);
}
const newSessionId = randomId;

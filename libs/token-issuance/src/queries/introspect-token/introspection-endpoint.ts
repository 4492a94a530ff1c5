import type { EnvironmentIssuers } from '@latchkey/keys';
import { Clock, type Environment } from '@latchkey/building-blocks';
import type { AccessTokenVerifier, SessionRevocations } from '../../shared/access-tokens/access-token-verifier';
import type { ClientAuthenticator } from '../../shared/client-authentication/client-authenticator';
import { checkCredential } from '../../shared/credential-assertion/credential-policy';
import type { DirectoryClient, TokenDirectory } from '../../shared/token-directory/token-directory';
import type { OAuthSessions } from '../../shared/oauth-sessions/oauth-sessions';
import { REFRESH_TOKEN_PREFIX, type RefreshTokenCodec } from '../../shared/refresh-tokens/refresh-token-codec';
import { usableRefreshToken } from '../../shared/refresh-tokens/usable-refresh-token';
import { type AuthApiRequest, requiredParam } from '../../shared/auth-api-request';
import { TOKEN_SETTINGS } from '../../shared/token-settings';

export type IntrospectionResponse =
  | { active: false }
  | {
      active: true;
      scope: string;
      client_id: string;
      sub: string;
      owner_id: string;
      exp: number;
      iat: number;
      iss: string;
      token_type: 'Bearer' | 'refresh_token';
    };

export interface IntrospectionEndpointDependencies {
  clients: Pick<ClientAuthenticator, 'authenticate'>;
  accessTokens: Pick<AccessTokenVerifier, 'live'>;
  refreshTokens: Pick<RefreshTokenCodec, 'decode'>;
  sessions: Pick<OAuthSessions, 'state'>;
  revokedSessions: SessionRevocations;
  directory: TokenDirectory;
  issuers: Pick<EnvironmentIssuers, 'issuer'>;
  clock: Clock;
}

const INACTIVE: IntrospectionResponse = Object.freeze({ active: false });

/**
 * `POST /restapi/oauth/introspect` (RFC 7662). A token is active only when it is authentic, of this
 * environment, issued to the calling client, unexpired, and live by the same checks the Platform
 * API makes; anything else is `{active: false}` and nothing more. A refresh token is active only
 * while it is its session's current one.
 */
export class IntrospectionEndpoint {
  constructor(private readonly deps: IntrospectionEndpointDependencies) {}

  async handle(environment: Environment, request: AuthApiRequest): Promise<IntrospectionResponse> {
    const client = await this.deps.clients.authenticate(environment, request);
    const token = requiredParam(request.params, 'token');
    if (token.length > TOKEN_SETTINGS.maxTokenLength) return INACTIVE;
    if (token.startsWith(REFRESH_TOKEN_PREFIX)) return this.refreshToken(environment, client, token);
    const live = await this.deps.accessTokens.live(environment, token);
    if (!live || live.clientId !== client.clientId) return INACTIVE;
    return {
      active: true,
      scope: live.scopes.join(' '),
      client_id: live.clientId,
      sub: live.environmentUserId,
      owner_id: live.environmentUserId,
      exp: live.expiresAt,
      iat: live.issuedAt,
      iss: live.issuer,
      token_type: 'Bearer',
    };
  }

  private async refreshToken(environment: Environment, client: DirectoryClient, token: string): Promise<IntrospectionResponse> {
    const now = Math.floor(this.deps.clock.nowMs() / 1000);
    const claims = usableRefreshToken(this.deps, token, environment, client, now);
    if (!claims) return INACTIVE;
    const entry = this.deps.directory.allowlistEntry(claims.credentialId);
    if (!entry || checkCredential({ entry, owner: this.deps.directory.ownerStanding(entry), environment, client, now })) return INACTIVE;
    const session = await this.deps.sessions.state(claims.sessionId);
    if (session.revoked || session.generation !== claims.generation) return INACTIVE;
    return {
      active: true,
      scope: claims.scope,
      client_id: claims.clientId,
      sub: entry.ownerEnvironmentUserId,
      owner_id: entry.ownerEnvironmentUserId,
      exp: claims.expiresAt,
      iat: claims.issuedAt,
      iss: this.deps.issuers.issuer(environment),
      token_type: 'refresh_token',
    };
  }
}

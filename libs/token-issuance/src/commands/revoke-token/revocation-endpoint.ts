import { Clock, type Environment } from '@latchkey/building-blocks';
import type { AccessTokenVerifier } from '../../shared/access-tokens/access-token-verifier';
import type { ClientAuthenticator } from '../../shared/client-authentication/client-authenticator';
import type { OAuthSessions, SessionReference } from '../../shared/oauth-sessions/oauth-sessions';
import { REFRESH_TOKEN_PREFIX, type RefreshTokenCodec } from '../../shared/refresh-tokens/refresh-token-codec';
import { type AuthApiRequest, requiredParam } from '../../shared/auth-api-request';
import { TOKEN_SETTINGS } from '../../shared/token-settings';

export interface RevocationEndpointDependencies {
  clients: Pick<ClientAuthenticator, 'authenticate'>;
  accessTokens: Pick<AccessTokenVerifier, 'authenticate'>;
  refreshTokens: Pick<RefreshTokenCodec, 'decode'>;
  sessions: Pick<OAuthSessions, 'revoke'>;
  clock: Clock;
}

/**
 * `POST /restapi/oauth/revoke` (RFC 7009): an access or refresh token ends its whole session.
 * Unknown, invalid or expired tokens, and tokens issued to another client, change nothing and
 * get the same empty `200`.
 */
export class RevocationEndpoint {
  constructor(private readonly deps: RevocationEndpointDependencies) {}

  async handle(environment: Environment, request: AuthApiRequest): Promise<void> {
    const client = await this.deps.clients.authenticate(environment, request);
    const token = requiredParam(request.params, 'token');
    const session = await this.sessionOf(environment, token, request.correlationId);
    if (!session || session.clientId !== client.clientId) return;
    await this.deps.sessions.revoke(session, 'revoked_by_client', new Date(this.deps.clock.nowMs()));
  }

  /** The session an authentic token of this environment belongs to, expired or not. */
  private async sessionOf(environment: Environment, token: string, correlationId: string): Promise<SessionReference | null> {
    if (token.length > TOKEN_SETTINGS.maxTokenLength) return null;
    if (token.startsWith(REFRESH_TOKEN_PREFIX)) {
      const claims = this.deps.refreshTokens.decode(token);
      if (!claims || claims.environment !== environment) return null;
      return { sessionId: claims.sessionId, clientId: claims.clientId, credentialId: claims.credentialId, environment, correlationId };
    }
    const access = await this.deps.accessTokens.authenticate(environment, token);
    if (!access) return null;
    const { claims } = access;
    return { sessionId: claims.sessionId, clientId: claims.clientId, credentialId: claims.credentialId, environment, correlationId };
  }
}

import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { IdentityModule } from '@latchkey/identity';
import { OrganizationsModule } from '@latchkey/organizations';
import { CredentialsModule } from '@latchkey/credentials';
import { tokenEndpointProvider } from './commands/issue-token/token-endpoint.provider';
import { revocationEndpointProvider } from './commands/revoke-token/revocation-endpoint.provider';
import { AuthApi } from './http/auth-api';
import { AuthApiDiscovery } from './queries/discovery/auth-api-discovery';
import { introspectionEndpointProvider } from './queries/introspect-token/introspection-endpoint.provider';
import { VerifyAccessTokenHandler } from './queries/verify-access-token/verify-access-token.handler';
import { RevokedSessionsProjection } from './read-models/revoked-sessions/revoked-sessions.projection';
import { AccessTokenIssuer } from './shared/access-tokens/access-token-issuer';
import { AccessTokenVerifier, SESSION_REVOCATIONS } from './shared/access-tokens/access-token-verifier';
import { ClientAuthenticator } from './shared/client-authentication/client-authenticator';
import { CredentialAssertionValidator } from './shared/credential-assertion/credential-assertion-validator';
import { EventSourcedOAuthSessions, OAUTH_SESSIONS } from './shared/oauth-sessions/oauth-sessions';
import { refreshTokenCodecProvider } from './shared/refresh-tokens/refresh-token-codec.provider';
import { ModuleTokenDirectory } from './shared/token-directory/module-token-directory';
import { TOKEN_DIRECTORY } from './shared/token-directory/token-directory';
import { CredentialUsageRecorder } from './shared/usage/credential-usage-recorder';
import { UsageRecorder } from './shared/usage/usage-recorder';

/**
 * The Auth API of both environments: token (jwt-bearer and refresh grants), revocation,
 * introspection, JWKS and RFC 8414 metadata, as Fastify routes; and `VerifyAccessTokenQuery` for
 * resource APIs. It logs its own requests (see `AuthApiLogger`): request logging skips its paths.
 */
@Module({
  // For `UserStatusLookup`, `OrganizationsLookup` and `CredentialsLookup`, the token endpoint's O(1) lookups.
  imports: [IdentityModule, OrganizationsModule, CredentialsModule],
  providers: [
    { provide: TOKEN_DIRECTORY, useClass: ModuleTokenDirectory },
    { provide: OAUTH_SESSIONS, useClass: EventSourcedOAuthSessions },
    RevokedSessionsProjection,
    { provide: SESSION_REVOCATIONS, useExisting: RevokedSessionsProjection },
    { provide: UsageRecorder, useClass: CredentialUsageRecorder },
    refreshTokenCodecProvider,
    CredentialAssertionValidator,
    AccessTokenIssuer,
    AccessTokenVerifier,
    ClientAuthenticator,
    tokenEndpointProvider,
    revocationEndpointProvider,
    introspectionEndpointProvider,
    AuthApiDiscovery,
    AuthApi,
    VerifyAccessTokenHandler,
  ],
})
export class TokenIssuanceModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly authApi: AuthApi,
  ) {}

  /** The Auth API's routes, an encapsulated plugin on the application's Fastify instance. */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (fastify) void fastify.register(this.authApi.plugin());
  }
}

import type { FactoryProvider } from '@nestjs/common';
import { EnvironmentIssuers } from '@latchkey/keys';
import { Clock } from '@latchkey/building-blocks';
import { AccessTokenVerifier, SESSION_REVOCATIONS, type SessionRevocations } from '../../shared/access-tokens/access-token-verifier';
import { ClientAuthenticator } from '../../shared/client-authentication/client-authenticator';
import { OAUTH_SESSIONS, type OAuthSessions } from '../../shared/oauth-sessions/oauth-sessions';
import { RefreshTokenCodec } from '../../shared/refresh-tokens/refresh-token-codec';
import { TOKEN_DIRECTORY, type TokenDirectory } from '../../shared/token-directory/token-directory';
import { IntrospectionEndpoint } from './introspection-endpoint';

/** The framework-free introspection endpoint, given the module's providers. */
export const introspectionEndpointProvider: FactoryProvider<IntrospectionEndpoint> = {
  provide: IntrospectionEndpoint,
  inject: [
    ClientAuthenticator,
    AccessTokenVerifier,
    RefreshTokenCodec,
    OAUTH_SESSIONS,
    SESSION_REVOCATIONS,
    TOKEN_DIRECTORY,
    EnvironmentIssuers,
    Clock,
  ],
  useFactory: (
    clients: ClientAuthenticator,
    accessTokens: AccessTokenVerifier,
    refreshTokens: RefreshTokenCodec,
    sessions: OAuthSessions,
    revokedSessions: SessionRevocations,
    directory: TokenDirectory,
    issuers: EnvironmentIssuers,
    clock: Clock,
  ) => new IntrospectionEndpoint({ clients, accessTokens, refreshTokens, sessions, revokedSessions, directory, issuers, clock }),
};

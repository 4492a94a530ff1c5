import type { FactoryProvider } from '@nestjs/common';
import { Clock } from '@latchkey/building-blocks';
import { AccessTokenIssuer } from '../../shared/access-tokens/access-token-issuer';
import { SESSION_REVOCATIONS, type SessionRevocations } from '../../shared/access-tokens/access-token-verifier';
import { ClientAuthenticator } from '../../shared/client-authentication/client-authenticator';
import { CredentialAssertionValidator } from '../../shared/credential-assertion/credential-assertion-validator';
import { OAUTH_SESSIONS, type OAuthSessions } from '../../shared/oauth-sessions/oauth-sessions';
import { RefreshTokenCodec } from '../../shared/refresh-tokens/refresh-token-codec';
import { TOKEN_DIRECTORY, type TokenDirectory } from '../../shared/token-directory/token-directory';
import { UsageRecorder } from '../../shared/usage/usage-recorder';
import { TokenEndpoint } from './token-endpoint';

/** The framework-free token endpoint, given the module's providers. */
export const tokenEndpointProvider: FactoryProvider<TokenEndpoint> = {
  provide: TokenEndpoint,
  inject: [
    ClientAuthenticator,
    TOKEN_DIRECTORY,
    CredentialAssertionValidator,
    AccessTokenIssuer,
    RefreshTokenCodec,
    OAUTH_SESSIONS,
    SESSION_REVOCATIONS,
    UsageRecorder,
    Clock,
  ],
  useFactory: (
    clients: ClientAuthenticator,
    directory: TokenDirectory,
    assertions: CredentialAssertionValidator,
    accessTokens: AccessTokenIssuer,
    refreshTokens: RefreshTokenCodec,
    sessions: OAuthSessions,
    revokedSessions: SessionRevocations,
    usage: UsageRecorder,
    clock: Clock,
  ) => new TokenEndpoint({ clients, directory, assertions, accessTokens, refreshTokens, sessions, revokedSessions, usage, clock }),
};

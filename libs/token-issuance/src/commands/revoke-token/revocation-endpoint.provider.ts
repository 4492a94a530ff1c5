import type { FactoryProvider } from '@nestjs/common';
import { Clock } from '@latchkey/building-blocks';
import { AccessTokenVerifier } from '../../shared/access-tokens/access-token-verifier';
import { ClientAuthenticator } from '../../shared/client-authentication/client-authenticator';
import { OAUTH_SESSIONS, type OAuthSessions } from '../../shared/oauth-sessions/oauth-sessions';
import { RefreshTokenCodec } from '../../shared/refresh-tokens/refresh-token-codec';
import { RevocationEndpoint } from './revocation-endpoint';

/** The framework-free revocation endpoint, given the module's providers. */
export const revocationEndpointProvider: FactoryProvider<RevocationEndpoint> = {
  provide: RevocationEndpoint,
  inject: [ClientAuthenticator, AccessTokenVerifier, RefreshTokenCodec, OAUTH_SESSIONS, Clock],
  useFactory: (
    clients: ClientAuthenticator,
    accessTokens: AccessTokenVerifier,
    refreshTokens: RefreshTokenCodec,
    sessions: OAuthSessions,
    clock: Clock,
  ) => new RevocationEndpoint({ clients, accessTokens, refreshTokens, sessions, clock }),
};

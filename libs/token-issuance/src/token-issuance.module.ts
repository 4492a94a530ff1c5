import { Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyInstance } from 'fastify';
import { join } from 'node:path';
import { RecordCredentialUsageCommand } from '@latchkey/credentials';
import { EVENT_STORE_OPTIONS, type EventStoreOptions } from '@latchkey/event-store';
import { EnvironmentIssuers, KeyRing } from '@latchkey/keys';
import { IdentityModule } from '@latchkey/identity';
import { OrganizationsModule, PERMISSIONS } from '@latchkey/organizations';
import { Clock, ThrottleStores } from '@latchkey/building-blocks';
import { AccessTokenIssuer } from './access-tokens/access-token-issuer';
import { AccessTokenVerifier } from './access-tokens/access-token-verifier';
import { VerifyAccessTokenHandler } from './access-tokens/verify-access-token.handler';
import { ClientAuthenticator } from './client-authentication/client-authenticator';
import { CredentialAssertionValidator } from './credential-assertion/credential-assertion-validator';
import { ModuleTokenDirectory } from './directory/module-token-directory';
import { TOKEN_DIRECTORY, type TokenDirectory } from './directory/token-directory';
import { authorizationServerMetadata } from './discovery/authorization-server-metadata';
import { authApiPlugin } from './http/auth-api.routes';
import { IntrospectionEndpoint } from './introspect-token/introspection-endpoint';
import { TokenEndpoint } from './issue-token/token-endpoint';
import { RevocationEndpoint } from './revoke-token/revocation-endpoint';
import { EventSourcedOAuthSessions, OAUTH_SESSIONS, type OAuthSessions } from './sessions/oauth-sessions';
import { RefreshTokenCodec } from './sessions/refresh-token-codec';
import { loadOrCreateRefreshTokenSecret } from './sessions/refresh-token-secret';
import { RevokedSessionsProjection } from './sessions/revoked-sessions.projection';
import { TOKEN_SETTINGS } from './shared/token-settings';
import { UsageRecorder } from './usage/usage-recorder';

/** The refresh-token MAC key lives beside the embedded store (DATA_DIR), or in memory with the memory store. */
export const REFRESH_TOKEN_SECRET_FILE = 'refresh-token.key';

function refreshTokenSecretPath(moduleRef: ModuleRef): string | null {
  let options: EventStoreOptions | undefined;
  try {
    options = moduleRef.get<EventStoreOptions>(EVENT_STORE_OPTIONS, { strict: false });
  } catch {
    options = undefined;
  }
  return options && options.kind !== 'memory' ? join(options.dataDir, REFRESH_TOKEN_SECRET_FILE) : null;
}

/**
 * The Auth API of both environments: token (jwt-bearer and refresh grants), revocation,
 * introspection, JWKS and RFC 8414 metadata, as Fastify routes; and `VerifyAccessTokenQuery` for
 * resource APIs.
 * It logs its own requests (see `AuthApiLogger`): request logging skips its paths.
 */
@Module({
  // For `UserStatusLookup` and `OrganizationsLookup`, the token endpoint's O(1) lookups.
  imports: [IdentityModule, OrganizationsModule],
  providers: [
    { provide: TOKEN_DIRECTORY, useClass: ModuleTokenDirectory },
    { provide: OAUTH_SESSIONS, useClass: EventSourcedOAuthSessions },
    RevokedSessionsProjection,
    {
      provide: RefreshTokenCodec,
      inject: [ModuleRef],
      useFactory: (moduleRef: ModuleRef) => new RefreshTokenCodec(loadOrCreateRefreshTokenSecret(refreshTokenSecretPath(moduleRef))),
    },
    {
      provide: CredentialAssertionValidator,
      inject: [KeyRing, EnvironmentIssuers, Clock],
      useFactory: (keys: KeyRing, issuers: EnvironmentIssuers, clock: Clock) => new CredentialAssertionValidator(keys, issuers, clock),
    },
    {
      provide: AccessTokenIssuer,
      inject: [KeyRing, EnvironmentIssuers],
      useFactory: (keys: KeyRing, issuers: EnvironmentIssuers) => new AccessTokenIssuer(keys, issuers),
    },
    {
      provide: AccessTokenVerifier,
      inject: [KeyRing, EnvironmentIssuers, RevokedSessionsProjection, TOKEN_DIRECTORY, Clock],
      useFactory: (keys: KeyRing, issuers: EnvironmentIssuers, sessions: RevokedSessionsProjection, directory: TokenDirectory, clock: Clock) =>
        new AccessTokenVerifier(keys, issuers, sessions, directory, clock),
    },
    {
      provide: ClientAuthenticator,
      inject: [TOKEN_DIRECTORY, ThrottleStores],
      useFactory: (directory: TokenDirectory, stores: ThrottleStores) => new ClientAuthenticator(directory, stores),
    },
    {
      provide: UsageRecorder,
      inject: [CommandBus],
      useFactory: (commands: CommandBus) => {
        const logger = new Logger('CredentialUsage');
        return new UsageRecorder((usages) => commands.execute(new RecordCredentialUsageCommand(usages)), {
          error: (m, e) => logger.error({ err: e }, m),
        });
      },
    },
    {
      provide: TokenEndpoint,
      inject: [
        ClientAuthenticator,
        TOKEN_DIRECTORY,
        CredentialAssertionValidator,
        AccessTokenIssuer,
        RefreshTokenCodec,
        OAUTH_SESSIONS,
        RevokedSessionsProjection,
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
        revokedSessions: RevokedSessionsProjection,
        usage: UsageRecorder,
        clock: Clock,
      ) => new TokenEndpoint({ clients, directory, assertions, accessTokens, refreshTokens, sessions, revokedSessions, usage, clock }),
    },
    {
      provide: RevocationEndpoint,
      inject: [ClientAuthenticator, AccessTokenVerifier, RefreshTokenCodec, OAUTH_SESSIONS, Clock],
      useFactory: (
        clients: ClientAuthenticator,
        accessTokens: AccessTokenVerifier,
        refreshTokens: RefreshTokenCodec,
        sessions: OAuthSessions,
        clock: Clock,
      ) => new RevocationEndpoint({ clients, accessTokens, refreshTokens, sessions, clock }),
    },
    {
      provide: IntrospectionEndpoint,
      inject: [
        ClientAuthenticator,
        AccessTokenVerifier,
        RefreshTokenCodec,
        OAUTH_SESSIONS,
        RevokedSessionsProjection,
        TOKEN_DIRECTORY,
        EnvironmentIssuers,
        Clock,
      ],
      useFactory: (
        clients: ClientAuthenticator,
        accessTokens: AccessTokenVerifier,
        refreshTokens: RefreshTokenCodec,
        sessions: OAuthSessions,
        revokedSessions: RevokedSessionsProjection,
        directory: TokenDirectory,
        issuers: EnvironmentIssuers,
        clock: Clock,
      ) => new IntrospectionEndpoint({ clients, accessTokens, refreshTokens, sessions, revokedSessions, directory, issuers, clock }),
    },
    VerifyAccessTokenHandler,
  ],
})
export class TokenIssuanceModule implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuthApi');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly keys: KeyRing,
    private readonly issuers: EnvironmentIssuers,
    @Inject(TokenEndpoint) private readonly tokens: TokenEndpoint,
    @Inject(RevocationEndpoint) private readonly revocations: RevocationEndpoint,
    @Inject(IntrospectionEndpoint) private readonly introspections: IntrospectionEndpoint,
    @Inject(UsageRecorder) private readonly usage: UsageRecorder,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    void fastify.register(
      authApiPlugin(
        {
          token: (environment, request) => this.tokens.handle(environment, request),
          revoke: (environment, request) => this.revocations.handle(environment, request),
          introspect: (environment, request) => this.introspections.handle(environment, request),
          jwks: (environment) => this.keys.jwks(environment, 'access_token'),
          metadata: (environment) => authorizationServerMetadata(this.issuers, environment, PERMISSIONS),
        },
        {
          error: (message, error) => this.logger.error({ err: error }, message),
          // Plain keys: `req`, `res` and `err` would go through the request logger's serializers.
          failedRequest: ({ id, method, path, statusCode, responseTimeMs }) =>
            this.logger.error({ reqId: id, method, path, statusCode, responseTime: responseTimeMs }, 'request errored'),
          answers: (summary) => this.logger.log(summary, 'Auth API answers'),
        },
      ),
    );
  }

  onApplicationBootstrap(): void {
    this.usage.start(TOKEN_SETTINGS.usageFlushIntervalMs);
  }

  /** Runs after the HTTP server has drained and before the event store closes: the last uses are recorded. */
  async onApplicationShutdown(): Promise<void> {
    await this.usage.stop();
  }
}

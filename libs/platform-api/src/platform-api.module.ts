import { Logger, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { QueryBus } from '@nestjs/cqrs';
import type { FastifyInstance } from 'fastify';
import { DeciderExecutor } from '@latchkey/event-store';
import { EnvironmentIssuers } from '@latchkey/keys';
import { GetMembershipQuery } from '@latchkey/organizations';
import { VerifyAccessTokenQuery } from '@latchkey/token-issuance';
import { PlatformAccess } from './access/platform-access';
import { AccountNamesProjection } from './accounts/account-names.projection';
import { platformAccountDecider } from './accounts/platform-account.decider';
import { PlatformAccounts } from './accounts/platform-accounts';
import { platformApiPlugin } from './http/platform-api.routes';

/**
 * The sample resource API of both environments (account and extension), as Fastify routes
 * guarded by access tokens: the app's scope and the user's permission are both required.
 */
@Module({
  providers: [AccountNamesProjection],
})
export class PlatformApiModule implements OnModuleInit {
  private readonly logger = new Logger('PlatformApi');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly accountNames: AccountNamesProjection,
    private readonly queries: QueryBus,
    private readonly executor: DeciderExecutor,
    private readonly issuers: EnvironmentIssuers,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    const access = new PlatformAccess(
      {
        liveAccessToken: (environment, token) => this.queries.execute(new VerifyAccessTokenQuery(environment, token)),
        membership: (userId) => this.queries.execute(new GetMembershipQuery(userId)),
      },
      (environment) => this.issuers.issuer(environment),
    );
    const accounts = new PlatformAccounts({
      nameOf: (organizationId, environment) => this.accountNames.nameOf(organizationId, environment),
      rename: async (streamName, command, metadata) => {
        await this.executor.execute(platformAccountDecider, streamName, command, { metadata });
      },
      clock: Date.now,
    });
    void fastify.register(platformApiPlugin(access, accounts, { error: (message, error) => this.logger.error({ err: error }, message) }));
  }
}

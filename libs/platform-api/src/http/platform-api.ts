import { Injectable, Logger } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { EnvironmentIssuers } from '@latchkey/keys';
import { GetMembershipQuery } from '@latchkey/organizations';
import { VerifyAccessTokenQuery } from '@latchkey/token-issuance';
import { RenameAccount } from '../commands/rename-account/rename-account';
import { GetAccount } from '../queries/get-account/get-account';
import { GetExtension } from '../queries/get-extension/get-extension';
import { PlatformAccess } from './platform-access';
import { platformApiPlugin } from './platform-api.routes';

/** The Platform API's Fastify plugin over the module's use cases, its access checked through the other modules' queries. */
@Injectable()
export class PlatformApi {
  private readonly logger = new Logger('PlatformApi');

  constructor(
    private readonly queries: QueryBus,
    private readonly issuers: EnvironmentIssuers,
    private readonly getAccount: GetAccount,
    private readonly renameAccount: RenameAccount,
    private readonly getExtension: GetExtension,
  ) {}

  plugin() {
    const access = new PlatformAccess(
      {
        liveAccessToken: (environment, token) => this.queries.execute(new VerifyAccessTokenQuery(environment, token)),
        membership: (userId) => this.queries.execute(new GetMembershipQuery(userId)),
      },
      (environment) => this.issuers.issuer(environment),
    );
    const { getAccount, renameAccount, getExtension } = this;
    return platformApiPlugin(
      access,
      { getAccount, renameAccount, getExtension },
      { error: (message, error) => this.logger.error({ err: error }, message) },
    );
  }
}

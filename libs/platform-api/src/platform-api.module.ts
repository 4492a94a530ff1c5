import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { RenameAccount } from './commands/rename-account/rename-account';
import { PlatformApi } from './http/platform-api';
import { GetAccount } from './queries/get-account/get-account';
import { GetExtension } from './queries/get-extension/get-extension';
import { AccountNamesProjection } from './read-models/account-names/account-names.projection';

/**
 * The sample resource API of both environments (account and extension), as Fastify routes
 * guarded by access tokens: the app's scope and the user's permission are both required.
 */
@Module({
  providers: [AccountNamesProjection, GetAccount, RenameAccount, GetExtension, PlatformApi],
})
export class PlatformApiModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly platformApi: PlatformApi,
  ) {}

  /** The Platform API's routes, an encapsulated plugin on the application's Fastify instance. */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (fastify) void fastify.register(this.platformApi.plugin());
  }
}

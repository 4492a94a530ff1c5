import { Logger, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { defaultConsoleRoot, registerConsole } from './console-static';

/** The web console: the built single-page app served at `/`, talking only to the console API. */
@Module({})
export class ConsoleModule implements OnModuleInit {
  private readonly logger = new Logger('Console');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  async onModuleInit(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    await registerConsole(fastify, { root: defaultConsoleRoot(), warn: (message) => this.logger.warn(message) });
  }
}

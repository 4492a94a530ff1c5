import { type DynamicModule, Inject, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { defaultConsoleRoot, registerConsole } from './console-static';

const CONSOLE_ROOT = Symbol('CONSOLE_ROOT');

/** The web console: the built single-page app served at `/`, talking only to the console API. */
@Module({})
export class ConsoleModule implements OnModuleInit {
  private readonly logger = new Logger('Console');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(CONSOLE_ROOT) private readonly root: string,
  ) {}

  /** `root`: the Vite build output; by default where `npm run build` puts it. */
  static forRoot(root: string = defaultConsoleRoot()): DynamicModule {
    return { module: ConsoleModule, providers: [{ provide: CONSOLE_ROOT, useValue: root }] };
  }

  async onModuleInit(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    await registerConsole(fastify, { root: this.root, warn: (message) => this.logger.warn(message) });
  }
}

import { type DynamicModule, Global, Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { createEventStore, type EventStoreOptions, readModelPath } from '../adapters/create-event-store';
import { EVENT_STORE, type EventStore } from '../port/event-store.port';
import type { ReadModelDb } from '../projections/projection';
import { ProjectionRunner } from '../projections/projection-runner';
import { openReadModelDb } from '../projections/read-model-db';
import { DeciderExecutor } from './decider-executor';

export const READ_MODEL_DB = Symbol('READ_MODEL_DB');
export const EVENT_STORE_OPTIONS = Symbol('EVENT_STORE_OPTIONS');

/**
 * Provides the configured event store, the read-model database and the projection runner.
 * Library modules register their projections with the runner in `onModuleInit`; the runner starts
 * once every module is initialised, and everything closes after the HTTP server has drained.
 */
@Global()
@Module({})
export class EventStoreModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EventStore');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
    private readonly runner: ProjectionRunner,
  ) {}

  static forRoot(options: EventStoreOptions): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        { provide: EVENT_STORE_OPTIONS, useValue: options },
        { provide: EVENT_STORE, useFactory: () => createEventStore(options) },
        { provide: READ_MODEL_DB, useFactory: () => openReadModelDb(readModelPath(options)) },
        {
          provide: ProjectionRunner,
          inject: [EVENT_STORE, READ_MODEL_DB],
          useFactory: (store: EventStore, db: ReadModelDb) => {
            const logger = new Logger('Projections');
            return new ProjectionRunner(store, db, {
              log: (m) => logger.log(m),
              error: (m, e) => logger.error({ err: e }, m),
            });
          },
        },
        DeciderExecutor,
      ],
      exports: [EVENT_STORE, READ_MODEL_DB, ProjectionRunner, DeciderExecutor],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.store.close();
    this.db.close();
    this.logger.log('Event store and read models closed');
  }
}

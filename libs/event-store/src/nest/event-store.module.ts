import { type DynamicModule, Global, Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Clock, Metrics, NO_METRICS, NO_TRACING, Tracing } from '@latchkey/building-blocks';
import { createEventStore, type EventStoreOptions, readModelPath } from '../adapters/create-event-store';
import { observeEventStore } from '../observability/observed-event-store';
import { registerProjectionLag } from '../observability/projection-lag';
import { EVENT_STORE, type EventStore } from '../port/event-store.port';
import type { ReadModelDb } from '../projections/projection';
import { ProjectionRunner } from '../projections/projection-runner';
import { openReadModelDb } from '../projections/read-model-db';
import { IntegrationEventBus } from '../reactions/integration-event-bus';
import { ReactorRunner } from '../reactions/reactor-runner';
import { Scheduler } from '../scheduler/scheduler';
import { DeciderExecutor } from './decider-executor';
import { EventHandlersExplorer } from './event-handlers.explorer';

export const READ_MODEL_DB = Symbol('READ_MODEL_DB');
export const EVENT_STORE_OPTIONS = Symbol('EVENT_STORE_OPTIONS');

/** The application's metrics and tracing when it binds them; nothing is measured or traced otherwise. */
const OPTIONAL_METRICS = { token: Metrics, optional: true };
const OPTIONAL_TRACING = { token: Tracing, optional: true };

/**
 * Provides the configured event store, the read-model database, the projection and reactor
 * runners and the integration event bus. Once every module is initialised, the providers marked
 * `@Projection()`, `@Reactor()` and `@OnIntegrationEvent()` are found and wired, the runners start,
 * and everything closes after the HTTP server has drained.
 */
@Global()
@Module({})
export class EventStoreModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EventStore');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
    private readonly runner: ProjectionRunner,
    private readonly reactors: ReactorRunner,
    private readonly explorer: EventHandlersExplorer,
    private readonly scheduler: Scheduler,
  ) {}

  static forRoot(options: EventStoreOptions): DynamicModule {
    return {
      module: EventStoreModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: EVENT_STORE_OPTIONS, useValue: options },
        {
          provide: EVENT_STORE,
          inject: [OPTIONAL_METRICS, OPTIONAL_TRACING],
          useFactory: (metrics?: Metrics, tracing?: Tracing) =>
            observeEventStore(createEventStore(options), metrics ?? NO_METRICS, tracing ?? NO_TRACING),
        },
        { provide: READ_MODEL_DB, useFactory: () => openReadModelDb(readModelPath(options)) },
        {
          provide: ProjectionRunner,
          inject: [EVENT_STORE, READ_MODEL_DB, OPTIONAL_METRICS, OPTIONAL_TRACING],
          useFactory: (store: EventStore, db: ReadModelDb, metrics?: Metrics, tracing?: Tracing) => {
            const logger = new Logger('Projections');
            const runner = new ProjectionRunner(
              store,
              db,
              {
                log: (m) => logger.log(m),
                error: (m, e) => logger.error({ err: e }, m),
              },
              tracing ?? NO_TRACING,
            );
            registerProjectionLag(metrics ?? NO_METRICS, store, runner);
            return runner;
          },
        },
        {
          provide: ReactorRunner,
          inject: [EVENT_STORE, READ_MODEL_DB],
          useFactory: (store: EventStore, db: ReadModelDb) => {
            const logger = new Logger('Reactions');
            return new ReactorRunner(store, db, {
              log: (m) => logger.log(m),
              error: (m, e) => logger.error({ err: e }, m),
            });
          },
        },
        {
          provide: Scheduler,
          inject: [READ_MODEL_DB, ProjectionRunner, Clock],
          useFactory: (db: ReadModelDb, runner: ProjectionRunner, clock: Clock) => {
            const logger = new Logger('Scheduler');
            return new Scheduler(db, runner, clock, { error: (m, e) => logger.error({ err: e }, m) }, { intervalMs: options.schedulerIntervalMs });
          },
        },
        IntegrationEventBus,
        DeciderExecutor,
        EventHandlersExplorer,
      ],
      exports: [EVENT_STORE, READ_MODEL_DB, ProjectionRunner, ReactorRunner, IntegrationEventBus, DeciderExecutor, Scheduler],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    this.explorer.explore();
    await this.runner.start();
    await this.reactors.start();
    this.scheduler.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.scheduler.stop();
    await this.reactors.stop();
    await this.runner.stop();
    await this.store.close();
    this.db.close();
    this.logger.log('Event store and read models closed');
  }
}

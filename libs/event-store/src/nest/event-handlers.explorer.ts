import { Injectable } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { type Projection, PROJECTION_METADATA } from '../projections/projection';
import { ProjectionRunner } from '../projections/projection-runner';
import {
  INTEGRATION_EVENT_HANDLER_METADATA,
  IntegrationEventBus,
  type IntegrationEvent,
  type IntegrationEventHandler,
} from '../reactions/integration-event-bus';
import { type Reactor, REACTOR_METADATA } from '../reactions/reactor';
import { ReactorRunner } from '../reactions/reactor-runner';
import { type ScheduledJob, SCHEDULED_JOB_METADATA } from '../scheduler/scheduled-job';
import { Scheduler } from '../scheduler/scheduler';

/**
 * Finds every provider marked `@Projection()`, `@Reactor()`, `@ScheduledJob()` or `@OnIntegrationEvent(type)`,
 * in any module, and hands it to the projection runner, the reactor runner, the scheduler or the integration event bus,
 * as `@nestjs/cqrs` finds command handlers. Library modules wire nothing by hand.
 */
@Injectable()
export class EventHandlersExplorer {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly projections: ProjectionRunner,
    private readonly reactors: ReactorRunner,
    private readonly integrationEvents: IntegrationEventBus,
    private readonly scheduler: Scheduler,
  ) {}

  explore(): void {
    const seen = new Set<object>();
    for (const wrapper of this.discovery.getProviders()) {
      const { instance } = wrapper;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic() || seen.has(instance)) continue;
      seen.add(instance);
      // The instance's class, also for providers made by a factory.
      const metatype = (instance as object).constructor;
      if (this.reflector.get(PROJECTION_METADATA, metatype)) this.projections.register(instance as Projection);
      if (this.reflector.get(REACTOR_METADATA, metatype)) this.reactors.register(instance as Reactor);
      if (this.reflector.get(SCHEDULED_JOB_METADATA, metatype)) this.scheduler.register(instance as ScheduledJob);
      const type = this.reflector.get<string | undefined>(INTEGRATION_EVENT_HANDLER_METADATA, metatype);
      if (type) {
        const handler = instance as IntegrationEventHandler<IntegrationEvent>;
        this.integrationEvents.subscribe(type, (event) => handler.handle(event));
      }
    }
  }
}

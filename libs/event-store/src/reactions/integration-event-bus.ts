import { Injectable, SetMetadata } from '@nestjs/common';

export interface IntegrationEvent {
  type: string;
}

/** Handles one type of integration event, published by another module. Must be idempotent. */
export interface IntegrationEventHandler<E extends IntegrationEvent> {
  handle(event: E): Promise<void>;
}

export const INTEGRATION_EVENT_HANDLER_METADATA = 'latchkey:integration-event-handler';

/** Marks a provider as the handler of integration events of `type`: the event-store module subscribes it. */
export const OnIntegrationEvent = (type: string): ClassDecorator => SetMetadata(INTEGRATION_EVENT_HANDLER_METADATA, type);

type Handler = (event: IntegrationEvent) => Promise<void>;

/**
 * Carries integration events between modules. Unlike a fire-and-forget event bus, `publish`
 * resolves only after every handler has finished, and fails if one fails, so the publishing
 * reactor retries and nothing is lost. Handlers must be idempotent.
 */
@Injectable()
export class IntegrationEventBus {
  private readonly handlers = new Map<string, Handler[]>();

  subscribe<E extends IntegrationEvent>(type: E['type'], handler: (event: E) => Promise<void>): void {
    const list = this.handlers.get(type) ?? [];
    list.push(handler as Handler);
    this.handlers.set(type, list);
  }

  async publish(event: IntegrationEvent): Promise<void> {
    for (const handler of this.handlers.get(event.type) ?? []) await handler(event);
  }
}

import { Injectable } from '@nestjs/common';

export interface IntegrationEvent {
  type: string;
}

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

import { Injectable } from '@nestjs/common';
import { Clock } from '@latchkey/building-blocks';
import { DeciderExecutor, type EventData, ProjectionRunner, Reactor, type RecordedEvent } from '@latchkey/event-store';
import { webhookDeliveryDecider } from '../domain/webhook-delivery/webhook-delivery.decider';
import { webhookDeliveryStream } from '../domain/webhook-delivery/webhook-delivery.events';
import { WebhookEndpointsReadModel } from '../read-models/webhooks/webhook-endpoints.read-model';
import { deliveryIdOf, messageIdOf } from '../shared/delivery/message-ids';
import { MESSAGE_SOURCES, webhookMessages } from './webhook-messages';

/**
 * The log is the outbox: every event that makes a webhook message queues one delivery per enabled
 * endpoint of its organization that wants it, as a stream of its own in the event store. Fed at
 * least once from the reactors' checkpointed subscription; queuing is idempotent (the delivery id
 * comes from the event id and the endpoint), so a crash between the event and its delivery, or
 * several instances, lose nothing and queue nothing twice.
 */
@Reactor()
@Injectable()
export class EnqueueDeliveriesWhenEventRecorded implements Reactor {
  readonly name = 'webhooks.enqueue';
  readonly eventTypes = Object.keys(MESSAGE_SOURCES);

  constructor(
    private readonly executor: DeciderExecutor,
    private readonly projections: ProjectionRunner,
    private readonly endpoints: WebhookEndpointsReadModel,
    private readonly clock: Clock,
  ) {}

  async react(event: RecordedEvent<string, EventData>): Promise<void> {
    // The endpoints and subjects must include everything recorded up to this event.
    await this.projections.waitFor(event.position);
    for (const message of webhookMessages(event, (kind, id) => this.endpoints.subject(kind, id))) {
      const messageId = messageIdOf(event.id, message.type);
      for (const endpoint of this.endpoints.subscribed(message.organizationId, message.type)) {
        const deliveryId = deliveryIdOf(messageId, endpoint.webhook_id);
        await this.executor.execute(
          webhookDeliveryDecider,
          webhookDeliveryStream(deliveryId),
          {
            type: 'EnqueueDelivery',
            deliveryId,
            messageId,
            webhookId: endpoint.webhook_id,
            organizationId: message.organizationId,
            eventType: message.type,
            timestamp: message.timestamp,
            data: message.data,
            at: this.clock.now().toISOString(),
          },
          { metadata: { correlationId: event.metadata.correlationId, causationId: event.id, actor: null }, waitForReadModels: false },
        );
      }
    }
  }
}

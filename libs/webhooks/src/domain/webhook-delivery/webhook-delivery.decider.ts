import type { Decider } from '@latchkey/event-store';
import { decide, type WebhookDeliveryCommand } from './webhook-delivery.decide';
import type { WebhookDeliveryEvent } from './webhook-delivery.events';
import { evolve, initialWebhookDeliveryState, type WebhookDeliveryState } from './webhook-delivery.state';

/**
 * One message on its way to one endpoint: queued, then attempts, each claimed (so one instance
 * sends it) and recorded; a failed attempt is retried on the published schedule until the last
 * retry failed; redelivery starts the schedule over with the same message id.
 */
export const webhookDeliveryDecider: Decider<WebhookDeliveryState, WebhookDeliveryCommand, WebhookDeliveryEvent> = {
  initialState: initialWebhookDeliveryState,
  evolve,
  decide,
};

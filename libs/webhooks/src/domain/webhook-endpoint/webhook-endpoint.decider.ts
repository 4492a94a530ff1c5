import type { Decider } from '@latchkey/event-store';
import { decide, type WebhookEndpointCommand } from './webhook-endpoint.decide';
import type { WebhookEndpointEvent } from './webhook-endpoint.events';
import { evolve, initialWebhookEndpointState, type WebhookEndpointState } from './webhook-endpoint.state';

/**
 * A webhook endpoint of an organization: its URL, the event types it wants, its signing secret
 * (sealed) and whether deliveries go out. Disabled by an admin, or by the system after failing for
 * 5 days; deleted for good.
 */
export const webhookEndpointDecider: Decider<WebhookEndpointState, WebhookEndpointCommand, WebhookEndpointEvent> = {
  initialState: initialWebhookEndpointState,
  evolve,
  decide,
};

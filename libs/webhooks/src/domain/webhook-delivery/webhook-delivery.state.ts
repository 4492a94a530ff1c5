import type { EventData } from '@latchkey/event-store';
import type { WebhookDeliveryEvent } from './webhook-delivery.events';

export type DeliveryStatus = 'pending' | 'sending' | 'succeeded' | 'failed';

export interface WebhookDeliveryState {
  exists: boolean;
  deliveryId: string;
  messageId: string;
  webhookId: string;
  type: string;
  timestamp: string;
  data: EventData;
  status: DeliveryStatus;
  /** Attempts claimed so far. */
  attempt: number;
  /** Failed attempts since the message was queued or last redelivered: picks the next wait. */
  failures: number;
  nextAttemptAt: string | null;
  claimedAt: string | null;
}

export const initialWebhookDeliveryState = (): WebhookDeliveryState => ({
  exists: false,
  deliveryId: '',
  messageId: '',
  webhookId: '',
  type: '',
  timestamp: '',
  data: {},
  status: 'pending',
  attempt: 0,
  failures: 0,
  nextAttemptAt: null,
  claimedAt: null,
});

export function evolve(state: WebhookDeliveryState, event: WebhookDeliveryEvent): WebhookDeliveryState {
  switch (event.type) {
    case 'WebhookDeliveryEnqueued': {
      const { deliveryId, messageId, webhookId, type, timestamp, data, enqueuedAt } = event.data;
      return { ...state, exists: true, deliveryId, messageId, webhookId, type, timestamp, data, status: 'pending', nextAttemptAt: enqueuedAt };
    }
    case 'WebhookDeliveryAttemptClaimed':
      return { ...state, status: 'sending', attempt: event.data.attempt, claimedAt: event.data.claimedAt };
    case 'WebhookDeliveryAttempted': {
      const { outcome, nextAttemptAt } = event.data;
      const failures = outcome === 'succeeded' ? state.failures : state.failures + 1;
      const status = outcome === 'succeeded' ? 'succeeded' : nextAttemptAt ? 'pending' : 'failed';
      return { ...state, status, failures, nextAttemptAt, claimedAt: null };
    }
    case 'WebhookRedeliveryRequested':
      return { ...state, status: 'pending', failures: 0, nextAttemptAt: event.data.requestedAt, claimedAt: null };
  }
}

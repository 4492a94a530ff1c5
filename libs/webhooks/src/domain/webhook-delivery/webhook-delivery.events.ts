import type { DomainEvent, EventData } from '@latchkey/event-store';

export const webhookDeliveryStream = (deliveryId: string): string => `webhookDelivery-${deliveryId}`;
export const WEBHOOK_DELIVERY_CATEGORY = 'webhookDelivery';

/**
 * One message for one endpoint, queued. `webhook-id` is `messageId` on every attempt; the body is
 * `{type, timestamp, data}` from these fields, the same on every attempt.
 */
export type WebhookDeliveryEnqueued = DomainEvent<
  'WebhookDeliveryEnqueued',
  {
    deliveryId: string;
    messageId: string;
    webhookId: string;
    organizationId: string;
    type: string;
    timestamp: string;
    data: EventData;
    enqueuedAt: string;
  }
>;

/** An instance took the next attempt: appended with the stream's expected revision, so only one instance sends it. */
export type WebhookDeliveryAttemptClaimed = DomainEvent<'WebhookDeliveryAttemptClaimed', { deliveryId: string; attempt: number; claimedAt: string }>;

export type WebhookDeliveryAttempted = DomainEvent<
  'WebhookDeliveryAttempted',
  {
    deliveryId: string;
    attempt: number;
    outcome: 'succeeded' | 'failed';
    responseStatus: number | null;
    durationMs: number;
    /** A few fixed words (`timeout`, `address refused`, `status 500`); never the answer's body. */
    error: string | null;
    at: string;
    /** When the next retry is due; null when none follows. */
    nextAttemptAt: string | null;
  }
>;

export type WebhookRedeliveryRequested = DomainEvent<'WebhookRedeliveryRequested', { deliveryId: string; requestedAt: string }>;

export type WebhookDeliveryEvent = WebhookDeliveryEnqueued | WebhookDeliveryAttemptClaimed | WebhookDeliveryAttempted | WebhookRedeliveryRequested;

export const WEBHOOK_DELIVERY_EVENT_TYPES = [
  'WebhookDeliveryEnqueued',
  'WebhookDeliveryAttemptClaimed',
  'WebhookDeliveryAttempted',
  'WebhookRedeliveryRequested',
] as const satisfies readonly WebhookDeliveryEvent['type'][];

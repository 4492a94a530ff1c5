import type { DomainEvent } from '@latchkey/event-store';
import type { DerivedSealed } from '@latchkey/keys';

export const webhookEndpointStream = (webhookId: string): string => `webhookEndpoint-${webhookId}`;
export const WEBHOOK_ENDPOINT_CATEGORY = 'webhookEndpoint';

export type WebhookStatus = 'enabled' | 'disabled';

/** The signing secret travels only sealed under the master key; the plaintext is shown once, in the answer. */
export type WebhookEndpointCreated = DomainEvent<
  'WebhookEndpointCreated',
  {
    webhookId: string;
    organizationId: string;
    url: string;
    events: string[];
    description: string | null;
    secret: DerivedSealed;
    createdAt: string;
  }
>;

/** The endpoint as it is after the change (every field), and which fields changed. */
export type WebhookEndpointUpdated = DomainEvent<
  'WebhookEndpointUpdated',
  {
    webhookId: string;
    url: string;
    events: string[];
    description: string | null;
    status: WebhookStatus;
    /** Why the system disabled it (failing for 5 days); null otherwise. */
    disabledReason: string | null;
    changed: string[];
    updatedAt: string;
  }
>;

export type WebhookEndpointDeleted = DomainEvent<'WebhookEndpointDeleted', { webhookId: string; deletedAt: string }>;

/** The new secret signs from now on; the previous one too, until `previousValidUntil`. */
export type WebhookSecretRotated = DomainEvent<
  'WebhookSecretRotated',
  { webhookId: string; secret: DerivedSealed; previousValidUntil: string; rotatedAt: string }
>;

export type WebhookEndpointEvent = WebhookEndpointCreated | WebhookEndpointUpdated | WebhookEndpointDeleted | WebhookSecretRotated;

export const WEBHOOK_ENDPOINT_EVENT_TYPES = [
  'WebhookEndpointCreated',
  'WebhookEndpointUpdated',
  'WebhookEndpointDeleted',
  'WebhookSecretRotated',
] as const satisfies readonly WebhookEndpointEvent['type'][];

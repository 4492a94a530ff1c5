import { rule } from './audit-rule';

/** Webhook endpoints (the webhooks module's events). The sealed signing secret is never copied. */
export const webhookRules = {
  WebhookEndpointCreated: rule<{
    webhookId: string;
    organizationId: string;
    url: string;
    events: string[];
    description: string | null;
    createdAt: string;
  }>({
    category: 'webhookEndpoint',
    type: 'webhook.created',
    subject: (d) => ({ kind: 'webhook', id: d.webhookId }),
    remember: (d) => ({ organizationId: d.organizationId, label: d.url }),
    at: (d) => d.createdAt,
    data: (d) => ({ webhookId: d.webhookId, url: d.url, events: d.events, description: d.description }),
  }),
  WebhookEndpointUpdated: rule<{
    webhookId: string;
    url: string;
    events: string[];
    description: string | null;
    status: string;
    disabledReason: string | null;
    changed: string[];
    updatedAt: string;
  }>({
    category: 'webhookEndpoint',
    type: 'webhook.updated',
    subject: (d) => ({ kind: 'webhook', id: d.webhookId }),
    remember: (d) => ({ label: d.url }),
    at: (d) => d.updatedAt,
    data: (d) => ({
      webhookId: d.webhookId,
      url: d.url,
      events: d.events,
      description: d.description,
      status: d.status,
      disabledReason: d.disabledReason,
      changed: d.changed,
    }),
  }),
  WebhookSecretRotated: rule<{ webhookId: string; previousValidUntil: string; rotatedAt: string }>({
    category: 'webhookEndpoint',
    type: 'webhook.updated',
    subject: (d) => ({ kind: 'webhook', id: d.webhookId }),
    at: (d) => d.rotatedAt,
    data: (d) => ({ webhookId: d.webhookId, changed: ['secret'], previousSecretValidUntil: d.previousValidUntil }),
  }),
  WebhookEndpointDeleted: rule<{ webhookId: string; deletedAt: string }>({
    category: 'webhookEndpoint',
    type: 'webhook.deleted',
    subject: (d) => ({ kind: 'webhook', id: d.webhookId }),
    at: (d) => d.deletedAt,
    data: (d) => ({ webhookId: d.webhookId }),
  }),
};

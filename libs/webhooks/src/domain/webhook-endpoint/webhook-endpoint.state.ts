import type { DerivedSealed } from '@latchkey/keys';
import type { WebhookEndpointEvent, WebhookStatus } from './webhook-endpoint.events';

export interface WebhookEndpointState {
  exists: boolean;
  deleted: boolean;
  webhookId: string;
  organizationId: string;
  url: string;
  events: string[];
  description: string | null;
  status: WebhookStatus;
  disabledReason: string | null;
  secret: DerivedSealed | null;
  previousSecret: { secret: DerivedSealed; validUntil: string } | null;
}

export const initialWebhookEndpointState = (): WebhookEndpointState => ({
  exists: false,
  deleted: false,
  webhookId: '',
  organizationId: '',
  url: '',
  events: [],
  description: null,
  status: 'enabled',
  disabledReason: null,
  secret: null,
  previousSecret: null,
});

export function evolve(state: WebhookEndpointState, event: WebhookEndpointEvent): WebhookEndpointState {
  switch (event.type) {
    case 'WebhookEndpointCreated': {
      const { webhookId, organizationId, url, events, description, secret } = event.data;
      return { ...state, exists: true, webhookId, organizationId, url, events, description, secret, status: 'enabled' };
    }
    case 'WebhookEndpointUpdated': {
      const { url, events, description, status, disabledReason } = event.data;
      return { ...state, url, events, description, status, disabledReason };
    }
    case 'WebhookEndpointDeleted':
      return { ...state, deleted: true };
    case 'WebhookSecretRotated':
      return {
        ...state,
        secret: event.data.secret,
        previousSecret: state.secret ? { secret: state.secret, validUntil: event.data.previousValidUntil } : null,
      };
  }
}

import { DomainError } from '@latchkey/building-blocks';
import type { DerivedSealed } from '@latchkey/keys';
import type { WebhookEndpointEvent, WebhookStatus } from './webhook-endpoint.events';
import type { WebhookEndpointState } from './webhook-endpoint.state';

/** A secret rotated out keeps signing deliveries for this long, so receivers can switch without losing any. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 60 * 60 * 1000;

export type CreateWebhookEndpoint = {
  type: 'CreateWebhookEndpoint';
  webhookId: string;
  organizationId: string;
  url: string;
  events: string[];
  description: string | null;
  secret: DerivedSealed;
  at: string;
};

export type UpdateWebhookEndpoint = {
  type: 'UpdateWebhookEndpoint';
  url?: string;
  events?: string[];
  description?: string | null;
  status?: WebhookStatus;
  at: string;
};

/** The system disables an endpoint that has failed for too long. */
export type DisableFailingWebhookEndpoint = { type: 'DisableFailingWebhookEndpoint'; reason: string; at: string };

export type DeleteWebhookEndpoint = { type: 'DeleteWebhookEndpoint'; at: string };

export type RotateWebhookSecret = { type: 'RotateWebhookSecret'; secret: DerivedSealed; at: string };

export type WebhookEndpointCommand =
  CreateWebhookEndpoint | UpdateWebhookEndpoint | DisableFailingWebhookEndpoint | DeleteWebhookEndpoint | RotateWebhookSecret;

export const webhookNotFound = (): DomainError => new DomainError('not-found', 'WEBHOOK_NOT_FOUND', 'No such webhook endpoint in your organization');

function existing(state: WebhookEndpointState): void {
  if (!state.exists || state.deleted) throw webhookNotFound();
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function update(command: UpdateWebhookEndpoint, state: WebhookEndpointState): WebhookEndpointEvent[] {
  existing(state);
  const next = {
    url: command.url ?? state.url,
    events: command.events ?? state.events,
    description: command.description === undefined ? state.description : command.description,
    status: command.status ?? state.status,
  };
  const changed = [
    next.url !== state.url && 'url',
    !sameList(next.events, state.events) && 'events',
    next.description !== state.description && 'description',
    next.status !== state.status && 'status',
  ].filter((f): f is string => f !== false);
  if (changed.length === 0) return [];
  // Enabling again clears the reason it was disabled for.
  const disabledReason = next.status === 'enabled' ? null : changed.includes('status') ? null : state.disabledReason;
  return [{ type: 'WebhookEndpointUpdated', data: { webhookId: state.webhookId, ...next, disabledReason, changed, updatedAt: command.at } }];
}

export function decide(command: WebhookEndpointCommand, state: WebhookEndpointState): WebhookEndpointEvent[] {
  switch (command.type) {
    case 'CreateWebhookEndpoint': {
      if (state.exists) throw new DomainError('conflict', 'WEBHOOK_EXISTS', 'The webhook endpoint exists already');
      const { webhookId, organizationId, url, events, description, secret, at } = command;
      return [{ type: 'WebhookEndpointCreated', data: { webhookId, organizationId, url, events, description, secret, createdAt: at } }];
    }
    case 'UpdateWebhookEndpoint':
      return update(command, state);
    case 'DisableFailingWebhookEndpoint':
      existing(state);
      if (state.status === 'disabled') return [];
      return [
        {
          type: 'WebhookEndpointUpdated',
          data: {
            webhookId: state.webhookId,
            url: state.url,
            events: state.events,
            description: state.description,
            status: 'disabled',
            disabledReason: command.reason,
            changed: ['status'],
            updatedAt: command.at,
          },
        },
      ];
    case 'DeleteWebhookEndpoint':
      existing(state);
      return [{ type: 'WebhookEndpointDeleted', data: { webhookId: state.webhookId, deletedAt: command.at } }];
    case 'RotateWebhookSecret':
      existing(state);
      return [
        {
          type: 'WebhookSecretRotated',
          data: {
            webhookId: state.webhookId,
            secret: command.secret,
            previousValidUntil: new Date(Date.parse(command.at) + PREVIOUS_SECRET_GRACE_MS).toISOString(),
            rotatedAt: command.at,
          },
        },
      ];
  }
}

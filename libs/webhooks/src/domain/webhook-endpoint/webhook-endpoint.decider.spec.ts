import { deciderSpec } from '@latchkey/event-store/testing';
import type { DerivedSealed } from '@latchkey/keys';
import { webhookEndpointDecider } from './webhook-endpoint.decider';
import type { WebhookEndpointEvent } from './webhook-endpoint.events';

const T0 = '2030-01-01T00:00:00.000Z';
const sealed = (n: string): DerivedSealed => ({ alg: 'A256GCM', keyId: 'dk-1', nonce: n, ciphertext: n, tag: n });
const created: WebhookEndpointEvent = {
  type: 'WebhookEndpointCreated',
  data: {
    webhookId: 'w1',
    organizationId: 'o1',
    url: 'https://hooks.example/a',
    events: ['*'],
    description: null,
    secret: sealed('a'),
    createdAt: T0,
  },
};
const spec = () => deciderSpec(webhookEndpointDecider);

describe('webhook endpoint', () => {
  it('records what changed, and nothing when nothing does', () => {
    spec()
      .given([created])
      .when({ type: 'UpdateWebhookEndpoint', events: ['credential.revoked'], description: 'ops', at: T0 })
      .then([
        {
          type: 'WebhookEndpointUpdated',
          data: {
            webhookId: 'w1',
            url: 'https://hooks.example/a',
            events: ['credential.revoked'],
            description: 'ops',
            status: 'enabled',
            disabledReason: null,
            changed: ['events', 'description'],
            updatedAt: T0,
          },
        },
      ]);
    spec().given([created]).when({ type: 'UpdateWebhookEndpoint', url: 'https://hooks.example/a', at: T0 }).then([]);
  });

  it('is disabled by the system with a reason, once', () => {
    const disabled: WebhookEndpointEvent = {
      type: 'WebhookEndpointUpdated',
      data: {
        webhookId: 'w1',
        url: 'https://hooks.example/a',
        events: ['*'],
        description: null,
        status: 'disabled',
        disabledReason: 'failing for 5 days',
        changed: ['status'],
        updatedAt: T0,
      },
    };
    spec().given([created]).when({ type: 'DisableFailingWebhookEndpoint', reason: 'failing for 5 days', at: T0 }).then([disabled]);
    spec().given([created, disabled]).when({ type: 'DisableFailingWebhookEndpoint', reason: 'again', at: T0 }).then([]);
  });

  it('keeps the previous secret valid for 24 hours after a rotation', () => {
    spec()
      .given([created])
      .when({ type: 'RotateWebhookSecret', secret: sealed('b'), at: T0 })
      .then([
        {
          type: 'WebhookSecretRotated',
          data: { webhookId: 'w1', secret: sealed('b'), previousValidUntil: '2030-01-02T00:00:00.000Z', rotatedAt: T0 },
        },
      ]);
  });

  it('is gone once deleted', () => {
    const deleted: WebhookEndpointEvent = { type: 'WebhookEndpointDeleted', data: { webhookId: 'w1', deletedAt: T0 } };
    spec().given([created]).when({ type: 'DeleteWebhookEndpoint', at: T0 }).then([deleted]);
    spec().given([created, deleted]).when({ type: 'UpdateWebhookEndpoint', url: 'https://x.example', at: T0 }).thenFails('WEBHOOK_NOT_FOUND');
  });
});

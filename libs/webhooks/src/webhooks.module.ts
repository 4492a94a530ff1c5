import { Module } from '@nestjs/common';
import { OrganizationsModule } from '@latchkey/organizations';
import { CreateWebhookController } from './commands/create-webhook/create-webhook.controller';
import { RedeliverWebhookController } from './commands/redeliver-webhook/redeliver-webhook.controller';
import { RotateWebhookSecretController } from './commands/rotate-webhook-secret/rotate-webhook-secret.controller';
import { SendTestWebhookController } from './commands/send-test-webhook/send-test-webhook.controller';
import { DeleteWebhookController, UpdateWebhookController } from './commands/update-webhook/update-webhook.controller';
import { ListWebhookDeliveriesController } from './queries/list-webhook-deliveries/list-webhook-deliveries.controller';
import { ListWebhooksController } from './queries/list-webhooks/list-webhooks.controller';
import { EnqueueDeliveriesWhenEventRecorded } from './reactions/enqueue-deliveries-when-event-recorded.reaction';
import { WebhookDeliveriesReadModel } from './read-models/webhooks/webhook-deliveries.read-model';
import { WebhookEndpointsReadModel } from './read-models/webhooks/webhook-endpoints.read-model';
import { WebhooksProjection } from './read-models/webhooks/webhooks.projection';
import { DeliveryQueueSignal } from './shared/delivery/delivery-queue-signal';
import { DeliveryWorker } from './shared/delivery/delivery-worker';
import { systemResolver } from './shared/delivery/guarded-lookup';
import { WebhookSender } from './shared/delivery/webhook-sender';
import { WEBHOOK_RESOLVER, WebhookInput } from './shared/webhook-input';
import { WEBHOOK_SECRET_SEALER_PROVIDER } from './shared/webhook-secret-sealer';
import { WebhookWriter } from './shared/webhook-writer';

/**
 * Signed webhooks from the event log: endpoints per organization, a reaction that queues a
 * delivery per message and endpoint, and a worker that sends them (Standard Webhooks), retries
 * them on the published schedule and records every attempt. Downstream of every module whose
 * events it sends; none imports it.
 */
@Module({
  imports: [OrganizationsModule],
  controllers: [
    CreateWebhookController,
    ListWebhooksController,
    UpdateWebhookController,
    DeleteWebhookController,
    SendTestWebhookController,
    ListWebhookDeliveriesController,
    RedeliverWebhookController,
    RotateWebhookSecretController,
  ],
  providers: [
    WebhooksProjection,
    WebhookEndpointsReadModel,
    WebhookDeliveriesReadModel,
    EnqueueDeliveriesWhenEventRecorded,
    DeliveryQueueSignal,
    DeliveryWorker,
    WebhookInput,
    WebhookWriter,
    WEBHOOK_SECRET_SEALER_PROVIDER,
    { provide: WEBHOOK_RESOLVER, useValue: systemResolver },
    {
      provide: WebhookSender,
      inject: [WebhookInput, WEBHOOK_RESOLVER],
      useFactory: (input: WebhookInput, resolver: typeof systemResolver) => new WebhookSender(input.policy, resolver),
    },
  ],
})
export class WebhooksModule {}

import { Injectable } from '@nestjs/common';
import { DeciderExecutor, type EventMetadata } from '@latchkey/event-store';
import { type WebhookEndpointCommand, webhookNotFound } from '../domain/webhook-endpoint/webhook-endpoint.decide';
import { webhookEndpointDecider } from '../domain/webhook-endpoint/webhook-endpoint.decider';
import { webhookEndpointStream } from '../domain/webhook-endpoint/webhook-endpoint.events';
import { endpointView, type WebhookEndpointView, WebhookEndpointsReadModel } from '../read-models/webhooks/webhook-endpoints.read-model';

/** Runs an endpoint command and answers the endpoint once the read model includes the change. */
@Injectable()
export class WebhookWriter {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly endpoints: WebhookEndpointsReadModel,
  ) {}

  /** The endpoint of the caller's organization, or 404 (another organization's too). */
  existing(organizationId: string, webhookId: string) {
    const row = this.endpoints.find(organizationId, webhookId);
    if (!row) throw webhookNotFound();
    return row;
  }

  async execute(webhookId: string, command: WebhookEndpointCommand, metadata: EventMetadata): Promise<WebhookEndpointView> {
    await this.executor.execute(webhookEndpointDecider, webhookEndpointStream(webhookId), command, { metadata });
    const row = this.endpoints.byId(webhookId);
    if (!row || row.deleted) throw webhookNotFound();
    return endpointView(row);
  }
}

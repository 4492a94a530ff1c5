import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, Optional } from '@nestjs/common';
import { Clock, DomainError, Metrics, NO_METRICS, type CounterSeries } from '@latchkey/building-blocks';
import { DeciderExecutor } from '@latchkey/event-store';
import { WebhookSecretSealer } from '../webhook-secret-sealer';
import { webhookDeliveryDecider } from '../../domain/webhook-delivery/webhook-delivery.decider';
import { webhookDeliveryStream } from '../../domain/webhook-delivery/webhook-delivery.events';
import { webhookEndpointDecider } from '../../domain/webhook-endpoint/webhook-endpoint.decider';
import { webhookEndpointStream } from '../../domain/webhook-endpoint/webhook-endpoint.events';
import { WebhookDeliveriesReadModel } from '../../read-models/webhooks/webhook-deliveries.read-model';
import { signingSecrets, WebhookEndpointsReadModel } from '../../read-models/webhooks/webhook-endpoints.read-model';
import type { DeliveryRow } from '../../read-models/webhooks/webhooks.projection';
import { signatureHeader } from '../signing/standard-webhooks';
import { secretContext } from '../webhook-secret';
import { DeliveryQueueSignal } from './delivery-queue-signal';
import { type SendResult, WebhookSender } from './webhook-sender';

/** Deliveries sent at once, across every endpoint; one endpoint has at most one in flight. */
export const MAX_IN_FLIGHT = 8;
/** How often the worker looks for due retries when nothing woke it. */
const POLL_MS = 1000;
/** An endpoint failing for this long is disabled. */
export const DISABLE_AFTER_FAILING_MS = 5 * 24 * 60 * 60 * 1000;

type Outcome = 'succeeded' | 'failed' | 'timeout' | 'refused';

/**
 * Sends due deliveries, off the request path: at most MAX_IN_FLIGHT at once, one at a time per
 * endpoint, oldest first (a message waiting for its retry does not hold back the ones after it).
 * Each attempt is claimed first with the delivery stream's expected revision, so exactly one
 * instance sends it; the attempt and its answer are recorded, and the next retry scheduled.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private readonly busyEndpoints = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly outcomes: Record<Outcome, CounterSeries>;
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;
  private scanning = false;
  private rescan = false;

  constructor(
    private readonly deliveries: WebhookDeliveriesReadModel,
    private readonly endpoints: WebhookEndpointsReadModel,
    private readonly executor: DeciderExecutor,
    private readonly sealer: WebhookSecretSealer,
    private readonly sender: WebhookSender,
    private readonly signal: DeliveryQueueSignal,
    private readonly clock: Clock,
    @Optional() metrics: Metrics = NO_METRICS,
  ) {
    const counter = metrics.counter({ name: 'latchkey_webhook_deliveries_total', help: 'Webhook deliveries, by outcome', labelNames: ['outcome'] });
    this.outcomes = {
      succeeded: counter.series({ outcome: 'succeeded' }),
      failed: counter.series({ outcome: 'failed' }),
      timeout: counter.series({ outcome: 'timeout' }),
      refused: counter.series({ outcome: 'refused' }),
    };
  }

  onApplicationBootstrap(): void {
    this.signal.listen(() => this.wake());
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    // An attempt cut short is not recorded: its claim expires and it is sent again.
    this.sender.close();
    await Promise.allSettled([...this.inFlight]);
  }

  /** Looks for due deliveries now. */
  wake(): void {
    if (this.stopping) return;
    if (this.scanning) {
      this.rescan = true;
      return;
    }
    this.scanning = true;
    try {
      this.scan();
    } catch (error) {
      this.logger.error({ err: error }, 'Looking for due webhook deliveries failed');
    } finally {
      this.scanning = false;
    }
    if (this.rescan) {
      this.rescan = false;
      setImmediate(() => this.wake());
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), POLL_MS);
    this.timer.unref();
  }

  private scan(): void {
    if (this.inFlight.size >= MAX_IN_FLIGHT) return;
    for (const row of this.deliveries.due(this.clock.now(), 500)) {
      if (this.inFlight.size >= MAX_IN_FLIGHT) return;
      // The endpoint's oldest due message goes first; the others wait for it.
      if (this.busyEndpoints.has(row.webhook_id)) continue;
      this.busyEndpoints.add(row.webhook_id);
      const run = this.attempt(row)
        .catch((error: unknown) => this.logger.error({ err: error }, `Webhook delivery ${row.delivery_id} failed to run; it is tried again`))
        .finally(() => {
          this.busyEndpoints.delete(row.webhook_id);
          this.inFlight.delete(run);
          this.wake();
        });
      this.inFlight.add(run);
    }
  }

  private async attempt(row: DeliveryRow): Promise<void> {
    const stream = webhookDeliveryStream(row.delivery_id);
    let attempt: number;
    try {
      const claimed = await this.executor.execute(
        webhookDeliveryDecider,
        stream,
        { type: 'ClaimAttempt', at: this.clock.now().toISOString() },
        { expectedRevision: row.revision, metadata: { actor: null }, waitForReadModels: false },
      );
      attempt = claimed.state.attempt;
    } catch (error) {
      // Another instance claimed it first, or it changed since it was read: nothing to do.
      if (error instanceof DomainError && (error.kind === 'precondition' || error.kind === 'conflict')) return;
      throw error;
    }
    const endpoint = this.endpoints.byId(row.webhook_id);
    if (!endpoint) return;
    const result = await this.send(
      row,
      endpoint.url,
      signingSecrets(endpoint, this.clock.nowMs()).map((s) => this.sealer.open(s, secretContext(row.webhook_id))),
    );
    if (this.stopping) return;
    this.outcomes[outcomeOf(result)].inc();
    await this.executor.execute(
      webhookDeliveryDecider,
      stream,
      { type: 'RecordAttempt', attempt, ...result, at: this.clock.now().toISOString() },
      { metadata: { actor: null } },
    );
    if (!result.ok) await this.disableIfFailingTooLong(row.webhook_id);
  }

  private send(row: DeliveryRow, url: string, keys: Buffer[]): Promise<SendResult> {
    const body = JSON.stringify({ type: row.type, timestamp: row.timestamp, data: JSON.parse(row.data) as unknown });
    const timestamp = Math.floor(this.clock.nowMs() / 1000);
    return this.sender.send({
      url,
      body,
      headers: {
        'webhook-id': row.message_id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signatureHeader(keys, row.message_id, timestamp, body),
        'user-agent': 'Latchkey-Webhooks/1',
      },
    });
  }

  private async disableIfFailingTooLong(webhookId: string): Promise<void> {
    const endpoint = this.endpoints.byId(webhookId);
    if (!endpoint?.failing_since || endpoint.status !== 'enabled' || endpoint.deleted) return;
    if (this.clock.nowMs() - Date.parse(endpoint.failing_since) < DISABLE_AFTER_FAILING_MS) return;
    await this.executor.execute(
      webhookEndpointDecider,
      webhookEndpointStream(webhookId),
      { type: 'DisableFailingWebhookEndpoint', reason: `Every delivery failed since ${endpoint.failing_since}`, at: this.clock.now().toISOString() },
      { metadata: { actor: null } },
    );
    this.logger.warn(`Webhook endpoint ${webhookId} disabled: its deliveries have failed for 5 days`);
  }
}

function outcomeOf(result: SendResult): Outcome {
  if (result.ok) return 'succeeded';
  if (result.error === 'timeout') return 'timeout';
  if (result.error === 'address refused') return 'refused';
  return 'failed';
}

import { deciderSpec } from '@latchkey/event-store/testing';
import { RETRY_DELAYS_MS } from './retry-schedule';
import { webhookDeliveryDecider } from './webhook-delivery.decider';
import type { WebhookDeliveryEvent } from './webhook-delivery.events';

const T0 = '2030-01-01T00:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();
const enqueued: WebhookDeliveryEvent = {
  type: 'WebhookDeliveryEnqueued',
  data: {
    deliveryId: 'd1',
    messageId: 'msg_1',
    webhookId: 'w1',
    organizationId: 'o1',
    type: 'credential.created',
    timestamp: T0,
    data: { credentialId: 'c1' },
    enqueuedAt: T0,
  },
};
const claimed = (attempt: number, ms: number): WebhookDeliveryEvent => ({
  type: 'WebhookDeliveryAttemptClaimed',
  data: { deliveryId: 'd1', attempt, claimedAt: at(ms) },
});
const failed = (attempt: number, ms: number, nextMs: number | null): WebhookDeliveryEvent => ({
  type: 'WebhookDeliveryAttempted',
  data: {
    deliveryId: 'd1',
    attempt,
    outcome: 'failed',
    responseStatus: 500,
    durationMs: 3,
    error: 'status 500',
    at: at(ms),
    nextAttemptAt: nextMs === null ? null : at(nextMs),
  },
});
const spec = () => deciderSpec(webhookDeliveryDecider);
const record = (attempt: number, ok: boolean, ms: number) =>
  ({ type: 'RecordAttempt', attempt, ok, responseStatus: ok ? 200 : 500, durationMs: 3, error: ok ? null : 'status 500', at: at(ms) }) as const;

describe('webhook delivery', () => {
  it('is queued once, however often the reaction runs', () => {
    const { type: eventType, enqueuedAt, ...fields } = (enqueued as Extract<WebhookDeliveryEvent, { type: 'WebhookDeliveryEnqueued' }>).data;
    const enqueue = { type: 'EnqueueDelivery', ...fields, eventType, at: enqueuedAt } as const;
    spec().given([]).when(enqueue).then([enqueued]);
    spec().given([enqueued]).when(enqueue).then([]);
  });

  it('hands out each attempt once: a second claim of the same attempt fails', () => {
    spec()
      .given([enqueued])
      .when({ type: 'ClaimAttempt', at: T0 })
      .then([claimed(1, 0)]);
    spec()
      .given([enqueued, claimed(1, 0)])
      .when({ type: 'ClaimAttempt', at: at(1000) })
      .thenFails('DELIVERY_NOT_DUE');
  });

  it('lets another instance claim an attempt whose claimer died, after the claim expired', () => {
    spec()
      .given([enqueued, claimed(1, 0)])
      .when({ type: 'ClaimAttempt', at: at(60_000) })
      .then([claimed(2, 60_000)]);
  });

  it('schedules retries on the published schedule, then gives up', () => {
    spec()
      .given([enqueued, claimed(1, 0)])
      .when(record(1, false, 10))
      .then([failed(1, 10, 10 + RETRY_DELAYS_MS[0])]);
    const history: WebhookDeliveryEvent[] = [enqueued];
    let now = 0;
    for (let attempt = 1; attempt <= 7; attempt++) {
      history.push(claimed(attempt, now), failed(attempt, now, now + RETRY_DELAYS_MS[attempt - 1]));
      now += RETRY_DELAYS_MS[attempt - 1];
    }
    expect(RETRY_DELAYS_MS.map((ms) => ms / 1000)).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
    spec()
      .given([...history, claimed(8, now)])
      .when(record(8, false, now))
      .then([failed(8, now, null)]);
  });

  it('records only the attempt last handed out', () => {
    spec()
      .given([enqueued, claimed(1, 0), claimed(2, 60_000)])
      .when(record(1, true, 61_000))
      .then([]);
  });

  it('redelivers a failed or delivered message, and not while it is being sent', () => {
    spec()
      .given([enqueued, claimed(1, 0), failed(1, 10, 5010)])
      .when({ type: 'Redeliver', at: at(20) })
      .then([{ type: 'WebhookRedeliveryRequested', data: { deliveryId: 'd1', requestedAt: at(20) } }]);
    spec()
      .given([enqueued, claimed(1, 0)])
      .when({ type: 'Redeliver', at: at(20) })
      .thenFails('DELIVERY_IN_PROGRESS');
  });
});

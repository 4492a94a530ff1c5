import { DomainError } from '@latchkey/building-blocks';
import type { EventData } from '@latchkey/event-store';
import { CLAIM_EXPIRES_MS, RETRY_DELAYS_MS } from './retry-schedule';
import type { WebhookDeliveryEvent } from './webhook-delivery.events';
import type { WebhookDeliveryState } from './webhook-delivery.state';

export type EnqueueDelivery = {
  type: 'EnqueueDelivery';
  deliveryId: string;
  messageId: string;
  webhookId: string;
  organizationId: string;
  eventType: string;
  timestamp: string;
  data: EventData;
  at: string;
};

export type ClaimAttempt = { type: 'ClaimAttempt'; at: string };

export type RecordAttempt = {
  type: 'RecordAttempt';
  attempt: number;
  ok: boolean;
  responseStatus: number | null;
  durationMs: number;
  error: string | null;
  at: string;
};

export type Redeliver = { type: 'Redeliver'; at: string };

export type WebhookDeliveryCommand = EnqueueDelivery | ClaimAttempt | RecordAttempt | Redeliver;

export const deliveryNotFound = (): DomainError => new DomainError('not-found', 'DELIVERY_NOT_FOUND', 'No such delivery of this webhook endpoint');

const notDue = (): DomainError => new DomainError('conflict', 'DELIVERY_NOT_DUE', 'The delivery has no attempt due now');

const later = (at: string, ms: number): string => new Date(Date.parse(at) + ms).toISOString();

function claimable(state: WebhookDeliveryState, at: string): boolean {
  const now = Date.parse(at);
  if (state.status === 'pending') return state.nextAttemptAt !== null && Date.parse(state.nextAttemptAt) <= now;
  // An instance that claimed an attempt and died before recording it leaves it to the others.
  return state.status === 'sending' && state.claimedAt !== null && Date.parse(state.claimedAt) + CLAIM_EXPIRES_MS <= now;
}

export function decide(command: WebhookDeliveryCommand, state: WebhookDeliveryState): WebhookDeliveryEvent[] {
  switch (command.type) {
    case 'EnqueueDelivery': {
      // Queued once: the reaction that queues it may run again after a crash.
      if (state.exists) return [];
      const { deliveryId, messageId, webhookId, organizationId, eventType, timestamp, data, at } = command;
      return [
        {
          type: 'WebhookDeliveryEnqueued',
          data: { deliveryId, messageId, webhookId, organizationId, type: eventType, timestamp, data, enqueuedAt: at },
        },
      ];
    }
    case 'ClaimAttempt':
      if (!state.exists) throw deliveryNotFound();
      if (!claimable(state, command.at)) throw notDue();
      return [{ type: 'WebhookDeliveryAttemptClaimed', data: { deliveryId: state.deliveryId, attempt: state.attempt + 1, claimedAt: command.at } }];
    case 'RecordAttempt': {
      if (!state.exists) throw deliveryNotFound();
      // Only the attempt this stream last handed out is recorded (a late answer of an expired claim is not).
      if (state.status !== 'sending' || command.attempt !== state.attempt) return [];
      const delay = command.ok ? undefined : RETRY_DELAYS_MS[state.failures];
      return [
        {
          type: 'WebhookDeliveryAttempted',
          data: {
            deliveryId: state.deliveryId,
            attempt: command.attempt,
            outcome: command.ok ? 'succeeded' : 'failed',
            responseStatus: command.responseStatus,
            durationMs: command.durationMs,
            error: command.error,
            at: command.at,
            nextAttemptAt: delay === undefined ? null : later(command.at, delay),
          },
        },
      ];
    }
    case 'Redeliver':
      if (!state.exists) throw deliveryNotFound();
      if (state.status === 'sending')
        throw new DomainError('conflict', 'DELIVERY_IN_PROGRESS', 'An attempt of this delivery is being sent; try again shortly');
      return [{ type: 'WebhookRedeliveryRequested', data: { deliveryId: state.deliveryId, requestedAt: command.at } }];
  }
}

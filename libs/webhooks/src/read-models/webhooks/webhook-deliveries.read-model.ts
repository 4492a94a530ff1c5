import { Inject, Injectable } from '@nestjs/common';
import { READ_MODEL_DB, type ReadModelDb } from '@latchkey/event-store';
import { CLAIM_EXPIRES_MS } from '../../domain/webhook-delivery/retry-schedule';
import { ATTEMPTS_TABLE, DELIVERIES_TABLE, type DeliveryRow, ENDPOINTS_TABLE } from './webhooks.projection';

export interface AttemptView {
  attempt: number;
  outcome: 'succeeded' | 'failed';
  responseStatus: number | null;
  durationMs: number;
  error: string | null;
  at: string;
}

export interface DeliveryView {
  id: string;
  messageId: string;
  type: string;
  /** Attempts made so far. */
  attempt: number;
  /** `sending` is shown as `pending`: an attempt is under way. */
  status: 'pending' | 'succeeded' | 'failed';
  responseStatus: number | null;
  durationMs: number | null;
  /** When the last attempt was made (when it was queued, before any). */
  at: string;
  nextAttemptAt: string | null;
  error: string | null;
  attempts: AttemptView[];
}

/** The deliveries of each endpoint, newest first, and what the worker has to send. */
@Injectable()
export class WebhookDeliveriesReadModel {
  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDb) {}

  /** An endpoint's deliveries, newest first, from `offset` (for the kernel's `paginate`). */
  list(webhookId: string, offset: number, limit: number): DeliveryView[] {
    const rows = this.db
      .prepare(`SELECT * FROM ${DELIVERIES_TABLE} WHERE webhook_id = ? ORDER BY position DESC LIMIT ? OFFSET ?`)
      .all(webhookId, limit, offset) as DeliveryRow[];
    return rows.map((row) => this.view(row));
  }

  find(webhookId: string, deliveryId: string): DeliveryRow | null {
    const row = this.db.prepare(`SELECT * FROM ${DELIVERIES_TABLE} WHERE delivery_id = ?`).get(deliveryId) as DeliveryRow | undefined;
    return row && row.webhook_id === webhookId ? row : null;
  }

  /**
   * Deliveries with an attempt due at `now` (or a claim that expired), of enabled endpoints, in the
   * order they were queued.
   */
  due(now: Date, limit: number): DeliveryRow[] {
    const nowIso = now.toISOString();
    const expiredClaim = new Date(now.getTime() - CLAIM_EXPIRES_MS).toISOString();
    return this.db
      .prepare(
        `SELECT d.* FROM ${DELIVERIES_TABLE} d JOIN ${ENDPOINTS_TABLE} e ON e.webhook_id = d.webhook_id
         WHERE e.status = 'enabled' AND e.deleted = 0
           AND ((d.status = 'pending' AND d.next_attempt_at <= ?) OR (d.status = 'sending' AND d.claimed_at <= ?))
         ORDER BY d.position LIMIT ?`,
      )
      .all(nowIso, expiredClaim, limit) as DeliveryRow[];
  }

  private view(row: DeliveryRow): DeliveryView {
    const attempts = this.db
      .prepare(`SELECT attempt, outcome, response_status, duration_ms, error, at FROM ${ATTEMPTS_TABLE} WHERE delivery_id = ? ORDER BY attempt`)
      .all(row.delivery_id) as {
      attempt: number;
      outcome: 'succeeded' | 'failed';
      response_status: number | null;
      duration_ms: number;
      error: string | null;
      at: string;
    }[];
    return {
      id: row.delivery_id,
      messageId: row.message_id,
      type: row.type,
      attempt: row.attempt,
      status: row.status === 'sending' ? 'pending' : row.status,
      responseStatus: row.response_status,
      durationMs: row.duration_ms,
      at: row.last_attempt_at ?? row.enqueued_at,
      nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
      error: row.error,
      attempts: attempts.map((a) => ({
        attempt: a.attempt,
        outcome: a.outcome,
        responseStatus: a.response_status,
        durationMs: a.duration_ms,
        error: a.error,
        at: a.at,
      })),
    };
  }
}

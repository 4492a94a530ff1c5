import { Injectable } from '@nestjs/common';
import { Projection, type ReadModelDb, type RecordedEvent } from '@latchkey/event-store';
import type { EventData } from '@latchkey/event-store';
import {
  WEBHOOK_DELIVERY_CATEGORY,
  WEBHOOK_DELIVERY_EVENT_TYPES,
  type WebhookDeliveryEvent,
} from '../../domain/webhook-delivery/webhook-delivery.events';
import {
  WEBHOOK_ENDPOINT_CATEGORY,
  WEBHOOK_ENDPOINT_EVENT_TYPES,
  type WebhookEndpointEvent,
} from '../../domain/webhook-endpoint/webhook-endpoint.events';
import { DeliveryQueueSignal } from '../../shared/delivery/delivery-queue-signal';
import { SUBJECT_EVENT_TYPES, type SubjectChange, subjectOf } from './webhook-subjects';

export const ENDPOINTS_TABLE = 'webhook_endpoints';
export const DELIVERIES_TABLE = 'webhook_deliveries';
export const ATTEMPTS_TABLE = 'webhook_attempts';
export const SUBJECTS_TABLE = 'webhook_subjects';

export interface EndpointRow {
  webhook_id: string;
  organization_id: string;
  url: string;
  events: string;
  description: string | null;
  status: 'enabled' | 'disabled';
  disabled_reason: string | null;
  secret: string;
  previous_secret: string | null;
  previous_valid_until: string | null;
  created_at: string;
  updated_at: string;
  revision: number;
  deleted: number;
  /** When the current run of failed attempts began; null after a success. */
  failing_since: string | null;
}

export interface DeliveryRow {
  delivery_id: string;
  message_id: string;
  webhook_id: string;
  organization_id: string;
  type: string;
  timestamp: string;
  data: string;
  status: 'pending' | 'sending' | 'succeeded' | 'failed';
  attempt: number;
  response_status: number | null;
  duration_ms: number | null;
  error: string | null;
  last_attempt_at: string | null;
  next_attempt_at: string | null;
  claimed_at: string | null;
  enqueued_at: string;
  /** The stream's revision: an attempt is claimed with it as the expected revision. */
  revision: number;
  /** Global position of the queuing: the order of messages per endpoint. */
  position: number;
}

const category = (streamName: string) => streamName.slice(0, streamName.indexOf('-'));

const RENAME_SUBJECT = `UPDATE ${SUBJECTS_TABLE} SET label = ? WHERE kind = ? AND id = ?`;
const UPSERT_SUBJECT = `INSERT INTO ${SUBJECTS_TABLE} (kind, id, organization_id, label, details) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(kind, id) DO UPDATE SET organization_id = excluded.organization_id, label = excluded.label, details = excluded.details`;
const INSERT_ENDPOINT = `INSERT OR REPLACE INTO ${ENDPOINTS_TABLE} (webhook_id, organization_id, url, events, description, status, disabled_reason, secret,
             previous_secret, previous_valid_until, created_at, updated_at, revision, deleted, failing_since)
           VALUES (?, ?, ?, ?, ?, 'enabled', NULL, ?, NULL, NULL, ?, ?, ?, 0, NULL)`;
const UPDATE_ENDPOINT = `UPDATE ${ENDPOINTS_TABLE} SET url = ?, events = ?, description = ?, status = ?, disabled_reason = ?, updated_at = ?, revision = ?,
             failing_since = CASE WHEN ? = 'enabled' THEN NULL ELSE failing_since END
           WHERE webhook_id = ?`;
const DELETE_ENDPOINT = `UPDATE ${ENDPOINTS_TABLE} SET deleted = 1, updated_at = ?, revision = ? WHERE webhook_id = ?`;
const ROTATE_SECRET = `UPDATE ${ENDPOINTS_TABLE} SET previous_secret = secret, previous_valid_until = ?, secret = ?, updated_at = ?, revision = ? WHERE webhook_id = ?`;
const INSERT_DELIVERY = `INSERT OR REPLACE INTO ${DELIVERIES_TABLE} (delivery_id, message_id, webhook_id, organization_id, type, timestamp, data, status, attempt,
             response_status, duration_ms, error, last_attempt_at, next_attempt_at, claimed_at, enqueued_at, revision, position)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, NULL, NULL, NULL, NULL, ?, NULL, ?, ?, ?)`;
const CLAIM_ATTEMPT = `UPDATE ${DELIVERIES_TABLE} SET status = 'sending', attempt = ?, claimed_at = ?, revision = ? WHERE delivery_id = ?`;
const RECORD_ATTEMPT_OUTCOME = `UPDATE ${DELIVERIES_TABLE} SET status = ?, response_status = ?, duration_ms = ?, error = ?, last_attempt_at = ?, next_attempt_at = ?,
             claimed_at = NULL, revision = ? WHERE delivery_id = ?`;
const INSERT_ATTEMPT = `INSERT OR REPLACE INTO ${ATTEMPTS_TABLE} (delivery_id, attempt, outcome, response_status, duration_ms, error, at) VALUES (?, ?, ?, ?, ?, ?, ?)`;
const ENDPOINT_OF_DELIVERY = `(SELECT webhook_id FROM ${DELIVERIES_TABLE} WHERE delivery_id = ?)`;
const CLEAR_ENDPOINT_FAILING = `UPDATE ${ENDPOINTS_TABLE} SET failing_since = NULL WHERE webhook_id = ${ENDPOINT_OF_DELIVERY}`;
const MARK_ENDPOINT_FAILING = `UPDATE ${ENDPOINTS_TABLE} SET failing_since = COALESCE(failing_since, ?) WHERE webhook_id = ${ENDPOINT_OF_DELIVERY}`;
const REQUEST_REDELIVERY = `UPDATE ${DELIVERIES_TABLE} SET status = 'pending', next_attempt_at = ?, claimed_at = NULL, revision = ? WHERE delivery_id = ?`;

/**
 * The webhook endpoints of every organization, the deliveries queued for them with their attempts,
 * and what the messages need to know about their subjects (a credential's organization and label,
 * an app's organization). One projection so that one transaction sees them together.
 */
@Projection()
@Injectable()
export class WebhooksProjection implements Projection {
  readonly name = 'webhooks';
  readonly version = 1;
  readonly eventTypes = [...WEBHOOK_ENDPOINT_EVENT_TYPES, ...WEBHOOK_DELIVERY_EVENT_TYPES, ...SUBJECT_EVENT_TYPES];

  /** What this batch's events said of their subjects, by kind and id, written at its end. */
  private readonly subjects = new Map<string, SubjectChange>();

  constructor(private readonly signal: DeliveryQueueSignal) {}

  setup(db: ReadModelDb): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS ${ENDPOINTS_TABLE} (
        webhook_id TEXT PRIMARY KEY, organization_id TEXT NOT NULL, url TEXT NOT NULL, events TEXT NOT NULL, description TEXT,
        status TEXT NOT NULL, disabled_reason TEXT, secret TEXT NOT NULL, previous_secret TEXT, previous_valid_until TEXT,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL, revision INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, failing_since TEXT);
      CREATE INDEX IF NOT EXISTS ${ENDPOINTS_TABLE}_org ON ${ENDPOINTS_TABLE} (organization_id);
      CREATE TABLE IF NOT EXISTS ${DELIVERIES_TABLE} (
        delivery_id TEXT PRIMARY KEY, message_id TEXT NOT NULL, webhook_id TEXT NOT NULL, organization_id TEXT NOT NULL, type TEXT NOT NULL,
        timestamp TEXT NOT NULL, data TEXT NOT NULL, status TEXT NOT NULL, attempt INTEGER NOT NULL, response_status INTEGER, duration_ms INTEGER,
        error TEXT, last_attempt_at TEXT, next_attempt_at TEXT, claimed_at TEXT, enqueued_at TEXT NOT NULL, revision INTEGER NOT NULL,
        position INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS ${DELIVERIES_TABLE}_endpoint ON ${DELIVERIES_TABLE} (webhook_id, position);
      CREATE INDEX IF NOT EXISTS ${DELIVERIES_TABLE}_due ON ${DELIVERIES_TABLE} (status, next_attempt_at);
      CREATE TABLE IF NOT EXISTS ${ATTEMPTS_TABLE} (
        delivery_id TEXT NOT NULL, attempt INTEGER NOT NULL, outcome TEXT NOT NULL, response_status INTEGER, duration_ms INTEGER NOT NULL,
        error TEXT, at TEXT NOT NULL, PRIMARY KEY (delivery_id, attempt));
      CREATE TABLE IF NOT EXISTS ${SUBJECTS_TABLE} (
        kind TEXT NOT NULL, id TEXT NOT NULL, organization_id TEXT NOT NULL, label TEXT, details TEXT NOT NULL, PRIMARY KEY (kind, id));
    `);
  }

  reset(db: ReadModelDb): void {
    for (const table of [ENDPOINTS_TABLE, DELIVERIES_TABLE, ATTEMPTS_TABLE, SUBJECTS_TABLE]) db.exec(`DELETE FROM ${table}`);
    this.subjects.clear();
  }

  apply(event: RecordedEvent<string, EventData>, db: ReadModelDb): void {
    const kind = category(event.streamName);
    if (kind === WEBHOOK_ENDPOINT_CATEGORY) this.applyEndpoint(event as unknown as RecordedEvent & WebhookEndpointEvent, db);
    else if (kind === WEBHOOK_DELIVERY_CATEGORY) this.applyDelivery(event as unknown as RecordedEvent & WebhookDeliveryEvent, db);
    else {
      const subject = subjectOf(event);
      if (!subject) return;
      const key = `${subject.kind}\u0000${subject.id}`;
      const pending = this.subjects.get(key);
      // A rename after a creation in the same batch is part of what the creation writes.
      if (subject.rename && pending) pending.label = subject.label;
      else this.subjects.set(key, subject);
    }
  }

  /** Writes each subject the batch's events changed, once: a credential's creation and renames often come together. */
  endBatch(db: ReadModelDb): void {
    for (const subject of this.subjects.values()) {
      if (subject.rename) db.prepare(RENAME_SUBJECT).run(subject.label, subject.kind, subject.id);
      else db.prepare(UPSERT_SUBJECT).run(subject.kind, subject.id, subject.organizationId, subject.label, JSON.stringify(subject.details));
    }
    this.subjects.clear();
  }

  private applyEndpoint(event: RecordedEvent & WebhookEndpointEvent, db: ReadModelDb): void {
    switch (event.type) {
      case 'WebhookEndpointCreated': {
        const d = event.data;
        db.prepare(INSERT_ENDPOINT).run(
          d.webhookId,
          d.organizationId,
          d.url,
          JSON.stringify(d.events),
          d.description,
          JSON.stringify(d.secret),
          d.createdAt,
          d.createdAt,
          event.revision,
        );
        return;
      }
      case 'WebhookEndpointUpdated': {
        const d = event.data;
        db.prepare(UPDATE_ENDPOINT).run(
          d.url,
          JSON.stringify(d.events),
          d.description,
          d.status,
          d.disabledReason,
          d.updatedAt,
          event.revision,
          d.status,
          d.webhookId,
        );
        return;
      }
      case 'WebhookEndpointDeleted':
        db.prepare(DELETE_ENDPOINT).run(event.data.deletedAt, event.revision, event.data.webhookId);
        return;
      case 'WebhookSecretRotated':
        db.prepare(ROTATE_SECRET).run(
          event.data.previousValidUntil,
          JSON.stringify(event.data.secret),
          event.data.rotatedAt,
          event.revision,
          event.data.webhookId,
        );
        return;
    }
  }

  private applyDelivery(event: RecordedEvent & WebhookDeliveryEvent, db: ReadModelDb): void {
    switch (event.type) {
      case 'WebhookDeliveryEnqueued': {
        const d = event.data;
        db.prepare(INSERT_DELIVERY).run(
          d.deliveryId,
          d.messageId,
          d.webhookId,
          d.organizationId,
          d.type,
          d.timestamp,
          JSON.stringify(d.data),
          d.enqueuedAt,
          d.enqueuedAt,
          event.revision,
          event.position,
        );
        break;
      }
      case 'WebhookDeliveryAttemptClaimed':
        db.prepare(CLAIM_ATTEMPT).run(event.data.attempt, event.data.claimedAt, event.revision, event.data.deliveryId);
        return;
      case 'WebhookDeliveryAttempted': {
        const d = event.data;
        const status = d.outcome === 'succeeded' ? 'succeeded' : d.nextAttemptAt ? 'pending' : 'failed';
        db.prepare(RECORD_ATTEMPT_OUTCOME).run(status, d.responseStatus, d.durationMs, d.error, d.at, d.nextAttemptAt, event.revision, d.deliveryId);
        db.prepare(INSERT_ATTEMPT).run(d.deliveryId, d.attempt, d.outcome, d.responseStatus, d.durationMs, d.error, d.at);
        if (d.outcome === 'succeeded') db.prepare(CLEAR_ENDPOINT_FAILING).run(d.deliveryId);
        else db.prepare(MARK_ENDPOINT_FAILING).run(d.at, d.deliveryId);
        if (status === 'pending') break;
        return;
      }
      case 'WebhookRedeliveryRequested':
        db.prepare(REQUEST_REDELIVERY).run(event.data.requestedAt, event.revision, event.data.deliveryId);
        break;
    }
    // Something is due (now or later): the worker looks again once this transaction is committed.
    this.signal.notify();
  }
}

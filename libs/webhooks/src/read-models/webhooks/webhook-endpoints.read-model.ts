import { Inject, Injectable } from '@nestjs/common';
import { READ_MODEL_DB, type ReadModelDb } from '@latchkey/event-store';
import type { DerivedSealed } from '@latchkey/keys';
import { ALL_WEBHOOK_EVENTS } from '../../contracts';
import { ENDPOINTS_TABLE, type EndpointRow, SUBJECTS_TABLE } from './webhooks.projection';
import type { SubjectKind } from './webhook-subjects';

export interface WebhookEndpointView {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  status: 'enabled' | 'disabled';
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
  revision: number;
}

export interface Subject {
  organizationId: string;
  label: string | null;
  details: Record<string, unknown>;
}

export const endpointView = (row: EndpointRow): WebhookEndpointView => ({
  id: row.webhook_id,
  url: row.url,
  events: JSON.parse(row.events) as string[],
  description: row.description,
  status: row.status,
  disabledReason: row.disabled_reason,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  revision: row.revision,
});

/** The organizations' webhook endpoints (deleted ones never shown) and the subjects their messages are about. */
@Injectable()
export class WebhookEndpointsReadModel {
  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDb) {}

  list(organizationId: string): EndpointRow[] {
    return this.db
      .prepare(`SELECT * FROM ${ENDPOINTS_TABLE} WHERE organization_id = ? AND deleted = 0 ORDER BY created_at, webhook_id`)
      .all(organizationId) as EndpointRow[];
  }

  /** An endpoint of the organization, or null (another organization's is null too). */
  find(organizationId: string, webhookId: string): EndpointRow | null {
    const row = this.byId(webhookId);
    return row && row.organization_id === organizationId && !row.deleted ? row : null;
  }

  byId(webhookId: string): EndpointRow | null {
    return (this.db.prepare(`SELECT * FROM ${ENDPOINTS_TABLE} WHERE webhook_id = ?`).get(webhookId) as EndpointRow | undefined) ?? null;
  }

  /** The enabled endpoints of the organization that want messages of `type`. */
  subscribed(organizationId: string, type: string): EndpointRow[] {
    return this.list(organizationId).filter((row) => {
      if (row.status !== 'enabled') return false;
      const events = JSON.parse(row.events) as string[];
      return events.includes(ALL_WEBHOOK_EVENTS) || events.includes(type);
    });
  }

  subject(kind: SubjectKind, id: string): Subject | null {
    const row = this.db.prepare(`SELECT organization_id, label, details FROM ${SUBJECTS_TABLE} WHERE kind = ? AND id = ?`).get(kind, id) as
      { organization_id: string; label: string | null; details: string } | undefined;
    return row ? { organizationId: row.organization_id, label: row.label, details: JSON.parse(row.details) as Record<string, unknown> } : null;
  }
}

/** The keys that sign an endpoint's deliveries now: the current secret, and the previous one during its grace period. */
export function signingSecrets(row: EndpointRow, nowMs: number): DerivedSealed[] {
  const secrets = [JSON.parse(row.secret) as DerivedSealed];
  if (row.previous_secret && row.previous_valid_until && Date.parse(row.previous_valid_until) > nowMs) {
    secrets.push(JSON.parse(row.previous_secret) as DerivedSealed);
  }
  return secrets;
}

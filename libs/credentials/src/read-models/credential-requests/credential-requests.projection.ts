import { Injectable } from '@nestjs/common';
import { Projection, type ReadModelDb, type Recorded } from '@latchkey/event-store';
import {
  CREDENTIAL_REQUEST_EVENT_TYPES,
  CREDENTIAL_REQUEST_STREAM_PREFIX,
  type CredentialRequestEvent,
  type CredentialRequestStatus,
} from '../../domain/credential-request/credential-request.events';

export const CREDENTIAL_REQUESTS_TABLE = 'cred_requests';

/** A credential request as the list projection stores it. */
export interface CredentialRequestRow {
  request_id: string;
  organization_id: string;
  credential_id: string;
  credential_label: string;
  requester_id: string;
  requester_email: string;
  client_id: string;
  app_name: string;
  organization_name: string;
  justification: string;
  status: CredentialRequestStatus;
  created_at: string;
  decided_by_id: string | null;
  decided_by_email: string | null;
  decided_at: string | null;
  note: string | null;
  position: number;
}

/** Credential requests per organization, with their decision, for the developer_admins' list. */
@Projection()
@Injectable()
export class CredentialRequestsProjection implements Projection<CredentialRequestEvent> {
  readonly name = 'credentials.requests';
  readonly version = 1;
  readonly eventTypes = CREDENTIAL_REQUEST_EVENT_TYPES;

  /** A fresh instance, to build a new version beside this one. */
  fork(): CredentialRequestsProjection {
    return new CredentialRequestsProjection();
  }

  setup(db: ReadModelDb): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS ${CREDENTIAL_REQUESTS_TABLE} (
        request_id TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL,
        credential_id TEXT NOT NULL,
        credential_label TEXT NOT NULL,
        requester_id TEXT NOT NULL,
        requester_email TEXT NOT NULL,
        client_id TEXT NOT NULL,
        app_name TEXT NOT NULL,
        organization_name TEXT NOT NULL,
        justification TEXT NOT NULL,
        status TEXT NOT NULL,
        created_at TEXT NOT NULL,
        decided_by_id TEXT,
        decided_by_email TEXT,
        decided_at TEXT,
        note TEXT,
        position INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS ${CREDENTIAL_REQUESTS_TABLE}_by_organization ON ${CREDENTIAL_REQUESTS_TABLE} (organization_id, position);
    `);
  }

  reset(db: ReadModelDb): void {
    db.exec(`DELETE FROM ${CREDENTIAL_REQUESTS_TABLE}`);
  }

  apply(event: Recorded<CredentialRequestEvent>, db: ReadModelDb): void {
    if (!event.streamName.startsWith(CREDENTIAL_REQUEST_STREAM_PREFIX)) return;
    const d = event.data;
    switch (event.type) {
      case 'CredentialRequestCreated': {
        const c = event.data;
        db.prepare(
          `INSERT OR IGNORE INTO ${CREDENTIAL_REQUESTS_TABLE}
             (request_id, organization_id, credential_id, credential_label, requester_id, requester_email, client_id, app_name,
              organization_name, justification, status, created_at, position)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
        ).run(
          c.requestId,
          c.organizationId,
          c.credentialId,
          c.credentialLabel,
          c.requester.userId,
          c.requester.email,
          c.clientId,
          c.appName,
          c.appOrganizationName,
          c.justification,
          c.createdAt,
          event.position,
        );
        return;
      }
      case 'CredentialRequestApproved':
      case 'CredentialRequestDenied': {
        const decided = event.data;
        db.prepare(
          `UPDATE ${CREDENTIAL_REQUESTS_TABLE} SET status = ?, decided_by_id = ?, decided_by_email = ?, decided_at = ?, note = ? WHERE request_id = ?`,
        ).run(
          event.type === 'CredentialRequestApproved' ? 'approved' : 'denied',
          decided.decidedBy.userId,
          decided.decidedBy.email,
          decided.decidedAt,
          decided.note,
          d.requestId,
        );
        return;
      }
    }
  }
}

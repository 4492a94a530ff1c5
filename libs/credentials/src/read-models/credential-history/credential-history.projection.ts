import { Injectable } from '@nestjs/common';
import { Projection, type ReadModelDb, type Recorded } from '@latchkey/event-store';
import {
  CREDENTIAL_APPS_STREAM_PREFIX,
  CREDENTIAL_EVENT_TYPES,
  CREDENTIAL_STREAM_PREFIX,
  CREDENTIAL_USAGE_STREAM_PREFIX,
  type CredentialEvent,
  occurredAt,
} from '../../domain/credential/credential.events';

export const HISTORY_TABLE = 'cred_history';
/** Each credential's organization, by credential id: what a later event of the credential is filed under. */
const ORGANIZATIONS_TABLE = 'cred_history_organizations';

const MAX_REMEMBERED_ORGANIZATIONS = 200_000;

const INSERT_HISTORY_ROW = `INSERT OR IGNORE INTO ${HISTORY_TABLE} (position, credential_id, organization_id, type, at, actor_user_id, actor_email, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;
const INSERT_ORGANIZATION = `INSERT OR IGNORE INTO ${ORGANIZATIONS_TABLE} (credential_id, organization_id) VALUES (?, ?)`;
const SELECT_ORGANIZATION_OF_CREDENTIAL = `SELECT organization_id FROM ${ORGANIZATIONS_TABLE} WHERE credential_id = ?`;

export interface HistoryRow {
  position: number;
  credential_id: string;
  organization_id: string;
  type: string;
  at: string;
  actor_user_id: string | null;
  actor_email: string | null;
  /** JSON of the event's data: ids, labels, policies, times. Credential events never hold a secret. */
  data: string;
}

/**
 * Every credential event, once, by its global position: the history of each credential, filed
 * under the organization it was created in. Rows are never removed, so a deleted credential's
 * history stays. (The organization's audit log is the audit module's own projection.)
 */
@Projection()
@Injectable()
export class CredentialHistoryProjection implements Projection<CredentialEvent> {
  readonly name = 'credentials.history';
  readonly version = 1;
  readonly eventTypes = CREDENTIAL_EVENT_TYPES;

  /**
   * Credential → organization, so an event after the creation needs no lookup (about a million of
   * them in a rebuild). Filled as credentials are created or first looked up; cleared
   * when it reaches its bound, after which lookups fill it again.
   */
  private readonly organizations = new Map<string, string>();

  /**
   * The history's index serves queries only: `apply` looks a credential's organization up in a
   * table of its own (one row per credential, not per event), so a build from zero sorts the index
   * once instead of inserting a million entries at random places.
   */
  readonly deferredIndexes = [`${HISTORY_TABLE}_by_credential`];

  /** A fresh instance, to build a new version beside this one. */
  fork(): CredentialHistoryProjection {
    return new CredentialHistoryProjection();
  }

  setup(db: ReadModelDb): void {
    const organizationsKnown = db.prepare('SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?').get('table', ORGANIZATIONS_TABLE);
    db.exec(`
      CREATE TABLE IF NOT EXISTS ${HISTORY_TABLE} (
        position INTEGER PRIMARY KEY,
        credential_id TEXT NOT NULL,
        organization_id TEXT NOT NULL,
        type TEXT NOT NULL,
        at TEXT NOT NULL,
        actor_user_id TEXT,
        actor_email TEXT,
        data TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS ${HISTORY_TABLE}_by_credential ON ${HISTORY_TABLE} (credential_id, position);
      CREATE TABLE IF NOT EXISTS ${ORGANIZATIONS_TABLE} (credential_id TEXT PRIMARY KEY, organization_id TEXT NOT NULL) WITHOUT ROWID;
      -- The organization's audit log and its filters moved to the audit module.
      DROP INDEX IF EXISTS ${HISTORY_TABLE}_by_organization;
      DROP INDEX IF EXISTS ${HISTORY_TABLE}_by_type;
      DROP INDEX IF EXISTS ${HISTORY_TABLE}_by_actor;
    `);
    // A history made before the table existed: each credential's organization is that of its first row.
    if (!organizationsKnown) {
      db.exec(`INSERT OR IGNORE INTO ${ORGANIZATIONS_TABLE} SELECT credential_id, organization_id FROM ${HISTORY_TABLE} ORDER BY position`);
    }
  }

  reset(db: ReadModelDb): void {
    db.exec(`DELETE FROM ${HISTORY_TABLE}; DELETE FROM ${ORGANIZATIONS_TABLE};`);
    this.organizations.clear();
  }

  apply(event: Recorded<CredentialEvent>, db: ReadModelDb): void {
    const usage = event.streamName.startsWith(CREDENTIAL_USAGE_STREAM_PREFIX) || event.streamName.startsWith(CREDENTIAL_APPS_STREAM_PREFIX);
    if (!usage && !event.streamName.startsWith(CREDENTIAL_STREAM_PREFIX)) return;
    let organizationId: string | undefined;
    if (event.type === 'CredentialCreated') {
      organizationId = event.data.organizationId;
      db.prepare(INSERT_ORGANIZATION).run(event.data.credentialId, organizationId);
    } else {
      organizationId = this.organizationOf(event.data.credentialId, db);
      if (organizationId === undefined) return;
    }
    this.remember(event.data.credentialId, organizationId);
    const actor = event.metadata.actor ?? null;
    db.prepare(INSERT_HISTORY_ROW).run(
      event.position,
      event.data.credentialId,
      organizationId,
      event.type,
      occurredAt(event) ?? event.createdAt,
      actor?.userId ?? null,
      actor?.email ?? null,
      JSON.stringify(event.data),
    );
  }

  private organizationOf(credentialId: string, db: ReadModelDb): string | undefined {
    return (
      this.organizations.get(credentialId) ??
      (db.prepare(SELECT_ORGANIZATION_OF_CREDENTIAL).get(credentialId) as { organization_id: string } | undefined)?.organization_id
    );
  }

  private remember(credentialId: string, organizationId: string): void {
    if (this.organizations.has(credentialId)) return;
    if (this.organizations.size >= MAX_REMEMBERED_ORGANIZATIONS) this.organizations.clear();
    this.organizations.set(credentialId, organizationId);
  }
}

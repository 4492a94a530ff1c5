import { Injectable } from '@nestjs/common';
import { Projection, type ReadModelDb, type Recorded } from '@latchkey/event-store';
import {
  CREDENTIAL_EVENT_TYPES,
  CREDENTIAL_STREAM_PREFIX,
  CREDENTIAL_USAGE_STREAM_PREFIX,
  type CredentialEvent,
  OWNER_REMOVED_REASON,
  type RevocationReason,
} from '../../domain/credential/credential.events';
import { BatchRows } from '../../shared/batch-rows';

export const CREDENTIALS_TABLE = 'cred_credentials';
/** Uses per credential and app: the credential view's `usedBy`. */
export const CREDENTIAL_USAGE_TABLE = 'cred_usage';

/** One app's uses of a credential. */
export interface CredentialUsageRow {
  credential_id: string;
  client_id: string;
  last_used_at: string;
  count: number;
  /** The position of the last use event counted: a replayed event is not counted twice. */
  position: number;
}

/** A credential as the list projection stores it (status `expired` is computed when read). */
export interface CredentialRow {
  credential_id: string;
  organization_id: string;
  owner_id: string;
  owner_email: string;
  label: string;
  environment: 'production' | 'sandbox';
  policy: 'organization' | 'specific';
  /** JSON array of client ids. */
  client_ids: string;
  /** JSON array of the client ids of `client_ids` that wait for an administrator's approval. */
  pending_client_ids: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  /** Who or what revoked it; null while it is not revoked. */
  revocation_reason: RevocationReason | null;
  deleted_at: string | null;
  last_used_at: string | null;
  /** The app, client address and user agent of the last recorded use (null before one, or for uses recorded before they were kept). */
  last_used_client_id: string | null;
  last_used_address: string | null;
  last_used_user_agent: string | null;
  /** JSON array of canonical CIDR ranges; `[]`: any address. */
  allowed_addresses: string;
  status: 'active' | 'revoked' | 'deleted';
  revision: number;
  created_position: number;
}

const COLUMNS = [
  'credential_id',
  'organization_id',
  'owner_id',
  'owner_email',
  'label',
  'environment',
  'policy',
  'client_ids',
  'pending_client_ids',
  'created_at',
  'expires_at',
  'revoked_at',
  'revocation_reason',
  'deleted_at',
  'last_used_at',
  'last_used_client_id',
  'last_used_address',
  'last_used_user_agent',
  'allowed_addresses',
  'status',
  'revision',
  'created_position',
] as const satisfies readonly (keyof CredentialRow)[];
/** What an event after the creation can change: every column but the id, the owner and where and when it was created. */
const CHANGING = COLUMNS.filter(
  (c) => !['credential_id', 'organization_id', 'owner_id', 'owner_email', 'environment', 'created_at', 'created_position'].includes(c),
);

const SELECT_CREDENTIAL = `SELECT * FROM ${CREDENTIALS_TABLE} WHERE credential_id = ?`;
const INSERT_CREDENTIAL = `INSERT OR IGNORE INTO ${CREDENTIALS_TABLE} (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`;
const UPDATE_CREDENTIAL = `UPDATE ${CREDENTIALS_TABLE} SET ${CHANGING.map((c) => `${c} = @${c}`).join(', ')} WHERE credential_id = @credential_id`;

const UPSERT_USAGE = `INSERT INTO ${CREDENTIAL_USAGE_TABLE} (credential_id, client_id, last_used_at, count, position) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (credential_id, client_id) DO UPDATE SET
       last_used_at = max(last_used_at, excluded.last_used_at), count = count + excluded.count, position = excluded.position
     WHERE excluded.position > ${CREDENTIAL_USAGE_TABLE}.position`;

/** Who revoked a credential, for revocations recorded before the event said so: the owner's removal, the owner, or an admin. */
function revocationReasonOf(event: Recorded<CredentialEvent> & { type: 'CredentialRevoked' }, ownerId: string): RevocationReason {
  if (event.data.revocationReason) return event.data.revocationReason;
  if (event.data.reason === OWNER_REMOVED_REASON) return 'member_removed';
  return event.metadata.actor?.userId === ownerId ? 'owner' : 'admin';
}

/**
 * Credentials by owner and by organization, with their status, revision and last use. Deleted
 * credentials keep their row (status `deleted`) so that access to their history can still be
 * decided, but every list leaves them out.
 */
@Projection()
@Injectable()
export class CredentialListProjection implements Projection<CredentialEvent> {
  readonly name = 'credentials.list';
  readonly version = 3;
  readonly eventTypes = CREDENTIAL_EVENT_TYPES;
  /** The lists' indexes: `apply` finds rows by credential id only. */
  readonly deferredIndexes = [`${CREDENTIALS_TABLE}_by_owner`, `${CREDENTIALS_TABLE}_by_organization`];
  /**
   * The rows this batch's events touched, as they left them: a credential's events come close
   * together (a console creates it, then sets its apps and label), so each row is written once a
   * batch instead of once an event.
   */
  private readonly rows = new BatchRows<CredentialRow>(SELECT_CREDENTIAL);
  /** Those of `rows` created in this batch: inserted, where the others are updated. */
  private readonly created = new Set<string>();

  /** A fresh instance, to build a new version beside this one. */
  fork(): CredentialListProjection {
    return new CredentialListProjection();
  }

  setup(db: ReadModelDb): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS ${CREDENTIALS_TABLE} (
        credential_id TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL,
        owner_id TEXT NOT NULL,
        owner_email TEXT NOT NULL,
        label TEXT NOT NULL,
        environment TEXT NOT NULL,
        policy TEXT NOT NULL,
        client_ids TEXT NOT NULL,
        pending_client_ids TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL,
        expires_at TEXT,
        revoked_at TEXT,
        revocation_reason TEXT,
        deleted_at TEXT,
        last_used_at TEXT,
        last_used_client_id TEXT,
        last_used_address TEXT,
        last_used_user_agent TEXT,
        allowed_addresses TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL,
        revision INTEGER NOT NULL,
        created_position INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS ${CREDENTIALS_TABLE}_by_owner ON ${CREDENTIALS_TABLE} (owner_id, created_position);
      CREATE INDEX IF NOT EXISTS ${CREDENTIALS_TABLE}_by_organization ON ${CREDENTIALS_TABLE} (organization_id, created_position);
      CREATE TABLE IF NOT EXISTS ${CREDENTIAL_USAGE_TABLE} (
        credential_id TEXT NOT NULL,
        client_id TEXT NOT NULL,
        last_used_at TEXT NOT NULL,
        count INTEGER NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (credential_id, client_id)
      );
    `);
    // Rows made before apps could wait for approval have none pending: the default is their truth, no rebuild needed.
    const columns = db.prepare(`PRAGMA table_info(${CREDENTIALS_TABLE})`).all() as { name: string }[];
    if (!columns.some((c) => c.name === 'pending_client_ids')) {
      db.exec(`ALTER TABLE ${CREDENTIALS_TABLE} ADD COLUMN pending_client_ids TEXT NOT NULL DEFAULT '[]'`);
    }
  }

  reset(db: ReadModelDb): void {
    db.exec(`DELETE FROM ${CREDENTIALS_TABLE}; DELETE FROM ${CREDENTIAL_USAGE_TABLE}`);
    this.rows.clear();
    this.created.clear();
  }

  apply(event: Recorded<CredentialEvent>, db: ReadModelDb): void {
    if (event.streamName.startsWith(CREDENTIAL_USAGE_STREAM_PREFIX) && event.type === 'CredentialUsed') {
      // Uses have a stream of their own: they move the last use and the counts, never the credential's revision.
      this.applyUse(event, db);
      return;
    }
    if (!event.streamName.startsWith(CREDENTIAL_STREAM_PREFIX)) return;
    const id = event.data.credentialId;
    const revision = event.revision;
    if (event.type === 'CredentialCreated') {
      if (this.rows.of(db, id)) return;
      this.rows.set(id, createdRow(event));
      this.created.add(id);
      return;
    }
    const row = this.rows.of(db, id);
    // Every change also moves the revision; a replayed event (revision not above the row's) changes nothing.
    if (row && row.revision < revision && change(row, event)) row.revision = revision;
    if (event.type === 'CredentialUsed') {
      // Uses recorded on the credential's own stream, before they had one of their own.
      this.applyUse(event, db);
    }
  }

  /** Writes each credential the batch changed, once (building from zero, the whole build is one batch, up to a bound). */
  endBatch(db: ReadModelDb): void {
    if (this.rows.holding) return;
    for (const [id, row] of this.rows.inKeyOrder()) if (row) db.prepare(this.created.has(id) ? INSERT_CREDENTIAL : UPDATE_CREDENTIAL).run(row);
    this.rows.clear();
    this.created.clear();
  }

  beginBuild(): void {
    this.rows.beginBuild();
  }

  endBuild(db: ReadModelDb): void {
    this.rows.endBuild();
    this.endBatch(db);
  }

  /**
   * A batch of uses by one app: its count and last use in the usage table (once per event, by
   * position), and the credential's last use when it is the latest.
   */
  private applyUse(event: Recorded<CredentialEvent> & { type: 'CredentialUsed' }, db: ReadModelDb): void {
    const { credentialId, clientId, lastUsedAt, count } = event.data;
    db.prepare(UPSERT_USAGE).run(credentialId, clientId, lastUsedAt, count, event.position);
    const row = this.rows.of(db, credentialId);
    if (!row || (row.last_used_at !== null && row.last_used_at > lastUsedAt)) return;
    row.last_used_at = lastUsedAt;
    row.last_used_client_id = clientId;
    row.last_used_address = event.data.address ?? null;
    row.last_used_user_agent = event.data.userAgent ?? null;
  }
}

function createdRow(event: Recorded<CredentialEvent> & { type: 'CredentialCreated' }): CredentialRow {
  const d = event.data;
  return {
    credential_id: d.credentialId,
    organization_id: d.organizationId,
    owner_id: d.ownerId,
    owner_email: d.ownerEmail,
    label: d.label,
    environment: d.environment,
    policy: d.policy,
    client_ids: JSON.stringify(d.clientIds),
    pending_client_ids: JSON.stringify(d.pendingClientIds ?? []),
    created_at: d.createdAt,
    expires_at: d.expiresAt,
    revoked_at: null,
    revocation_reason: null,
    deleted_at: null,
    last_used_at: null,
    last_used_client_id: null,
    last_used_address: null,
    last_used_user_agent: null,
    allowed_addresses: JSON.stringify(d.allowedAddresses ?? []),
    status: 'active',
    revision: event.revision,
    created_position: event.position,
  };
}

/** Changes the row as an event after the creation does (its revision aside); false for an event that changes nothing. */
function change(row: CredentialRow, event: Recorded<CredentialEvent>): boolean {
  switch (event.type) {
    case 'CredentialLabelChanged':
      row.label = event.data.label;
      return true;
    case 'CredentialExpiryChanged':
      row.expires_at = event.data.expiresAt;
      return true;
    case 'CredentialAllowedAppsSet':
      row.policy = event.data.policy;
      row.client_ids = JSON.stringify(event.data.clientIds);
      row.pending_client_ids = JSON.stringify(event.data.pendingClientIds ?? []);
      return true;
    case 'CredentialAllowedAddressesSet':
      row.allowed_addresses = JSON.stringify(event.data.allowedAddresses);
      return true;
    case 'CredentialAppAllowed':
    case 'CredentialAppDisallowed':
    case 'CredentialAppDenied':
    case 'CredentialAppApproved': {
      const { clientId } = event.data;
      const current = JSON.parse(row.client_ids) as string[];
      // An approval changes only the app's standing; the others add it to the list or take it out.
      const clientIds = event.type === 'CredentialAppApproved' ? current : current.filter((c) => c !== clientId);
      const pending = (JSON.parse(row.pending_client_ids) as string[]).filter((c) => c !== clientId);
      if (event.type === 'CredentialAppAllowed') {
        clientIds.push(clientId);
        if (event.data.pending) pending.push(clientId);
      }
      row.client_ids = JSON.stringify(clientIds);
      row.pending_client_ids = JSON.stringify(pending);
      return true;
    }
    case 'CredentialRevoked':
      row.status = 'revoked';
      row.revoked_at = event.data.revokedAt;
      row.revocation_reason = revocationReasonOf(event, row.owner_id);
      return true;
    case 'CredentialDeleted':
      row.status = 'deleted';
      row.deleted_at = event.data.deletedAt;
      return true;
    // Recorded on the credential's stream, these move only the revision the console's If-Match names.
    case 'CredentialInactivityNoticed':
    case 'CredentialExpiryNoticed':
    case 'CredentialExpired':
    case 'CredentialUsed':
      return true;
    default:
      return false;
  }
}

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

const INSERT_CREDENTIAL = `INSERT OR IGNORE INTO ${CREDENTIALS_TABLE}
             (credential_id, organization_id, owner_id, owner_email, label, environment, policy, client_ids, pending_client_ids, created_at,
              expires_at, revoked_at, deleted_at, last_used_at, status, revision, created_position)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, 'active', ?, ?)`;
const SET_CREATED_ALLOWED_ADDRESSES = `UPDATE ${CREDENTIALS_TABLE} SET allowed_addresses = ? WHERE credential_id = ?`;
const SELECT_APPS = `SELECT client_ids, pending_client_ids FROM ${CREDENTIALS_TABLE} WHERE credential_id = ?`;
const SELECT_OWNER = `SELECT owner_id FROM ${CREDENTIALS_TABLE} WHERE credential_id = ?`;

const updateWithRevision = (assignments: string): string =>
  `UPDATE ${CREDENTIALS_TABLE} SET ${assignments}, revision = ? WHERE credential_id = ? AND revision < ?`;
const UPDATE_LABEL = updateWithRevision('label = ?');
const UPDATE_EXPIRY = updateWithRevision('expires_at = ?');
const UPDATE_ALLOWED_APPS = updateWithRevision('policy = ?, client_ids = ?, pending_client_ids = ?');
const UPDATE_ALLOWED_ADDRESSES = updateWithRevision('allowed_addresses = ?');
const UPDATE_CLIENT_IDS = updateWithRevision('client_ids = ?, pending_client_ids = ?');
const UPDATE_REVOKED = updateWithRevision("status = 'revoked', revoked_at = ?, revocation_reason = ?");
const UPDATE_REVISION_ONLY = updateWithRevision('label = label');
const UPDATE_DELETED = updateWithRevision("status = 'deleted', deleted_at = ?");

const UPSERT_USAGE = `INSERT INTO ${CREDENTIAL_USAGE_TABLE} (credential_id, client_id, last_used_at, count, position) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (credential_id, client_id) DO UPDATE SET
       last_used_at = max(last_used_at, excluded.last_used_at), count = count + excluded.count, position = excluded.position
     WHERE excluded.position > ${CREDENTIAL_USAGE_TABLE}.position`;
const UPDATE_LAST_USE = `UPDATE ${CREDENTIALS_TABLE}
     SET last_used_at = ?, last_used_client_id = ?, last_used_address = ?, last_used_user_agent = ?
     WHERE credential_id = ? AND (last_used_at IS NULL OR last_used_at <= ?)`;

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
  }

  apply(event: Recorded<CredentialEvent>, db: ReadModelDb): void {
    if (event.streamName.startsWith(CREDENTIAL_USAGE_STREAM_PREFIX) && event.type === 'CredentialUsed') {
      // Uses have a stream of their own: they move the last use and the counts, never the credential's revision.
      applyUse(event, db);
      return;
    }
    if (!event.streamName.startsWith(CREDENTIAL_STREAM_PREFIX)) return;
    const id = event.data.credentialId;
    const revision = event.revision;
    // Every update also moves the revision; `revision < ?` makes a replayed event a no-op.
    const update = (sql: string, ...values: unknown[]) => db.prepare(sql).run(...values, revision, id, revision);

    switch (event.type) {
      case 'CredentialCreated': {
        const d = event.data;
        db.prepare(INSERT_CREDENTIAL).run(
          id,
          d.organizationId,
          d.ownerId,
          d.ownerEmail,
          d.label,
          d.environment,
          d.policy,
          JSON.stringify(d.clientIds),
          JSON.stringify(d.pendingClientIds ?? []),
          d.createdAt,
          d.expiresAt,
          revision,
          event.position,
        );
        if (d.allowedAddresses?.length) {
          db.prepare(SET_CREATED_ALLOWED_ADDRESSES).run(JSON.stringify(d.allowedAddresses), id);
        }
        return;
      }
      case 'CredentialLabelChanged':
        update(UPDATE_LABEL, event.data.label);
        return;
      case 'CredentialExpiryChanged':
        update(UPDATE_EXPIRY, event.data.expiresAt);
        return;
      case 'CredentialAllowedAppsSet':
        update(UPDATE_ALLOWED_APPS, event.data.policy, JSON.stringify(event.data.clientIds), JSON.stringify(event.data.pendingClientIds ?? []));
        return;
      case 'CredentialAllowedAddressesSet':
        update(UPDATE_ALLOWED_ADDRESSES, JSON.stringify(event.data.allowedAddresses));
        return;
      case 'CredentialAppAllowed':
      case 'CredentialAppDisallowed':
      case 'CredentialAppDenied':
      case 'CredentialAppApproved': {
        const row = db.prepare(SELECT_APPS).get(id) as { client_ids: string; pending_client_ids: string } | undefined;
        if (!row) return;
        const { clientId } = event.data;
        const current = JSON.parse(row.client_ids) as string[];
        // An approval changes only the app's standing; the others add it to the list or take it out.
        const clientIds = event.type === 'CredentialAppApproved' ? current : current.filter((c) => c !== clientId);
        const pending = (JSON.parse(row.pending_client_ids) as string[]).filter((c) => c !== clientId);
        if (event.type === 'CredentialAppAllowed') {
          clientIds.push(clientId);
          if (event.data.pending) pending.push(clientId);
        }
        update(UPDATE_CLIENT_IDS, JSON.stringify(clientIds), JSON.stringify(pending));
        return;
      }
      case 'CredentialRevoked': {
        const row = db.prepare(SELECT_OWNER).get(id) as { owner_id: string } | undefined;
        if (!row) return;
        update(UPDATE_REVOKED, event.data.revokedAt, revocationReasonOf(event, row.owner_id));
        return;
      }
      case 'CredentialInactivityNoticed':
      case 'CredentialExpiryNoticed':
      case 'CredentialExpired':
        // Recorded on the credential's stream: it moves the revision the console's If-Match names.
        update(UPDATE_REVISION_ONLY);
        return;
      case 'CredentialDeleted':
        update(UPDATE_DELETED, event.data.deletedAt);
        return;
      case 'CredentialUsed':
        // Uses recorded on the credential's own stream, before they had one of their own.
        update(UPDATE_REVISION_ONLY);
        applyUse(event, db);
        return;
    }
  }
}

/**
 * A batch of uses by one app: its count and last use in the usage table (once per event, by
 * position), and the credential's last use when it is the latest.
 */
function applyUse(event: Recorded<CredentialEvent> & { type: 'CredentialUsed' }, db: ReadModelDb): void {
  const { credentialId, clientId, lastUsedAt, count } = event.data;
  db.prepare(UPSERT_USAGE).run(credentialId, clientId, lastUsedAt, count, event.position);
  db.prepare(UPDATE_LAST_USE).run(lastUsedAt, clientId, event.data.address ?? null, event.data.userAgent ?? null, credentialId, lastUsedAt);
}

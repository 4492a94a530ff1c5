import { Injectable } from '@nestjs/common';
import { Projection, type ReadModelDb, type Recorded } from '@latchkey/event-store';
import type { CredentialAllowlistEntry, CredentialsLookup } from '../../contracts';
import { CREDENTIAL_EVENT_TYPES, CREDENTIAL_STREAM_PREFIX, type CredentialEvent } from '../../domain/credential/credential.events';
import { epochSeconds } from '../../domain/credential/credential.state';

export const ALLOWLIST_TABLE = 'cred_allowlist';

const UPSERT_ENTRY = `INSERT INTO ${ALLOWLIST_TABLE} (credential_id, entry) VALUES (?, ?) ON CONFLICT(credential_id) DO UPDATE SET entry = excluded.entry`;

const freeze = (entry: CredentialAllowlistEntry): CredentialAllowlistEntry =>
  Object.freeze({
    ...entry,
    clientIds: Object.freeze([...entry.clientIds]) as string[],
    allowedAddresses: Object.freeze([...(entry.allowedAddresses ?? [])]) as string[],
    ...(entry.pendingClientIds ? { pendingClientIds: Object.freeze([...entry.pendingClientIds]) as string[] } : {}),
  });

/** The entry with `pending` as its pending apps; the field is left out when none waits. */
function withPending(entry: CredentialAllowlistEntry, pending: readonly string[]): CredentialAllowlistEntry {
  const { pendingClientIds: _previous, ...rest } = entry;
  return pending.length > 0 ? { ...rest, pendingClientIds: [...pending] } : rest;
}

/**
 * The allowlist the token endpoint consults for every credential it is shown: credential id → what
 * may use it and whether it still may. Kept in a table (so it survives restarts) and in a Map
 * loaded from it, so a lookup is O(1) and never touches the disk. The runner applies an event
 * before any write waiting on it answers, so a finished revoke is refused from then on.
 *
 * Entries are frozen: callers share them and must not change them.
 */
@Projection()
@Injectable()
export class AllowlistProjection implements Projection<CredentialEvent>, CredentialsLookup {
  readonly name = 'credentials.allowlist';
  readonly version = 1;
  readonly eventTypes = CREDENTIAL_EVENT_TYPES;

  private readonly entries = new Map<string, CredentialAllowlistEntry>();
  /** Credentials whose entry changed in the batch being applied, written by `endBatch`. */
  private readonly unwritten = new Set<string>();
  /** Building from zero: every entry is in memory already, and each is written once, by `endBuild`. */
  private building = false;

  allowlistEntry(credentialId: string): CredentialAllowlistEntry | null {
    return this.entries.get(credentialId) ?? null;
  }

  get size(): number {
    return this.entries.size;
  }

  /** A fresh instance, to build a new version beside this one. */
  fork(): AllowlistProjection {
    return new AllowlistProjection();
  }

  setup(db: ReadModelDb): void {
    db.exec(`CREATE TABLE IF NOT EXISTS ${ALLOWLIST_TABLE} (credential_id TEXT PRIMARY KEY, entry TEXT NOT NULL)`);
  }

  reset(db: ReadModelDb): void {
    db.exec(`DELETE FROM ${ALLOWLIST_TABLE}`);
    this.entries.clear();
    this.unwritten.clear();
  }

  beginBuild(): void {
    this.building = true;
  }

  /** The entries in credential-id order: each insert lands beside the previous one. */
  endBuild(db: ReadModelDb): void {
    this.building = false;
    const ids = [...this.unwritten].sort();
    this.unwritten.clear();
    this.write(db, ids);
  }

  load(db: ReadModelDb): void {
    this.entries.clear();
    this.unwritten.clear();
    for (const row of db.prepare(`SELECT entry FROM ${ALLOWLIST_TABLE}`).iterate() as Iterable<{ entry: string }>) {
      const entry = JSON.parse(row.entry) as CredentialAllowlistEntry;
      this.entries.set(entry.credentialId, freeze(entry));
    }
  }

  apply(event: Recorded<CredentialEvent>): void {
    if (!event.streamName.startsWith(CREDENTIAL_STREAM_PREFIX)) return;
    const current = this.entries.get(event.data.credentialId);
    const next = current ? evolveEntry(current, event) : event.type === 'CredentialCreated' ? createdEntry(event.data) : undefined;
    if (!next || next === current) return;
    this.entries.set(next.credentialId, freeze(next));
    this.unwritten.add(next.credentialId);
  }

  /** Writes each entry the batch changed once (a credential's events tend to come together: creation, apps, label). */
  endBatch(db: ReadModelDb): void {
    if (this.building) return;
    this.write(db, this.unwritten);
    this.unwritten.clear();
  }

  private write(db: ReadModelDb, credentialIds: Iterable<string>): void {
    const upsert = db.prepare(UPSERT_ENTRY);
    for (const credentialId of credentialIds) upsert.run(credentialId, JSON.stringify(this.entries.get(credentialId)));
  }
}

function createdEntry(d: Extract<CredentialEvent, { type: 'CredentialCreated' }>['data']): CredentialAllowlistEntry {
  return {
    credentialId: d.credentialId,
    status: 'active',
    environment: d.environment,
    ownerId: d.ownerId,
    ownerEnvironmentUserId: d.ownerEnvironmentUserId,
    organizationId: d.organizationId,
    policy: d.policy,
    clientIds: d.clientIds,
    expiresAt: d.expiresAt === null ? null : epochSeconds(d.expiresAt),
    ...(d.pendingClientIds?.length ? { pendingClientIds: d.pendingClientIds } : {}),
    allowedAddresses: d.allowedAddresses ?? [],
  };
}

/** The entry after an event; the same object when the event changes nothing the token endpoint needs. */
function evolveEntry(entry: CredentialAllowlistEntry, event: CredentialEvent): CredentialAllowlistEntry {
  switch (event.type) {
    case 'CredentialExpiryChanged':
      return { ...entry, expiresAt: event.data.expiresAt === null ? null : epochSeconds(event.data.expiresAt) };
    case 'CredentialAllowedAppsSet':
      return withPending({ ...entry, policy: event.data.policy, clientIds: event.data.clientIds }, event.data.pendingClientIds ?? []);
    case 'CredentialAllowedAddressesSet':
      return { ...entry, allowedAddresses: event.data.allowedAddresses };
    case 'CredentialAppAllowed': {
      if (entry.clientIds.includes(event.data.clientId)) return entry;
      const pending = entry.pendingClientIds ?? [];
      return withPending(
        { ...entry, clientIds: [...entry.clientIds, event.data.clientId] },
        event.data.pending ? [...pending, event.data.clientId] : pending,
      );
    }
    case 'CredentialAppDisallowed':
    case 'CredentialAppDenied':
      return withPending(
        { ...entry, clientIds: entry.clientIds.filter((id) => id !== event.data.clientId) },
        (entry.pendingClientIds ?? []).filter((id) => id !== event.data.clientId),
      );
    case 'CredentialAppApproved':
      return entry.pendingClientIds?.includes(event.data.clientId)
        ? withPending(
            entry,
            entry.pendingClientIds.filter((id) => id !== event.data.clientId),
          )
        : entry;
    case 'CredentialRevoked':
      return entry.status === 'active' ? { ...entry, status: 'revoked' } : entry;
    case 'CredentialDeleted':
      return { ...entry, status: 'deleted' };
    default:
      return entry;
  }
}

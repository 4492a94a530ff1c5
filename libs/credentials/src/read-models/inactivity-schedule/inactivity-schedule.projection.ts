import { Injectable } from '@nestjs/common';
import { Projection, type ReadModelDb, type Recorded, ScheduleTable } from '@latchkey/event-store';
import { ORGANIZATION_POLICY_CHANGED, ORGANIZATION_POLICY_STREAM_PREFIX, type OrganizationPolicyChangedData } from '@latchkey/organizations';
import { CREDENTIAL_STREAM_PREFIX, CREDENTIAL_USAGE_STREAM_PREFIX, type CredentialEvent } from '../../domain/credential/credential.events';
import { nextInactivityStep } from '../../domain/credential/inactivity';
import { BatchRows } from '../../shared/batch-rows';

export const INACTIVITY_SCHEDULE = 'credentials.inactivity';
const CREDENTIALS = 'cred_inactivity';
const POLICIES = 'cred_inactivity_policy';

const UPSERT_POLICY = `INSERT INTO ${POLICIES} (organization_id, days) VALUES (?, ?) ON CONFLICT (organization_id) DO UPDATE SET days = excluded.days`;
const SELECT_ORGANIZATION_CREDENTIALS = `SELECT credential_id FROM ${CREDENTIALS} WHERE organization_id = ?`;
const UPSERT_CREDENTIAL = `INSERT INTO ${CREDENTIALS} (credential_id, organization_id, last_activity_at, expires_at, notice_since, notice_revoke_at)
     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (credential_id) DO UPDATE SET organization_id = excluded.organization_id,
       last_activity_at = excluded.last_activity_at, expires_at = excluded.expires_at, notice_since = excluded.notice_since,
       notice_revoke_at = excluded.notice_revoke_at`;
const DELETE_CREDENTIAL = `DELETE FROM ${CREDENTIALS} WHERE credential_id = ?`;
const SELECT_CREDENTIAL = `SELECT * FROM ${CREDENTIALS} WHERE credential_id = ?`;
const SELECT_POLICY_DAYS = `SELECT days FROM ${POLICIES} WHERE organization_id = ?`;

type PolicyChanged = { type: typeof ORGANIZATION_POLICY_CHANGED; data: OrganizationPolicyChangedData };
type Applied = Recorded<CredentialEvent> | (Recorded<CredentialEvent> extends infer R ? Omit<R, 'type' | 'data'> & PolicyChanged : never);

interface Row {
  credential_id: string;
  organization_id: string;
  last_activity_at: string;
  expires_at: string | null;
  notice_since: string | null;
  notice_revoke_at: string | null;
}

/**
 * The inactivity schedule: for every live credential, its last activity (last use, or creation),
 * expiry and latest notice, and its organization's `inactiveCredentialRevocationDays` (read from the
 * organizations module's published `OrganizationPolicyChanged`); from these, the one item due for
 * it in the scheduler's table — its notice, or the revocation its notice announced. Revoked and
 * deleted credentials leave the schedule.
 */
@Projection()
@Injectable()
export class InactivityScheduleProjection implements Projection<CredentialEvent> {
  readonly name = 'credentials.inactivity-schedule';
  readonly version = 1;
  readonly eventTypes = [
    'CredentialCreated',
    'CredentialExpiryChanged',
    'CredentialUsed',
    'CredentialInactivityNoticed',
    'CredentialRevoked',
    'CredentialDeleted',
    ORGANIZATION_POLICY_CHANGED,
  ] as unknown as readonly CredentialEvent['type'][];

  /** Credentials whose row or policy an event of the batch changed: their schedule item is planned once, at its end. */
  private readonly toPlan = new Set<string>();
  /** The rows this batch's events touched, as they left them (null: none), written once at its end. */
  private readonly rows = new BatchRows<Row>(SELECT_CREDENTIAL);

  setup(db: ReadModelDb): void {
    ScheduleTable.setup(db);
    db.exec(`
      CREATE TABLE IF NOT EXISTS ${CREDENTIALS} (
        credential_id TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL,
        last_activity_at TEXT NOT NULL,
        expires_at TEXT,
        notice_since TEXT,
        notice_revoke_at TEXT
      );
      CREATE INDEX IF NOT EXISTS ${CREDENTIALS}_by_organization ON ${CREDENTIALS} (organization_id);
      CREATE TABLE IF NOT EXISTS ${POLICIES} (organization_id TEXT PRIMARY KEY, days INTEGER);
    `);
  }

  reset(db: ReadModelDb): void {
    db.exec(`DELETE FROM ${CREDENTIALS}; DELETE FROM ${POLICIES};`);
    ScheduleTable.clear(db, INACTIVITY_SCHEDULE);
    this.toPlan.clear();
    this.rows.clear();
  }

  apply(recorded: Recorded<CredentialEvent>, db: ReadModelDb): void {
    const event = recorded as Applied;
    if (event.type === ORGANIZATION_POLICY_CHANGED) {
      if (!event.streamName.startsWith(ORGANIZATION_POLICY_STREAM_PREFIX)) return;
      const { organizationId, policy } = event.data;
      db.prepare(UPSERT_POLICY).run(organizationId, policy.inactiveCredentialRevocationDays);
      // Those the batch created are planned anyway; those it removed are planned out of the schedule.
      const ids = db.prepare(SELECT_ORGANIZATION_CREDENTIALS).all(organizationId) as { credential_id: string }[];
      for (const { credential_id } of ids) this.toPlan.add(credential_id);
      return;
    }
    const onUsage = event.streamName.startsWith(CREDENTIAL_USAGE_STREAM_PREFIX);
    if (!onUsage && !event.streamName.startsWith(CREDENTIAL_STREAM_PREFIX)) return;
    const id = event.data.credentialId;
    const row = this.rows.of(db, id);
    switch (event.type) {
      case 'CredentialCreated':
        if (row) return;
        this.rows.set(id, {
          credential_id: id,
          organization_id: event.data.organizationId,
          last_activity_at: event.data.createdAt,
          expires_at: event.data.expiresAt,
          notice_since: null,
          notice_revoke_at: null,
        });
        break;
      case 'CredentialExpiryChanged':
        if (row) row.expires_at = event.data.expiresAt;
        break;
      case 'CredentialUsed':
        if (row && event.data.lastUsedAt > row.last_activity_at) row.last_activity_at = event.data.lastUsedAt;
        break;
      case 'CredentialInactivityNoticed':
        if (row) {
          row.notice_since = event.data.inactiveSince;
          row.notice_revoke_at = event.data.revokeAt;
        }
        break;
      case 'CredentialRevoked':
      case 'CredentialDeleted':
        this.rows.set(id, null);
        break;
      default:
        return;
    }
    this.toPlan.add(id);
  }

  /** Writes the rows the batch changed, then plans each changed credential once (building from zero, the whole build is one batch, up to a bound). */
  endBatch(db: ReadModelDb): void {
    if (this.rows.holding) return;
    for (const [id, row] of this.rows.inKeyOrder()) {
      if (row)
        db.prepare(UPSERT_CREDENTIAL).run(id, row.organization_id, row.last_activity_at, row.expires_at, row.notice_since, row.notice_revoke_at);
      else db.prepare(DELETE_CREDENTIAL).run(id);
    }
    for (const id of [...this.toPlan].sort()) this.plan(db, id);
    this.toPlan.clear();
    this.rows.clear();
  }

  beginBuild(): void {
    this.rows.beginBuild();
  }

  endBuild(db: ReadModelDb): void {
    this.rows.endBuild();
    this.endBatch(db);
  }

  /** Puts the credential's next step in the schedule, or takes it out. */
  private plan(db: ReadModelDb, credentialId: string): void {
    const row = this.rows.of(db, credentialId);
    const policy = row && (db.prepare(SELECT_POLICY_DAYS).get(row.organization_id) as { days: number | null } | undefined);
    const step = row
      ? nextInactivityStep(
          {
            lastActivityAt: row.last_activity_at,
            expiresAt: row.expires_at,
            notice: row.notice_since && row.notice_revoke_at ? { inactiveSince: row.notice_since, revokeAt: row.notice_revoke_at } : null,
          },
          policy?.days ?? null,
        )
      : null;
    if (step) ScheduleTable.put(db, INACTIVITY_SCHEDULE, credentialId, step.dueAt, step);
    else ScheduleTable.remove(db, INACTIVITY_SCHEDULE, credentialId);
  }
}

import { Injectable } from '@nestjs/common';
import { Projection, type ReadModelDb, type Recorded, ScheduleTable } from '@latchkey/event-store';
import { CREDENTIAL_STREAM_PREFIX, type CredentialEvent, type ExpiryNoticeDays } from '../../domain/credential/credential.events';
import { nextExpiryCheck } from '../../domain/credential/expiry';
import { BatchRows } from '../../shared/batch-rows';

export const EXPIRY_SCHEDULE = 'credentials.expiry';
const CREDENTIALS = 'cred_expiry';

const DELETE_CREDENTIAL = `DELETE FROM ${CREDENTIALS} WHERE credential_id = ?`;
const UPSERT_CREDENTIAL = `INSERT INTO ${CREDENTIALS} (credential_id, expires_at, notices, expired) VALUES (?, ?, ?, ?)
           ON CONFLICT (credential_id) DO UPDATE SET expires_at = excluded.expires_at, notices = excluded.notices, expired = excluded.expired`;
const SELECT_CREDENTIAL = `SELECT expires_at, notices, expired FROM ${CREDENTIALS} WHERE credential_id = ?`;

/** What the schedule hands its job: the expiry it saw, so a job never acts on one that changed since. */
export interface ExpiryCheck {
  expiresAt: string;
}

interface Row {
  expires_at: string;
  /** JSON array of the days before the expiry that were noticed. */
  notices: string;
  expired: number;
}

/**
 * The expiry schedule: for every live credential with an expiry, the notices given for that expiry
 * and whether the expiry was recorded; from these, the one item due for it in the scheduler's
 * table — when its next notice (7 days, then 1 day before) or its expiry comes. A changed expiry
 * starts again; revoked, deleted and never-expiring credentials leave the schedule.
 */
@Projection()
@Injectable()
export class ExpiryScheduleProjection implements Projection<CredentialEvent> {
  readonly name = 'credentials.expiry-schedule';
  readonly version = 1;
  readonly eventTypes = [
    'CredentialCreated',
    'CredentialExpiryChanged',
    'CredentialExpiryNoticed',
    'CredentialExpired',
    'CredentialRevoked',
    'CredentialDeleted',
  ] as const satisfies readonly CredentialEvent['type'][];

  /** Credentials whose row an event of the batch changed: their schedule item is planned once, at its end. */
  private readonly toPlan = new Set<string>();
  /** The rows this batch's events touched, as they left them (null: none), written once at its end. */
  private readonly rows = new BatchRows<Row>(SELECT_CREDENTIAL);

  setup(db: ReadModelDb): void {
    ScheduleTable.setup(db);
    db.exec(`
      CREATE TABLE IF NOT EXISTS ${CREDENTIALS} (
        credential_id TEXT PRIMARY KEY,
        expires_at TEXT NOT NULL,
        notices TEXT NOT NULL,
        expired INTEGER NOT NULL
      );
    `);
  }

  reset(db: ReadModelDb): void {
    db.exec(`DELETE FROM ${CREDENTIALS};`);
    ScheduleTable.clear(db, EXPIRY_SCHEDULE);
    this.toPlan.clear();
    this.rows.clear();
  }

  apply(event: Recorded<CredentialEvent>, db: ReadModelDb): void {
    if (!event.streamName.startsWith(CREDENTIAL_STREAM_PREFIX)) return;
    const id = event.data.credentialId;
    // A new expiry starts again, without notices; none takes the credential out of the schedule.
    const set = (expiresAt: string | null) => this.rows.set(id, expiresAt === null ? null : { expires_at: expiresAt, notices: '[]', expired: 0 });
    switch (event.type) {
      case 'CredentialCreated':
      case 'CredentialExpiryChanged':
        set(event.data.expiresAt);
        break;
      case 'CredentialExpiryNoticed': {
        const row = this.rows.of(db, id);
        if (!row || row.expires_at !== event.data.expiresAt) return;
        row.notices = JSON.stringify([...(JSON.parse(row.notices) as ExpiryNoticeDays[]), event.data.daysBefore]);
        break;
      }
      case 'CredentialExpired': {
        const row = this.rows.of(db, id);
        if (row) row.expired = 1;
        break;
      }
      case 'CredentialRevoked':
      case 'CredentialDeleted':
        this.rows.set(id, null);
        break;
      default:
        return;
    }
    this.toPlan.add(id);
  }

  /** Plans each credential the batch changed once, then writes the rows it changed (building from zero, the whole build is one batch, up to a bound). */
  endBatch(db: ReadModelDb): void {
    if (this.rows.holding) return;
    for (const id of [...this.toPlan].sort()) this.plan(db, id);
    for (const [id, row] of this.rows.inKeyOrder()) {
      if (row) db.prepare(UPSERT_CREDENTIAL).run(id, row.expires_at, row.notices, row.expired);
      else db.prepare(DELETE_CREDENTIAL).run(id);
    }
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

  /** Puts the credential's next check in the schedule, or takes it out (a recorded expiry leaves nothing to do, and its row goes). */
  private plan(db: ReadModelDb, credentialId: string): void {
    const row = this.rows.of(db, credentialId);
    const dueAt = row
      ? nextExpiryCheck({ expiresAt: row.expires_at, notices: JSON.parse(row.notices) as ExpiryNoticeDays[], expired: row.expired === 1 })
      : null;
    if (row && dueAt) ScheduleTable.put(db, EXPIRY_SCHEDULE, credentialId, dueAt, { expiresAt: row.expires_at } satisfies ExpiryCheck);
    else {
      ScheduleTable.remove(db, EXPIRY_SCHEDULE, credentialId);
      if (row) this.rows.set(credentialId, null);
    }
  }
}

import { Injectable } from '@nestjs/common';
import { Projection, type ReadModelDb, type Recorded, ScheduleTable } from '@latchkey/event-store';
import { CREDENTIAL_STREAM_PREFIX, type CredentialEvent, type ExpiryNoticeDays } from '../../domain/credential/credential.events';
import { nextExpiryCheck } from '../../domain/credential/expiry';

export const EXPIRY_SCHEDULE = 'credentials.expiry';
const CREDENTIALS = 'cred_expiry';

const DELETE_CREDENTIAL = `DELETE FROM ${CREDENTIALS} WHERE credential_id = ?`;
const UPSERT_EXPIRY = `INSERT INTO ${CREDENTIALS} (credential_id, expires_at, notices, expired) VALUES (?, ?, '[]', 0)
           ON CONFLICT (credential_id) DO UPDATE SET expires_at = excluded.expires_at, notices = '[]', expired = 0`;
const UPDATE_NOTICES = `UPDATE ${CREDENTIALS} SET notices = ? WHERE credential_id = ?`;
const MARK_EXPIRED = `UPDATE ${CREDENTIALS} SET expired = 1 WHERE credential_id = ?`;
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
  }

  apply(event: Recorded<CredentialEvent>, db: ReadModelDb): void {
    if (!event.streamName.startsWith(CREDENTIAL_STREAM_PREFIX)) return;
    const id = event.data.credentialId;
    const set = (expiresAt: string | null) => {
      if (expiresAt === null) db.prepare(DELETE_CREDENTIAL).run(id);
      else db.prepare(UPSERT_EXPIRY).run(id, expiresAt);
    };
    switch (event.type) {
      case 'CredentialCreated':
        set(event.data.expiresAt);
        break;
      case 'CredentialExpiryChanged':
        set(event.data.expiresAt);
        break;
      case 'CredentialExpiryNoticed': {
        const row = this.row(db, id);
        if (!row || row.expires_at !== event.data.expiresAt) return;
        const notices = [...(JSON.parse(row.notices) as ExpiryNoticeDays[]), event.data.daysBefore];
        db.prepare(UPDATE_NOTICES).run(JSON.stringify(notices), id);
        break;
      }
      case 'CredentialExpired':
        db.prepare(MARK_EXPIRED).run(id);
        break;
      case 'CredentialRevoked':
      case 'CredentialDeleted':
        db.prepare(DELETE_CREDENTIAL).run(id);
        break;
      default:
        return;
    }
    this.toPlan.add(id);
  }

  endBatch(db: ReadModelDb): void {
    for (const id of this.toPlan) this.plan(db, id);
    this.toPlan.clear();
  }

  private row(db: ReadModelDb, credentialId: string): Row | undefined {
    return db.prepare(SELECT_CREDENTIAL).get(credentialId) as Row | undefined;
  }

  /** Puts the credential's next check in the schedule, or takes it out (a recorded expiry leaves nothing to do). */
  private plan(db: ReadModelDb, credentialId: string): void {
    const row = this.row(db, credentialId);
    const dueAt = row
      ? nextExpiryCheck({ expiresAt: row.expires_at, notices: JSON.parse(row.notices) as ExpiryNoticeDays[], expired: row.expired === 1 })
      : null;
    if (row && dueAt) ScheduleTable.put(db, EXPIRY_SCHEDULE, credentialId, dueAt, { expiresAt: row.expires_at } satisfies ExpiryCheck);
    else {
      ScheduleTable.remove(db, EXPIRY_SCHEDULE, credentialId);
      if (row) db.prepare(DELETE_CREDENTIAL).run(credentialId);
    }
  }
}

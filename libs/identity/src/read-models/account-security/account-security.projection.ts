import { Injectable } from '@nestjs/common';
import { Projection, type ReadModelDb, type Recorded } from '@latchkey/event-store';
import { isUserStream } from '../../shared/streams';
import { ACCOUNT_SECURITY_EVENT_TYPES, type AccountSecurityEvent } from '../../domain/user/user.events';

export const TOTP_TABLE = 'identity_totp';
export const PASSWORD_RESETS_TABLE = 'identity_password_resets';

/**
 * Each user's two-factor state (the seed stays sealed, as the event has it) and the pending
 * password resets by token hash. Which codes were used, and which step came last, the user's
 * decider keeps: those decisions must be atomic, a read model is only where to look.
 */
@Projection()
@Injectable()
export class AccountSecurityProjection implements Projection<AccountSecurityEvent> {
  readonly name = 'identity.account-security';
  readonly version = 1;
  readonly eventTypes = ACCOUNT_SECURITY_EVENT_TYPES;

  setup(db: ReadModelDb): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS ${TOTP_TABLE} (
        user_id TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        sealed_secret TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS ${PASSWORD_RESETS_TABLE} (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS ${PASSWORD_RESETS_TABLE}_user ON ${PASSWORD_RESETS_TABLE} (user_id);
    `);
  }

  reset(db: ReadModelDb): void {
    db.exec(`DELETE FROM ${TOTP_TABLE}; DELETE FROM ${PASSWORD_RESETS_TABLE};`);
  }

  apply(event: Recorded<AccountSecurityEvent>, db: ReadModelDb): void {
    if (!isUserStream(event.streamName)) return;
    const { userId } = event.data;
    switch (event.type) {
      case 'TotpEnrollmentStarted':
        db.prepare(
          `INSERT INTO ${TOTP_TABLE} (user_id, status, sealed_secret) VALUES (?, 'enrolling', ?)
           ON CONFLICT (user_id) DO UPDATE SET status = 'enrolling', sealed_secret = excluded.sealed_secret WHERE status <> 'on'`,
        ).run(userId, JSON.stringify(event.data.sealedSecret));
        return;
      case 'TotpEnabled':
        db.prepare(`UPDATE ${TOTP_TABLE} SET status = 'on' WHERE user_id = ?`).run(userId);
        return;
      case 'TotpDisabled':
      case 'MfaCleared':
        db.prepare(`DELETE FROM ${TOTP_TABLE} WHERE user_id = ?`).run(userId);
        return;
      case 'PasswordResetIssued':
        // A newer reset replaces the older ones: only the last link works.
        db.prepare(`DELETE FROM ${PASSWORD_RESETS_TABLE} WHERE user_id = ?`).run(userId);
        db.prepare(`INSERT OR REPLACE INTO ${PASSWORD_RESETS_TABLE} (token_hash, user_id, expires_at) VALUES (?, ?, ?)`).run(
          event.data.tokenHash,
          userId,
          event.data.expiresAt,
        );
        return;
      case 'PasswordResetCompleted':
        db.prepare(`DELETE FROM ${PASSWORD_RESETS_TABLE} WHERE user_id = ?`).run(userId);
        return;
      default:
        return;
    }
  }
}

import { Injectable } from '@nestjs/common';
import type { Projection, ReadModelDb, Recorded } from '@latchkey/event-store';
import { isUserStream } from '../../shared/streams';
import { USER_EVENT_TYPES, type UserEvent } from '../../domain/user/user.events';

export const USERS_TABLE = 'identity_users';
/** Kept apart from the users table so that no query for a user view can select a hash by accident. */
export const PASSWORD_HASHES_TABLE = 'identity_password_hashes';

const INSERT_USER = `INSERT OR IGNORE INTO ${USERS_TABLE} (user_id, email, name, status, production_user_id, sandbox_user_id, registered_at, deactivated_at)
           VALUES (?, ?, ?, 'active', ?, NULL, ?, NULL)`;
const INSERT_PASSWORD_HASH = `INSERT OR IGNORE INTO ${PASSWORD_HASHES_TABLE} (user_id, password_hash) VALUES (?, ?)`;
const SET_SANDBOX_USER_ID = `UPDATE ${USERS_TABLE} SET sandbox_user_id = ? WHERE user_id = ?`;
const UPDATE_PASSWORD_HASH = `UPDATE ${PASSWORD_HASHES_TABLE} SET password_hash = ? WHERE user_id = ?`;
const DEACTIVATE_USER = `UPDATE ${USERS_TABLE} SET status = 'deactivated', deactivated_at = ? WHERE user_id = ?`;

/** The users read model: one row per user, indexed by e-mail and by each environment's user id. */
@Injectable()
export class UserProjection implements Projection<UserEvent> {
  readonly name = 'identity.users';
  readonly version = 1;
  readonly eventTypes = USER_EVENT_TYPES;

  /** A fresh instance, to build a new version beside this one. */
  fork(): UserProjection {
    return new UserProjection();
  }

  setup(db: ReadModelDb): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS ${USERS_TABLE} (
        user_id TEXT PRIMARY KEY,
        email TEXT NOT NULL,
        name TEXT NOT NULL,
        status TEXT NOT NULL,
        production_user_id TEXT NOT NULL,
        sandbox_user_id TEXT,
        registered_at TEXT NOT NULL,
        deactivated_at TEXT
      );
      CREATE INDEX IF NOT EXISTS ${USERS_TABLE}_email ON ${USERS_TABLE} (email);
      CREATE INDEX IF NOT EXISTS ${USERS_TABLE}_production ON ${USERS_TABLE} (production_user_id);
      CREATE INDEX IF NOT EXISTS ${USERS_TABLE}_sandbox ON ${USERS_TABLE} (sandbox_user_id) WHERE sandbox_user_id IS NOT NULL;
      CREATE TABLE IF NOT EXISTS ${PASSWORD_HASHES_TABLE} (
        user_id TEXT PRIMARY KEY,
        password_hash TEXT NOT NULL
      );
    `);
  }

  reset(db: ReadModelDb): void {
    db.exec(`DELETE FROM ${USERS_TABLE}; DELETE FROM ${PASSWORD_HASHES_TABLE};`);
  }

  apply(event: Recorded<UserEvent>, db: ReadModelDb): void {
    if (!isUserStream(event.streamName)) return;
    switch (event.type) {
      case 'UserRegistered': {
        const { userId, email, name, passwordHash, productionUserId, registeredAt } = event.data;
        db.prepare(INSERT_USER).run(userId, email, name, productionUserId, registeredAt);
        // A service user has no password: no row, so a sign-in finds no login, as for an unknown address.
        if (passwordHash !== undefined) {
          db.prepare(INSERT_PASSWORD_HASH).run(userId, passwordHash);
        }
        return;
      }
      case 'SandboxAccountCreated':
        db.prepare(SET_SANDBOX_USER_ID).run(event.data.environmentUserId, event.data.userId);
        return;
      case 'PasswordChanged':
      case 'PasswordResetCompleted':
        db.prepare(UPDATE_PASSWORD_HASH).run(event.data.passwordHash, event.data.userId);
        return;
      case 'UserDeactivated':
        db.prepare(DEACTIVATE_USER).run(event.data.deactivatedAt, event.data.userId);
        return;
      default:
        return;
    }
  }
}

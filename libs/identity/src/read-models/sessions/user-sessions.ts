import { Inject, Injectable } from '@nestjs/common';
import { READ_MODEL_DB, type ReadModelDb } from '@latchkey/event-store';
import { SESSIONS_TABLE } from './session.projection';

/** A user's sessions, from the sessions table (indexed by user for the sessions still open). */
@Injectable()
export class UserSessions {
  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDb) {}

  /** Ids of the user's sessions that have neither ended nor expired. */
  activeSessionIds(userId: string, now: Date): string[] {
    const rows = this.db
      .prepare(`SELECT session_id FROM ${SESSIONS_TABLE} WHERE user_id = ? AND ended_at IS NULL AND expires_at > ? ORDER BY session_id`)
      .all(userId, now.toISOString()) as { session_id: string }[];
    return rows.map((r) => r.session_id);
  }
}

import { Injectable } from '@nestjs/common';
import { Projection, type ReadModelDb, type Recorded } from '@latchkey/event-store';
import { Clock } from '@latchkey/building-blocks';
import { isSessionStream } from '../../shared/streams';
import { SESSION_EVENT_TYPES, type SessionEvent } from '../../domain/session/session.events';

export const SESSIONS_TABLE = 'identity_sessions';

export interface ActiveSession {
  sessionId: string;
  userId: string;
  expiresAt: number;
}

/** Expired sessions are dropped from memory on lookup, and in a sweep every this many starts. */
const SWEEP_EVERY = 1024;

/**
 * The sessions read model: a table of every session, and in memory the active ones by token hash,
 * so that authenticating a request is one Map lookup. The Map is rebuilt from the table by `load`.
 */
@Projection()
@Injectable()
export class SessionProjection implements Projection<SessionEvent> {
  readonly name = 'identity.sessions';
  readonly version = 1;
  readonly eventTypes = SESSION_EVENT_TYPES;
  private readonly active = new Map<string, ActiveSession>();
  private startsSinceSweep = 0;

  constructor(private readonly clock: Clock) {}

  /** A fresh instance, to build a new version beside this one. */
  fork(): SessionProjection {
    return new SessionProjection(this.clock);
  }

  setup(db: ReadModelDb): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS ${SESSIONS_TABLE} (
        session_id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        token_hash TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        ended_at TEXT,
        end_reason TEXT
      );
      CREATE INDEX IF NOT EXISTS ${SESSIONS_TABLE}_user ON ${SESSIONS_TABLE} (user_id) WHERE ended_at IS NULL;
    `);
  }

  reset(db: ReadModelDb): void {
    db.exec(`DELETE FROM ${SESSIONS_TABLE}`);
    this.active.clear();
  }

  load(db: ReadModelDb): void {
    this.active.clear();
    const rows = db
      .prepare(`SELECT session_id, user_id, token_hash, expires_at FROM ${SESSIONS_TABLE} WHERE ended_at IS NULL AND expires_at > ?`)
      .all(this.clock.now().toISOString()) as { session_id: string; user_id: string; token_hash: string; expires_at: string }[];
    for (const row of rows) {
      this.active.set(row.token_hash, { sessionId: row.session_id, userId: row.user_id, expiresAt: Date.parse(row.expires_at) });
    }
  }

  apply(event: Recorded<SessionEvent>, db: ReadModelDb): void {
    if (!isSessionStream(event.streamName)) return;
    switch (event.type) {
      case 'SessionStarted': {
        const { sessionId, userId, tokenHash, expiresAt } = event.data;
        const changed = db
          .prepare(`INSERT OR IGNORE INTO ${SESSIONS_TABLE} (session_id, user_id, token_hash, expires_at) VALUES (?, ?, ?, ?)`)
          .run(sessionId, userId, tokenHash, expiresAt).changes;
        // Applied again (at-least-once delivery) after it ended: the row says so, keep it out of memory.
        if (changed === 1) this.active.set(tokenHash, { sessionId, userId, expiresAt: Date.parse(expiresAt) });
        if (++this.startsSinceSweep >= SWEEP_EVERY) this.sweep();
        return;
      }
      case 'SessionEnded': {
        const row = db.prepare(`SELECT token_hash FROM ${SESSIONS_TABLE} WHERE session_id = ?`).get(event.data.sessionId) as
          { token_hash: string } | undefined;
        db.prepare(`UPDATE ${SESSIONS_TABLE} SET ended_at = ?, end_reason = ? WHERE session_id = ? AND ended_at IS NULL`).run(
          event.data.endedAt,
          event.data.reason,
          event.data.sessionId,
        );
        if (row) this.active.delete(row.token_hash);
        return;
      }
    }
  }

  /** The active, unexpired session with this token hash, or null. */
  findActive(tokenHash: string, now: Date): ActiveSession | null {
    const session = this.active.get(tokenHash);
    if (!session) return null;
    if (session.expiresAt <= now.getTime()) {
      this.active.delete(tokenHash);
      return null;
    }
    return session;
  }

  private sweep(): void {
    this.startsSinceSweep = 0;
    const now = this.clock.now().getTime();
    for (const [hash, session] of this.active) if (session.expiresAt <= now) this.active.delete(hash);
  }
}

import { Injectable } from '@nestjs/common';
import { Clock } from '@latchkey/building-blocks';
import { Projection, type ReadModelDb, type Recorded } from '@latchkey/event-store';
import { TOKEN_SETTINGS } from '../../shared/token-settings';
import { OAUTH_SESSION_STREAM_PREFIX, type OAuthSessionRevoked } from '../../domain/oauth-session/oauth-session.events';

/**
 * How long a revoked session must be remembered: nothing issued before the revocation outlives
 * the longest refresh token plus the longest access token issued with it.
 */
const REMEMBER_SECONDS = TOKEN_SETTINGS.refreshTokenTtl.max + TOKEN_SETTINGS.accessTokenTtl.max + 3600;

/**
 * The revoked OAuth sessions, in a table and in a Set loaded from it, so every access-token and
 * refresh check asks `isRevoked` in O(1). Revocations older than any token they could concern
 * are dropped when the projection loads.
 */
@Projection()
@Injectable()
export class RevokedSessionsProjection implements Projection<OAuthSessionRevoked> {
  readonly name = 'token-issuance.revoked-sessions';
  readonly version = 1;
  readonly eventTypes = ['OAuthSessionRevoked'] as const;

  private readonly revoked = new Set<string>();

  constructor(private readonly clock: Clock) {}

  /** A fresh instance, to build a new version beside this one. */
  fork(): RevokedSessionsProjection {
    return new RevokedSessionsProjection(this.clock);
  }

  setup(db: ReadModelDb): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS token_revoked_sessions (
        session_id TEXT PRIMARY KEY,
        revoked_at TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS token_revoked_sessions_by_time ON token_revoked_sessions (revoked_at);
    `);
  }

  reset(db: ReadModelDb): void {
    db.exec('DELETE FROM token_revoked_sessions');
    this.revoked.clear();
  }

  load(db: ReadModelDb): void {
    const horizon = new Date(this.clock.nowMs() - REMEMBER_SECONDS * 1000).toISOString();
    db.prepare('DELETE FROM token_revoked_sessions WHERE revoked_at < ?').run(horizon);
    this.revoked.clear();
    for (const row of db.prepare('SELECT session_id FROM token_revoked_sessions').all() as { session_id: string }[]) {
      this.revoked.add(row.session_id);
    }
  }

  apply(event: Recorded<OAuthSessionRevoked>, db: ReadModelDb): void {
    if (!event.streamName.startsWith(OAUTH_SESSION_STREAM_PREFIX)) return;
    db.prepare('INSERT OR IGNORE INTO token_revoked_sessions (session_id, revoked_at) VALUES (?, ?)').run(event.data.sessionId, event.data.at);
    this.revoked.add(event.data.sessionId);
  }

  isRevoked(sessionId: string): boolean {
    return this.revoked.has(sessionId);
  }
}

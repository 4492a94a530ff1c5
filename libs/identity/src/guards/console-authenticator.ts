import { Injectable } from '@nestjs/common';
import { Clock } from '@latchkey/building-blocks';
import type { ConsolePrincipal } from '../contracts';
import { hashSessionToken, looksLikeSessionToken } from '../shared/session-token';
import { SessionProjection } from '../read-models/sessions/session.projection';
import { UserReadModel } from '../read-models/users/user.read-model';

/**
 * Resolves a session token to its principal: the token is hashed and looked up (one Map lookup),
 * so no raw token is ever compared. Ended, expired and unknown sessions, and sessions of
 * deactivated users, resolve to null.
 */
@Injectable()
export class ConsoleAuthenticator {
  constructor(
    private readonly sessions: SessionProjection,
    private readonly users: UserReadModel,
    private readonly clock: Clock,
  ) {}

  authenticate(token: string): ConsolePrincipal | null {
    if (!looksLikeSessionToken(token)) return null;
    const session = this.sessions.findActive(hashSessionToken(token), this.clock.now());
    if (!session) return null;
    const user = this.users.findById(session.userId);
    if (!user || user.status !== 'active') return null;
    return { userId: user.id, email: user.email, sessionId: session.sessionId };
  }
}

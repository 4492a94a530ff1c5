import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Clock, type RequestContext } from '@latchkey/building-blocks';
import { EndSessionCommand } from '../../commands/end-session/end-session.command';
import type { SessionEndReason } from '../../domain/session/session.events';
import { UserSessions } from '../../read-models/sessions/user-sessions';

/** Ends a user's open sessions after a change to their account's security, all or all but the caller's. */
@Injectable()
export class SessionTermination {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly sessions: UserSessions,
    private readonly clock: Clock,
  ) {}

  async endSessions(userId: string, reason: SessionEndReason, context: RequestContext, keepSessionId: string | null = null): Promise<void> {
    for (const sessionId of this.sessions.activeSessionIds(userId, this.clock.now())) {
      if (sessionId !== keepSessionId) await this.commandBus.execute(new EndSessionCommand(sessionId, reason, context));
    }
  }
}

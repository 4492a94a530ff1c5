import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import { Clock } from '@latchkey/building-blocks';
import { DeactivateUserCommand } from '../../contracts';
import { streams } from '../../shared/streams';
import { EndSessionCommand } from '../end-session/end-session.command';
import { UserSessions } from '../../read-models/sessions/user-sessions';
import { userDecider } from '../../domain/user/user.decider';

export const MAX_REASON_LENGTH = 500;

/**
 * `UserDeactivated`, then ends every open session of the user. Idempotent, and safe to run again
 * after a partial failure: an already deactivated user still has any remaining session ended. The
 * console guard also refuses sessions of deactivated users, which covers a session started while
 * this runs.
 */
@CommandHandler(DeactivateUserCommand)
export class DeactivateUserHandler implements ICommandHandler<DeactivateUserCommand> {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly commandBus: CommandBus,
    private readonly sessions: UserSessions,
    private readonly clock: Clock,
  ) {}

  async execute(command: DeactivateUserCommand): Promise<void> {
    await this.executor.execute(
      userDecider,
      streams.user(command.userId),
      { type: 'DeactivateUser', reason: String(command.reason).slice(0, MAX_REASON_LENGTH), deactivatedAt: this.clock.now().toISOString() },
      { metadata: eventMetadata(command.context) },
    );
    for (const sessionId of this.sessions.activeSessionIds(command.userId, this.clock.now())) {
      await this.commandBus.execute(new EndSessionCommand(sessionId, 'user_deactivated', command.context));
    }
  }
}

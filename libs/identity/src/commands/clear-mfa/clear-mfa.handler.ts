import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock, DomainError } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import { ClearMfaCommand } from '../../contracts';
import { userDecider } from '../../domain/user/user.decider';
import { streams } from '../../shared/streams';

@CommandHandler(ClearMfaCommand)
export class ClearMfaHandler implements ICommandHandler<ClearMfaCommand> {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly clock: Clock,
  ) {}

  async execute(command: ClearMfaCommand): Promise<void> {
    const clearedBy = command.context.actor?.userId;
    if (!clearedBy) throw new DomainError('unauthenticated', 'UNAUTHENTICATED', 'Sign in first');
    await this.executor.execute(
      userDecider,
      streams.user(command.userId),
      { type: 'ClearMfa', clearedBy, at: this.clock.now().toISOString() },
      { metadata: eventMetadata(command.context) },
    );
  }
}

import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import { organizationDecider } from '../../domain/organization/organization.decider';
import { organizationStream } from '../../domain/organization/organization.events';
import { callerOf } from '../../shared/caller';
import { RemoveMemberCommand } from './remove-member.command';

/**
 * Removes a member. Answers only once every reaction to the removal has run (identity has
 * deactivated the user, ending their sessions, and the integration event is published and
 * handled), so the removed member's token is refused as soon as the caller gets the answer.
 */
@CommandHandler(RemoveMemberCommand)
export class RemoveMemberHandler implements ICommandHandler<RemoveMemberCommand> {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly clock: Clock,
  ) {}

  async execute(command: RemoveMemberCommand): Promise<void> {
    await this.executor.execute(
      organizationDecider,
      organizationStream(command.organizationId),
      { type: 'RemoveMember', actorUserId: callerOf(command.context).userId, userId: command.userId, at: this.clock.now().toISOString() },
      { metadata: eventMetadata(command.context), waitForReactions: true },
    );
  }
}

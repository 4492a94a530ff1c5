import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Actor, Clock } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import { organizationDecider } from '../../domain/organization/organization.decider';
import { organizationStream } from '../../domain/organization/organization.events';
import { requestContext } from '../../shared/request-context';

export class RemoveMemberCommand extends Command<void> {
  constructor(
    readonly organizationId: string,
    readonly actor: Actor,
    readonly userId: string,
    readonly correlationId: string,
  ) {
    super();
  }
}

/**
 * Removes a member. Answers only once every reaction to the removal has run (the integration event
 * is published and handled: identity has ended the member's sessions), so the removed member's
 * token is refused as soon as the caller gets the answer.
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
      { type: 'RemoveMember', actorUserId: command.actor.userId, userId: command.userId, at: this.clock.now().toISOString() },
      { metadata: eventMetadata(requestContext(command.actor, command.correlationId)), waitForReactions: true },
    );
  }
}

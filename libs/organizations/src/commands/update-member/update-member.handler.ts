import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Actor, Clock, DomainError } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import type { MembershipView, Permission, Role } from '../../contracts';
import { organizationDecider } from '../../domain/organization/organization.decider';
import { organizationStream } from '../../domain/organization/organization.events';
import { requestContext } from '../../shared/request-context';
import { MemberListReadModel } from '../../read-models/members/member-list.read-model';

export class UpdateMemberCommand extends Command<MembershipView> {
  constructor(
    readonly organizationId: string,
    readonly actor: Actor,
    readonly userId: string,
    readonly change: { role?: Role; permissions?: Permission[] },
    readonly correlationId: string,
  ) {
    super();
  }
}

/** Changes a member's role and/or permissions; answers the member as the list now shows them. */
@CommandHandler(UpdateMemberCommand)
export class UpdateMemberHandler implements ICommandHandler<UpdateMemberCommand> {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly members: MemberListReadModel,
    private readonly clock: Clock,
  ) {}

  async execute(command: UpdateMemberCommand): Promise<MembershipView> {
    await this.executor.execute(
      organizationDecider,
      organizationStream(command.organizationId),
      {
        type: 'UpdateMember',
        actorUserId: command.actor.userId,
        userId: command.userId,
        ...command.change,
        at: this.clock.now().toISOString(),
      },
      { metadata: eventMetadata(requestContext(command.actor, command.correlationId)) },
    );
    const member = this.members.memberOf(command.organizationId, command.userId);
    if (!member) throw new DomainError('not-found', 'MEMBER_NOT_FOUND', 'No such member in your organization');
    return member;
  }
}

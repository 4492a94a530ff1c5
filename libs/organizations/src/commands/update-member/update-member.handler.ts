import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock, DomainError } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import type { MembershipView } from '../../contracts';
import { organizationDecider } from '../../domain/organization/organization.decider';
import { organizationStream } from '../../domain/organization/organization.events';
import { MemberListReadModel } from '../../read-models/members/member-list.read-model';
import { callerOf } from '../../shared/caller';
import { UpdateMemberCommand } from './update-member.command';

/**
 * Changes a member's role and/or permissions; answers the member as the list now shows them, once
 * the change's reactions have run (a demoted developer_admin's pending invitations are cancelled,
 * `MEMBER_ROLE_CHANGED` is published).
 */
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
        actorUserId: callerOf(command.context).userId,
        userId: command.userId,
        ...command.change,
        at: this.clock.now().toISOString(),
      },
      // A former developer_admin's invitations are cancelled, and the role change published, when this answers.
      { metadata: eventMetadata(command.context), waitForReactions: true },
    );
    const member = this.members.memberOf(command.organizationId, command.userId);
    if (!member) throw new DomainError('not-found', 'MEMBER_NOT_FOUND', 'No such member in your organization');
    return member;
  }
}

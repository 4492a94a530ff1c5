import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type IssuedPasswordReset, IssuePasswordResetCommand } from '@latchkey/identity';
import { MemberListReadModel } from '../../read-models/members/member-list.read-model';
import { accountTarget } from '../../shared/account-target';
import { IssueMemberPasswordResetCommand } from './issue-member-password-reset.command';

/** A member of the admin's organization → identity issues the reset token (shown once, in this answer). */
@CommandHandler(IssueMemberPasswordResetCommand)
export class IssueMemberPasswordResetHandler implements ICommandHandler<IssueMemberPasswordResetCommand> {
  constructor(
    private readonly commands: CommandBus,
    private readonly members: MemberListReadModel,
  ) {}

  execute(command: IssueMemberPasswordResetCommand): Promise<IssuedPasswordReset> {
    const target = accountTarget(this.members, command.organizationId, command.userId);
    return this.commands.execute(new IssuePasswordResetCommand(target.userId, command.context));
  }
}

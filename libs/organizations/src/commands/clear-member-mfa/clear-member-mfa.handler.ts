import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@latchkey/building-blocks';
import { ClearMfaCommand } from '@latchkey/identity';
import { MemberListReadModel } from '../../read-models/members/member-list.read-model';
import { accountTarget } from '../../shared/account-target';
import { ClearMemberMfaCommand } from './clear-member-mfa.command';

/**
 * Clears a member's two-factor sign-in (a lost device). Never a developer_admin's, the caller's
 * own included: one admin must not be able to weaken another's account (they turn it off
 * themselves, with their password and a code).
 */
@CommandHandler(ClearMemberMfaCommand)
export class ClearMemberMfaHandler implements ICommandHandler<ClearMemberMfaCommand> {
  constructor(
    private readonly commands: CommandBus,
    private readonly members: MemberListReadModel,
  ) {}

  async execute(command: ClearMemberMfaCommand): Promise<void> {
    const target = accountTarget(this.members, command.organizationId, command.userId);
    if (target.role === 'developer_admin') {
      throw new DomainError(
        'forbidden',
        'DEVELOPER_ADMIN_MFA_PROTECTED',
        'A developer admin’s two-factor sign-in cannot be cleared by another admin',
      );
    }
    await this.commands.execute(new ClearMfaCommand(target.userId, command.context));
  }
}

import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock, DomainError } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import { userDecider } from '../../domain/user/user.decider';
import { UserReadModel } from '../../read-models/users/user.read-model';
import { FreshProof } from '../../shared/account-security/fresh-proof';
import { SessionTermination } from '../../shared/account-security/session-termination';
import { checkNewPassword } from '../../shared/passwords/new-password';
import { PasswordHasher } from '../../shared/passwords/password-hasher';
import { streams } from '../../shared/streams';
import { ChangePasswordCommand } from './change-password.command';

/** new password valid → current password right (throttled like a login) → `PasswordChanged` → the user's other sessions end. */
@CommandHandler(ChangePasswordCommand)
export class ChangePasswordHandler implements ICommandHandler<ChangePasswordCommand> {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly users: UserReadModel,
    private readonly proof: FreshProof,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionTermination,
    private readonly clock: Clock,
  ) {}

  async execute(command: ChangePasswordCommand): Promise<void> {
    const { principal, context } = command;
    const user = this.users.findById(principal.userId);
    if (!user) throw new DomainError('unauthenticated', 'UNAUTHENTICATED', 'Sign in first');
    checkNewPassword(command.newPassword, user.email, 'newPassword');
    await this.proof.verifyPassword(user.id, command.currentPassword, context);
    const passwordHash = await this.hasher.hash(command.newPassword);
    await this.executor.execute(
      userDecider,
      streams.user(user.id),
      { type: 'ChangePassword', passwordHash, changedAt: this.clock.now().toISOString() },
      { metadata: eventMetadata(context) },
    );
    await this.sessions.endSessions(user.id, 'password_changed', context, principal.sessionId);
  }
}

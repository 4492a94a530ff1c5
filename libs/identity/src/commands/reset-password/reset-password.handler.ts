import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import { resetNotFound } from '../../domain/user/account-security.decide';
import { userDecider } from '../../domain/user/user.decider';
import { AccountSecurityReadModel } from '../../read-models/account-security/account-security.read-model';
import { UserReadModel } from '../../read-models/users/user.read-model';
import { SessionTermination } from '../../shared/account-security/session-termination';
import { hashPasswordResetToken, looksLikePasswordResetToken } from '../../shared/account-security/reset-token';
import { checkNewPassword } from '../../shared/passwords/new-password';
import { PasswordHasher } from '../../shared/passwords/password-hasher';
import { streams } from '../../shared/streams';
import { ResetPasswordCommand } from './reset-password.command';

/**
 * token → its user (by the token's hash) → new password valid → `PasswordResetCompleted` (the
 * decider checks the token is that user's pending one and unexpired) → every session ends.
 * Unknown, used and replaced tokens are one `404`; an expired one `410`. Two-factor sign-in stays on.
 */
@CommandHandler(ResetPasswordCommand)
export class ResetPasswordHandler implements ICommandHandler<ResetPasswordCommand> {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly security: AccountSecurityReadModel,
    private readonly users: UserReadModel,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionTermination,
    private readonly clock: Clock,
  ) {}

  async execute(command: ResetPasswordCommand): Promise<void> {
    if (!looksLikePasswordResetToken(command.token)) throw resetNotFound();
    const tokenHash = hashPasswordResetToken(command.token);
    const userId = this.security.passwordResetUser(tokenHash);
    const user = userId === null ? null : this.users.findById(userId);
    if (!user || user.status !== 'active') throw resetNotFound();
    checkNewPassword(command.newPassword, user.email, 'newPassword');
    const passwordHash = await this.hasher.hash(command.newPassword);
    const context = { ...command.context, actor: { userId: user.id, email: user.email } };
    await this.executor.execute(
      userDecider,
      streams.user(user.id),
      { type: 'ResetPassword', tokenHash, passwordHash, at: this.clock.now().toISOString() },
      { metadata: eventMetadata(context) },
    );
    await this.sessions.endSessions(user.id, 'password_reset', context);
  }
}

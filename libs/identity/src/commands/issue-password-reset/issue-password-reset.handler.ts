import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { Clock, DomainError } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import { type IssuedPasswordReset, IssuePasswordResetCommand } from '../../contracts';
import { userDecider } from '../../domain/user/user.decider';
import { hashPasswordResetToken, newPasswordResetToken, PASSWORD_RESET_LIFETIME_MS } from '../../shared/account-security/reset-token';
import { streams } from '../../shared/streams';

@CommandHandler(IssuePasswordResetCommand)
export class IssuePasswordResetHandler implements ICommandHandler<IssuePasswordResetCommand> {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly clock: Clock,
  ) {}

  async execute(command: IssuePasswordResetCommand): Promise<IssuedPasswordReset> {
    const issuedBy = command.context.actor?.userId;
    if (!issuedBy) throw new DomainError('unauthenticated', 'UNAUTHENTICATED', 'Sign in first');
    const token = newPasswordResetToken();
    const now = this.clock.nowMs();
    const expiresAt = new Date(now + PASSWORD_RESET_LIFETIME_MS).toISOString();
    await this.executor.execute(
      userDecider,
      streams.user(command.userId),
      {
        type: 'IssuePasswordReset',
        resetId: randomUUID(),
        tokenHash: hashPasswordResetToken(token),
        issuedBy,
        issuedAt: new Date(now).toISOString(),
        expiresAt,
      },
      { metadata: eventMetadata(command.context) },
    );
    return { token, expiresAt };
  }
}

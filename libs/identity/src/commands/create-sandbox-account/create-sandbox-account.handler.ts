import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock, DomainError } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import { streams } from '../../shared/streams';
import { EnvironmentUserIds } from '../../shared/environment-user-ids';
import { userDecider } from '../../domain/user/user.decider';
import { UserReadModel } from '../../read-models/users/user.read-model';
import { CreateSandboxAccountCommand, type SandboxAccount } from '../../contracts';

@CommandHandler(CreateSandboxAccountCommand)
export class CreateSandboxAccountHandler implements ICommandHandler<CreateSandboxAccountCommand> {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly users: UserReadModel,
    private readonly environmentUserIds: EnvironmentUserIds,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateSandboxAccountCommand): Promise<SandboxAccount> {
    // Answer the common refusal before allocating an id; the decider makes the final check.
    if (this.users.findById(command.userId)?.accounts.sandbox) {
      throw new DomainError('conflict', 'SANDBOX_ACCOUNT_EXISTS', 'You already have a sandbox account');
    }
    const metadata = eventMetadata(command.context);
    const sandboxUserId = await this.environmentUserIds.reserve('sandbox', command.userId, metadata);
    await this.executor.execute(
      userDecider,
      streams.user(command.userId),
      { type: 'CreateSandboxAccount', sandboxUserId, createdAt: this.clock.now().toISOString() },
      { metadata },
    );
    return { environment: 'sandbox', userId: sandboxUserId };
  }
}

import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import { appNotFound } from '../../domain/app/app.decide';
import { appDecider } from '../../domain/app/app.decider';
import { appStream } from '../../domain/app/app.events';
import { isUuid } from '../../shared/app-credentials';
import { DeleteAppCommand } from './delete-app.command';

/**
 * Deletes an app, for its creator or a developer_admin. Answers once the app directory no longer
 * has its clients: from then on the token endpoint refuses them (`invalid_client`), and the lookup
 * does not find them.
 */
@CommandHandler(DeleteAppCommand)
export class DeleteAppHandler implements ICommandHandler<DeleteAppCommand> {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly clock: Clock,
  ) {}

  async execute(command: DeleteAppCommand): Promise<void> {
    if (!isUuid(command.appId)) throw appNotFound();
    await this.executor.execute(
      appDecider,
      appStream(command.appId.toLowerCase()),
      { type: 'DeleteApp', organizationId: command.organizationId, actor: command.actor, at: this.clock.now().toISOString() },
      { metadata: eventMetadata(command.context) },
    );
  }
}

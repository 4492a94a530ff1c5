import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import { appNotFound } from '../../domain/app/app.decide';
import { appDecider } from '../../domain/app/app.decider';
import { appStream } from '../../domain/app/app.events';
import { AppDirectoryProjection, type AppSummary } from '../../read-models/app-directory/app-directory.projection';
import { isUuid } from '../../shared/app-credentials';
import { UpdateAppCommand } from './update-app.command';

/**
 * Renames an app, or replaces its scopes or grant types, for its creator or a developer_admin.
 * Answers the app once the app directory (which the token endpoint consults) includes the change:
 * narrowed scopes and grant types apply to the very next token request.
 */
@CommandHandler(UpdateAppCommand)
export class UpdateAppHandler implements ICommandHandler<UpdateAppCommand> {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly directory: AppDirectoryProjection,
    private readonly clock: Clock,
  ) {}

  async execute(command: UpdateAppCommand): Promise<AppSummary> {
    if (!isUuid(command.appId)) throw appNotFound();
    const appId = command.appId.toLowerCase();
    await this.executor.execute(
      appDecider,
      appStream(appId),
      { type: 'UpdateApp', organizationId: command.organizationId, actor: command.actor, ...command.change, at: this.clock.now().toISOString() },
      { metadata: eventMetadata(command.context) },
    );
    const app = this.directory.app(command.organizationId, appId);
    if (!app) throw appNotFound();
    return app;
  }
}

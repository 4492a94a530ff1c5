import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { Clock } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import { appDecider } from '../../domain/app/app.decider';
import { type AppCreated, appStream } from '../../domain/app/app.events';
import { newClientId, newClientSecret } from '../../shared/app-credentials';
import { callerOf } from '../../shared/caller';
import { CreateAppCommand } from './create-app.command';
import type { CreatedAppResponse } from './create-app.response';

/** Creates an app with one client per environment, recording its creator; the client secrets appear only in the answer. */
@CommandHandler(CreateAppCommand)
export class CreateAppHandler implements ICommandHandler<CreateAppCommand> {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateAppCommand): Promise<CreatedAppResponse> {
    const appId = randomUUID();
    const generated = command.app.environments.map((environment) => ({ environment, clientId: newClientId(environment), ...newClientSecret() }));
    const { events } = await this.executor.execute(
      appDecider,
      appStream(appId),
      {
        type: 'CreateApp',
        appId,
        organizationId: command.organizationId,
        name: command.app.name,
        scopes: command.app.scopes,
        grantTypes: command.app.grantTypes,
        clients: generated.map(({ environment, clientId, secretHash }) => ({ environment, clientId, secretHash })),
        createdBy: callerOf(command.context).userId,
        at: this.clock.now().toISOString(),
      },
      { metadata: eventMetadata(command.context) },
    );
    const created = events.find((e): e is AppCreated => e.type === 'AppCreated')!.data;
    return {
      id: appId,
      name: created.name,
      scopes: created.scopes,
      grantTypes: created.grantTypes,
      environments: created.environments,
      clients: Object.fromEntries(generated.map((c) => [c.environment, { clientId: c.clientId, clientSecret: c.secret }])),
    };
  }
}

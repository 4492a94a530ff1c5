import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import { appNotFound } from '../../domain/app/app.decide';
import { appDecider } from '../../domain/app/app.decider';
import { appStream } from '../../domain/app/app.events';
import { isUuid, newClientSecret } from '../../shared/app-credentials';
import type { ClientCredentialsResponse } from '../../shared/client-credentials.response';
import { RotateClientSecretCommand } from './rotate-client-secret.command';

/**
 * Gives a client a new secret, for the app's creator or a developer_admin (anyone else does not find
 * the app). The old one stops working when this answers: the app directory the token endpoint
 * consults has applied the rotation by then.
 */
@CommandHandler(RotateClientSecretCommand)
export class RotateClientSecretHandler implements ICommandHandler<RotateClientSecretCommand> {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly clock: Clock,
  ) {}

  async execute(command: RotateClientSecretCommand): Promise<ClientCredentialsResponse> {
    if (!isUuid(command.appId)) throw appNotFound();
    const { secret, secretHash } = newClientSecret();
    const { state } = await this.executor.execute(
      appDecider,
      appStream(command.appId.toLowerCase()),
      {
        type: 'RotateClientSecret',
        organizationId: command.organizationId,
        actor: command.actor,
        environment: command.environment,
        secretHash,
        at: this.clock.now().toISOString(),
      },
      { metadata: eventMetadata(command.context) },
    );
    return { clientId: state.clients[command.environment]!.clientId, clientSecret: secret };
  }
}

import { Command } from '@nestjs/cqrs';
import type { Environment, RequestContext } from '@latchkey/building-blocks';
import type { AppActor } from '../../domain/app/app.decide';
import type { ClientCredentialsResponse } from '../../shared/client-credentials.response';

export class RotateClientSecretCommand extends Command<ClientCredentialsResponse> {
  constructor(
    readonly organizationId: string,
    readonly actor: AppActor,
    readonly appId: string,
    readonly environment: Environment,
    readonly context: RequestContext,
  ) {
    super();
  }
}

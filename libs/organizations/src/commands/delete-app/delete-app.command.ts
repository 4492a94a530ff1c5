import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';
import type { AppActor } from '../../domain/app/app.decide';

export class DeleteAppCommand extends Command<void> {
  constructor(
    readonly organizationId: string,
    readonly actor: AppActor,
    readonly appId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

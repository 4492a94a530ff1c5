import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';
import type { GrantType, Permission } from '../../contracts';
import type { AppActor } from '../../domain/app/app.decide';
import type { AppSummary } from '../../read-models/app-directory/app-directory.projection';

export class UpdateAppCommand extends Command<AppSummary> {
  constructor(
    readonly organizationId: string,
    readonly actor: AppActor,
    readonly appId: string,
    readonly change: { name?: string; scopes?: Permission[]; grantTypes?: GrantType[] },
    readonly context: RequestContext,
  ) {
    super();
  }
}

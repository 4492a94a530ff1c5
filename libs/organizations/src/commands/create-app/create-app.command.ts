import { Command } from '@nestjs/cqrs';
import type { Environment, RequestContext } from '@latchkey/building-blocks';
import type { GrantType, Permission } from '../../contracts';
import type { CreatedAppResponse } from './create-app.response';

export class CreateAppCommand extends Command<CreatedAppResponse> {
  constructor(
    readonly organizationId: string,
    readonly app: { name: string; scopes: Permission[]; grantTypes: GrantType[]; environments: Environment[] },
    readonly context: RequestContext,
  ) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';
import type { OrganizationPolicy, OrganizationPolicyView } from '../../contracts';

export class SetPolicyCommand extends Command<OrganizationPolicyView> {
  constructor(
    readonly organizationId: string,
    readonly policy: OrganizationPolicy,
    readonly expectedRevision: number | undefined,
    readonly context: RequestContext,
  ) {
    super();
  }
}

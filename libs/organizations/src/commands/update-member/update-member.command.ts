import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';
import type { MembershipView, Permission, Role } from '../../contracts';

export class UpdateMemberCommand extends Command<MembershipView> {
  constructor(
    readonly organizationId: string,
    readonly userId: string,
    readonly change: { role?: Role; permissions?: Permission[] },
    readonly context: RequestContext,
  ) {
    super();
  }
}

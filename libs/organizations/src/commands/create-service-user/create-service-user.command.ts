import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';
import type { MembershipView, Permission, Role } from '../../contracts';

/** A developer_admin creates a service user in their organization; answers its membership. */
export class CreateServiceUserCommand extends Command<MembershipView> {
  constructor(
    readonly admin: MembershipView,
    readonly name: string,
    readonly role: Role,
    readonly permissions: Permission[] | undefined,
    readonly context: RequestContext,
  ) {
    super();
  }
}

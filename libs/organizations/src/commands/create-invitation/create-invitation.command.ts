import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';
import type { Permission, Role } from '../../contracts';
import type { InvitationResponse } from './create-invitation.dto';

export class CreateInvitationCommand extends Command<InvitationResponse> {
  constructor(
    readonly organizationId: string,
    readonly email: string,
    readonly role: Role,
    readonly permissions: Permission[] | undefined,
    readonly context: RequestContext,
  ) {
    super();
  }
}

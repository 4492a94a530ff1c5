import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';

/** A developer_admin cancels an invitation of their organization: its token stops working. */
export class CancelInvitationCommand extends Command<void> {
  constructor(
    readonly organizationId: string,
    readonly invitationId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

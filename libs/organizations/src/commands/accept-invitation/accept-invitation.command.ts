import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';
import type { AcceptInvitationResponse } from './accept-invitation.dto';

export class AcceptInvitationCommand extends Command<AcceptInvitationResponse> {
  constructor(
    readonly token: string,
    readonly name: string,
    readonly password: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

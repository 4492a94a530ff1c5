import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';
import type { IssuedPasswordReset } from '@latchkey/identity';

export class IssueMemberPasswordResetCommand extends Command<IssuedPasswordReset> {
  constructor(
    readonly organizationId: string,
    readonly userId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

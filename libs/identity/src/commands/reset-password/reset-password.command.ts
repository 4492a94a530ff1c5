import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';

/** Sets a new password with a one-time reset token; every session of the user ends. */
export class ResetPasswordCommand extends Command<void> {
  constructor(
    readonly token: string,
    readonly newPassword: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

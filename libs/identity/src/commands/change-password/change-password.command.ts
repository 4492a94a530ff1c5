import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';
import type { ConsolePrincipal } from '../../contracts';

/** Changes the signed-in user's password; every other session of theirs ends. */
export class ChangePasswordCommand extends Command<void> {
  constructor(
    readonly principal: ConsolePrincipal,
    readonly currentPassword: string,
    readonly newPassword: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

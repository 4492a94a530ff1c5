import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';
import type { ConsolePrincipal } from '../../contracts';

export class ConfirmTotpCommand extends Command<{ recoveryCodes: string[] }> {
  constructor(
    readonly principal: ConsolePrincipal,
    readonly code: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

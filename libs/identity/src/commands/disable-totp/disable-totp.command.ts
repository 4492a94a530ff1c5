import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';
import type { ConsolePrincipal } from '../../contracts';

export class DisableTotpCommand extends Command<void> {
  constructor(
    readonly principal: ConsolePrincipal,
    readonly password: string,
    readonly code: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

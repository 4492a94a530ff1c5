import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';
import type { ConsolePrincipal } from '../../contracts';

export class EnrolTotpCommand extends Command<{ secret: string; otpauthUri: string }> {
  constructor(
    readonly principal: ConsolePrincipal,
    readonly context: RequestContext,
  ) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';

export class ClearMemberMfaCommand extends Command<void> {
  constructor(
    readonly organizationId: string,
    readonly userId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

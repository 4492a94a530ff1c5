import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';
import type { SessionEndReason } from '../../domain/session/session.events';

/** Ends one session (logout, or as part of a deactivation). Idempotent. */
export class EndSessionCommand extends Command<void> {
  constructor(
    readonly sessionId: string,
    readonly reason: SessionEndReason,
    readonly context: RequestContext,
  ) {
    super();
  }
}

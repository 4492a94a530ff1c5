import type { EventMetadata } from '@latchkey/event-store';
import type { RequestContext } from '../contracts';

/** The metadata every identity event carries: who did it and which request it belongs to. */
export function eventMetadata(context: RequestContext): EventMetadata {
  return {
    correlationId: context.correlationId,
    actor: context.actor ? { userId: context.actor.userId, ...(context.actor.email ? { email: context.actor.email } : {}) } : null,
  };
}

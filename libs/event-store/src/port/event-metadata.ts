import type { RequestContext } from '@latchkey/building-blocks';
import type { EventMetadata } from './event-store.port';

/** The metadata every event carries: which request it belongs to, and who did it. */
export function eventMetadata(context: Pick<RequestContext, 'correlationId' | 'actor'>): EventMetadata {
  const { actor } = context;
  return {
    correlationId: context.correlationId,
    actor: actor ? { userId: actor.userId, ...(actor.email ? { email: actor.email } : {}) } : null,
  };
}

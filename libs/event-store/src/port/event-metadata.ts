import type { RequestContext } from '@latchkey/building-blocks';
import type { EventMetadata } from './event-store.port';

/**
 * The metadata every event carries: which request it belongs to, who did it, and from which client
 * address (as the HTTP server resolved it, `TRUST_PROXY` honoured; absent for work no client asked
 * for). The audit log reads all three; none of them is a secret.
 */
export function eventMetadata(context: Pick<RequestContext, 'correlationId' | 'actor'> & Partial<Pick<RequestContext, 'address'>>): EventMetadata {
  const { actor, address } = context;
  return {
    correlationId: context.correlationId,
    actor: actor ? { userId: actor.userId, ...(actor.email ? { email: actor.email } : {}) } : null,
    ...(address ? { address } : {}),
  };
}

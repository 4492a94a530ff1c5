import type { Actor } from '@latchkey/building-blocks';
import type { Recorded } from '@latchkey/event-store';
import type { MemberRemoved } from '../domain/organization/organization.events';

/** Who removed the member: the actor the removal was recorded with. */
export function removedBy(event: Recorded<MemberRemoved>): Actor | null {
  const actor = event.metadata.actor;
  return actor ? { userId: actor.userId, ...(actor.email ? { email: actor.email } : {}) } : null;
}

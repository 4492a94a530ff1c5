import type { Actor } from '@latchkey/building-blocks';
import type { Recorded } from '@latchkey/event-store';
import type { MemberRemoved, OrganizationEvent } from '../domain/organization/organization.events';

/** Who made a change to the organization: the actor its event was recorded with. */
export function changedBy(event: Recorded<OrganizationEvent>): Actor | null {
  const actor = event.metadata.actor;
  return actor ? { userId: actor.userId, ...(actor.email ? { email: actor.email } : {}) } : null;
}

/** Who removed the member: the actor the removal was recorded with. */
export const removedBy = (event: Recorded<MemberRemoved>): Actor | null => changedBy(event);

import type { Actor } from '@latchkey/building-blocks';
import type { Role } from './organizations.queries';

/**
 * Integration event: a member was removed from an organization and deactivated. Published (at
 * least once, in log order) on the IntegrationEventBus; handlers must be idempotent. Other modules
 * react: identity ends the user's sessions, credentials revokes their credentials, token issuance
 * refuses tokens issued on them.
 */
export const MEMBER_REMOVED = 'organizations.MemberRemoved';

export interface MemberRemovedIntegrationEvent {
  type: typeof MEMBER_REMOVED;
  organizationId: string;
  userId: string;
  removedBy: Actor | null;
  at: string;
  /** Global position of the domain event it comes from (for idempotency and waiting). */
  position: number;
}

/**
 * Integration event: a member's role changed (a change of permissions alone is not one). Published
 * (at least once, in log order) on the IntegrationEventBus before the change's `PATCH` answers;
 * handlers must be idempotent and may use `position` to recognise a repeat. Modules that grant
 * something by role react to it: a member changed to `user` has no developer access any more, so
 * their credentials should stop being usable at the token endpoint. By the time it is published,
 * the invitations a former developer_admin issued are cancelled.
 */
export const MEMBER_ROLE_CHANGED = 'organizations.MemberRoleChanged';

export interface MemberRoleChangedIntegrationEvent {
  type: typeof MEMBER_ROLE_CHANGED;
  organizationId: string;
  userId: string;
  role: Role;
  /** null only for a change recorded before the previous role was kept. */
  previousRole: Role | null;
  changedBy: Actor | null;
  at: string;
  /** Global position of the domain event it comes from (for idempotency and waiting). */
  position: number;
}

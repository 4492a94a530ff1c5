import type { Actor } from '@latchkey/building-blocks';

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

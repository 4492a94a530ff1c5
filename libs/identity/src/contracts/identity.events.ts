import type { Onboarding } from './identity.commands';

/**
 * Integration event: a user was registered. Published at least once, in log order, on the
 * IntegrationEventBus (also after a restart for registrations the process stopped behind);
 * handlers must be idempotent.
 */
export const USER_REGISTERED = 'identity.UserRegistered';

export interface UserRegisteredIntegrationEvent {
  type: typeof USER_REGISTERED;
  userId: string;
  email: string;
  name: string;
  /** As given to `RegisterUserCommand`; absent when nothing was asked for. */
  onboarding?: Onboarding;
  /** The client address of the request that registered the user, when a client asked for it. */
  address?: string;
  /** Global position of the domain event it comes from. */
  position: number;
}

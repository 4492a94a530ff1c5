import type { DomainEvent } from '@latchkey/event-store';
import type { Onboarding } from '../../contracts';

/**
 * `passwordHash` is a salted scrypt hash, never the password: the password has to survive restarts
 * and the event log is the only store. It is never copied into an API answer, log or list.
 */
export type UserRegistered = DomainEvent<
  'UserRegistered',
  { userId: string; email: string; name: string; passwordHash: string; productionUserId: string; registeredAt: string; onboarding?: Onboarding }
>;
export type SandboxAccountCreated = DomainEvent<
  'SandboxAccountCreated',
  { userId: string; environment: 'sandbox'; environmentUserId: string; createdAt: string }
>;
export type UserDeactivated = DomainEvent<'UserDeactivated', { userId: string; reason: string; deactivatedAt: string }>;

export type UserEvent = UserRegistered | SandboxAccountCreated | UserDeactivated;

export const USER_EVENT_TYPES = ['UserRegistered', 'SandboxAccountCreated', 'UserDeactivated'] as const satisfies readonly UserEvent['type'][];

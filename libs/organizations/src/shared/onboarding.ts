import type { Onboarding, RegisteredUser } from '@latchkey/identity';
import { PERMISSIONS, type Permission, ROLES, type Role } from '../contracts';
import { isDisplayName } from './display-name';

/**
 * What a new user still needs after identity has registered them: the organization they found at
 * signup, or the one whose invitation they accepted. Kept with the registration (see `Onboarding`).
 */
export type OrganizationOnboarding =
  | { kind: 'found-organization'; organizationId: string; organizationName: string }
  | {
      kind: 'join-organization';
      organizationId: string;
      invitationId: string;
      role: Role;
      permissions: Permission[];
      /** The inviter's user id, checked again when the member joins; absent from registrations recorded before it was kept. */
      invitedBy?: string;
    }
  | { kind: 'add-service-user'; organizationId: string; role: Role; permissions: Permission[]; addedBy: string };

export type NewUser = Pick<RegisteredUser, 'userId' | 'email' | 'name'>;

const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (values as readonly string[]).includes(value);

/**
 * The onboarding of a registration, or null when it is not one of ours (or not understood). It is
 * read back from identity's event, so it is checked here as any input is: the organization's rules
 * take its name, role and permissions as given.
 */
export function readOnboarding(onboarding: Onboarding | undefined): OrganizationOnboarding | null {
  if (!onboarding) return null;
  const { kind, organizationId, organizationName, invitationId, role, permissions, invitedBy, addedBy } = onboarding;
  if (typeof organizationId !== 'string') return null;
  if (kind === 'found-organization' && isDisplayName(organizationName)) return { kind, organizationId, organizationName };
  if (kind === 'join-organization' && typeof invitationId === 'string' && isOneOf(ROLES, role) && Array.isArray(permissions)) {
    if (!permissions.every((p) => isOneOf(PERMISSIONS, p))) return null;
    if (invitedBy !== undefined && typeof invitedBy !== 'string') return null;
    return { kind, organizationId, invitationId, role, permissions: permissions as Permission[], ...(invitedBy !== undefined ? { invitedBy } : {}) };
  }
  if (kind === 'add-service-user' && isOneOf(ROLES, role) && Array.isArray(permissions) && typeof addedBy === 'string') {
    if (!permissions.every((p) => isOneOf(PERMISSIONS, p))) return null;
    return { kind, organizationId, role, permissions: permissions as Permission[], addedBy };
  }
  return null;
}

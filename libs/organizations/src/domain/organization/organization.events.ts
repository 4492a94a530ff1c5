import type { DomainEvent } from '@latchkey/event-store';
import type { Permission, Role } from '../../contracts';

export const organizationStream = (organizationId: string): string => `organization-${organizationId}`;
export const ORGANIZATION_STREAM_PREFIX = 'organization-';

export type OrganizationCreated = DomainEvent<'OrganizationCreated', { organizationId: string; name: string; createdAt: string }>;

export type MemberJoined = DomainEvent<
  'MemberJoined',
  {
    organizationId: string;
    userId: string;
    email: string;
    name: string;
    role: Role;
    permissions: Permission[];
    /** The invitation the member accepted; null for the organization's founder and for service users. */
    invitationId: string | null;
    joinedAt: string;
    /** `service` for a service user (no password, never signs in); absent for people. */
    kind?: 'service';
    /** The developer_admin who created the service user; absent for people. */
    addedBy?: string;
  }
>;

export type MemberUpdated = DomainEvent<
  'MemberUpdated',
  {
    organizationId: string;
    userId: string;
    role: Role;
    permissions: Permission[];
    /** The role before this change; absent from changes recorded before it was kept. */
    previousRole?: Role;
    updatedAt: string;
  }
>;

export type MemberRemoved = DomainEvent<'MemberRemoved', { organizationId: string; userId: string; removedAt: string }>;

export type OrganizationEvent = OrganizationCreated | MemberJoined | MemberUpdated | MemberRemoved;

export const ORGANIZATION_EVENT_TYPES = [
  'OrganizationCreated',
  'MemberJoined',
  'MemberUpdated',
  'MemberRemoved',
] as const satisfies readonly OrganizationEvent['type'][];

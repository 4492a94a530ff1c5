import { DomainError } from '@latchkey/building-blocks';
import { PERMISSIONS, type Permission, type Role } from '../../contracts';
import { inCatalogOrder } from '../catalog';
import { invitationNotFound } from '../invitation/invitation.decide';
import type { OrganizationEvent } from './organization.events';
import { activeAdmins, type MemberState, memberOf, type OrganizationState } from './organization.state';

export interface NewMember {
  userId: string;
  email: string;
  name: string;
}

export type CreateOrganization = {
  type: 'CreateOrganization';
  organizationId: string;
  name: string;
  /** The first member: always a developer_admin with every permission. */
  founder: NewMember;
  at: string;
};

export type JoinOrganization = {
  type: 'JoinOrganization';
  member: NewMember;
  role: Role;
  permissions: Permission[];
  invitationId: string;
  /**
   * The user id of the developer_admin who issued the invitation: they must still be an active
   * developer_admin when the member joins. Absent only from registrations recorded before inviters
   * were kept.
   */
  invitedBy?: string;
  at: string;
};

/** A developer_admin adds a service user (registered by identity without a password) to the organization. */
export type AddServiceUser = {
  type: 'AddServiceUser';
  member: NewMember;
  role: Role;
  permissions: Permission[];
  /** The developer_admin who created it: they must be one when it is added. */
  addedBy: string;
  at: string;
};

/** The roles a service user may hold: it exists to hold credentials, so it always has developer access. */
export const SERVICE_USER_ROLES = ['developer', 'developer_admin'] as const satisfies readonly Role[];

export type UpdateMember = {
  type: 'UpdateMember';
  actorUserId: string;
  userId: string;
  role?: Role;
  permissions?: Permission[];
  at: string;
};

export type RemoveMember = { type: 'RemoveMember'; actorUserId: string; userId: string; at: string };

export type OrganizationCommand = CreateOrganization | JoinOrganization | AddServiceUser | UpdateMember | RemoveMember;

function requireOrganization(state: OrganizationState): string {
  if (state.id === null) throw new DomainError('not-found', 'ORGANIZATION_NOT_FOUND', 'The organization does not exist');
  return state.id;
}

function requireAdmin(state: OrganizationState, actorUserId: string): void {
  const actor = memberOf(state, actorUserId);
  if (!actor || actor.status !== 'active' || actor.role !== 'developer_admin') {
    throw new DomainError('forbidden', 'DEVELOPER_ADMIN_REQUIRED', 'Only a developer admin of the organization can do this');
  }
}

function requireActiveMember(state: OrganizationState, userId: string): MemberState {
  const member = memberOf(state, userId);
  if (!member || member.status !== 'active') {
    throw new DomainError('not-found', 'MEMBER_NOT_FOUND', 'No such member in your organization');
  }
  return member;
}

/** The organization must always keep at least one active developer_admin who is a person (one who can sign in). */
function keepAnAdmin(state: OrganizationState, member: MemberState): void {
  if (member.role === 'developer_admin' && member.kind === 'person' && activeAdmins(state) <= 1) {
    throw new DomainError('conflict', 'LAST_DEVELOPER_ADMIN', 'An organization needs at least one developer admin: promote another member first');
  }
}

/** Roles, permissions and names arrive checked (by the DTOs, or by `readOnboarding`); these are the organization's rules. */
export function decide(command: OrganizationCommand, state: OrganizationState): OrganizationEvent[] {
  switch (command.type) {
    case 'CreateOrganization': {
      if (state.id !== null) {
        // The same founding again (a retry, or the recovery of an interrupted signup) changes nothing.
        if (state.id === command.organizationId && memberOf(state, command.founder.userId)?.status === 'active') return [];
        throw new DomainError('conflict', 'ORGANIZATION_EXISTS', 'The organization already exists');
      }
      const { organizationId, founder, at } = command;
      return [
        { type: 'OrganizationCreated', data: { organizationId, name: command.name.trim(), createdAt: at } },
        {
          type: 'MemberJoined',
          data: {
            organizationId,
            userId: founder.userId,
            email: founder.email,
            name: founder.name,
            role: 'developer_admin',
            permissions: [...PERMISSIONS],
            invitationId: null,
            joinedAt: at,
          },
        },
      ];
    }
    case 'JoinOrganization': {
      const organizationId = requireOrganization(state);
      const existing = memberOf(state, command.member.userId);
      if (existing) {
        // A retried join from the same acceptance changes nothing; anything else is a conflict.
        if (existing.status === 'active') return [];
        throw new DomainError('conflict', 'MEMBER_EXISTS', 'This user was a member of the organization before');
      }
      if (command.invitedBy !== undefined) {
        // Checked again here, on the organization's own stream: an inviter removed or demoted while
        // the acceptance was under way brings no one in.
        const inviter = memberOf(state, command.invitedBy);
        if (!inviter || inviter.status !== 'active' || inviter.role !== 'developer_admin') throw invitationNotFound();
      }
      return [
        {
          type: 'MemberJoined',
          data: {
            organizationId,
            ...command.member,
            role: command.role,
            permissions: inCatalogOrder(command.permissions, PERMISSIONS),
            invitationId: command.invitationId,
            joinedAt: command.at,
          },
        },
      ];
    }
    case 'AddServiceUser': {
      const organizationId = requireOrganization(state);
      const existing = memberOf(state, command.member.userId);
      if (existing) {
        // A retried step of the same creation changes nothing; anything else is a conflict.
        if (existing.status === 'active' && existing.kind === 'service') return [];
        throw new DomainError('conflict', 'MEMBER_EXISTS', 'This user was a member of the organization before');
      }
      requireAdmin(state, command.addedBy);
      if (!(SERVICE_USER_ROLES as readonly Role[]).includes(command.role)) {
        throw new DomainError('validation', 'VALIDATION_FAILED', 'A service user is a developer or a developer_admin', {
          errors: [{ field: 'role', message: `role must be one of ${SERVICE_USER_ROLES.join(', ')}` }],
        });
      }
      return [
        {
          type: 'MemberJoined',
          data: {
            organizationId,
            ...command.member,
            role: command.role,
            permissions: inCatalogOrder(command.permissions, PERMISSIONS),
            invitationId: null,
            joinedAt: command.at,
            kind: 'service',
            addedBy: command.addedBy,
          },
        },
      ];
    }
    case 'UpdateMember': {
      const organizationId = requireOrganization(state);
      requireAdmin(state, command.actorUserId);
      const member = requireActiveMember(state, command.userId);
      const role = command.role ?? member.role;
      const permissions = command.permissions ? inCatalogOrder(command.permissions, PERMISSIONS) : member.permissions;
      if (role === member.role && permissions.join() === member.permissions.join()) return [];
      if (role !== 'developer_admin') keepAnAdmin(state, member);
      return [
        {
          type: 'MemberUpdated',
          data: { organizationId, userId: command.userId, role, permissions, previousRole: member.role, updatedAt: command.at },
        },
      ];
    }
    case 'RemoveMember': {
      const organizationId = requireOrganization(state);
      requireAdmin(state, command.actorUserId);
      const member = requireActiveMember(state, command.userId);
      keepAnAdmin(state, member);
      return [{ type: 'MemberRemoved', data: { organizationId, userId: command.userId, removedAt: command.at } }];
    }
  }
}

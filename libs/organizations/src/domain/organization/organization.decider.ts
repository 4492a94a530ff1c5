import { DomainError } from '@latchkey/building-blocks';
import { type Decider } from '@latchkey/event-store';
import { PERMISSIONS, type Permission, ROLES, type Role } from '../../contracts';
import { checkName, checkSubset, inCatalogOrder, throwIfInvalid } from '../../shared/validation';
import type { OrganizationEvent } from './organization.events';

export interface MemberState {
  role: Role;
  permissions: Permission[];
  status: 'active' | 'removed';
}

export interface OrganizationState {
  id: string | null;
  name: string;
  members: Record<string, MemberState>;
}

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
  at: string;
};

export type UpdateMember = {
  type: 'UpdateMember';
  actorUserId: string;
  userId: string;
  role?: Role;
  permissions?: Permission[];
  at: string;
};

export type RemoveMember = { type: 'RemoveMember'; actorUserId: string; userId: string; at: string };

export type OrganizationCommand = CreateOrganization | JoinOrganization | UpdateMember | RemoveMember;

const memberOf = (state: OrganizationState, userId: string): MemberState | null =>
  Object.hasOwn(state.members, userId) ? state.members[userId] : null;

const activeAdmins = (state: OrganizationState): number =>
  Object.values(state.members).filter((m) => m.status === 'active' && m.role === 'developer_admin').length;

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

/** The organization must always keep at least one active developer_admin. */
function keepAnAdmin(state: OrganizationState, member: MemberState): void {
  if (member.role === 'developer_admin' && activeAdmins(state) <= 1) {
    throw new DomainError('conflict', 'LAST_DEVELOPER_ADMIN', 'An organization needs at least one developer admin: promote another member first');
  }
}

function checkRoleAndPermissions(role: Role | undefined, permissions: readonly Permission[] | undefined): void {
  throwIfInvalid([
    ...(role !== undefined && !ROLES.includes(role) ? [{ field: 'role', message: `role must be one of ${ROLES.join(', ')}` }] : []),
    ...(permissions !== undefined ? checkSubset('permissions', permissions, PERMISSIONS, { nonEmpty: false }) : []),
  ]);
}

function decide(command: OrganizationCommand, state: OrganizationState): OrganizationEvent[] {
  switch (command.type) {
    case 'CreateOrganization': {
      if (state.id !== null) {
        // The same founding again (a retry, or the recovery of an interrupted signup) changes nothing.
        if (state.id === command.organizationId && memberOf(state, command.founder.userId)?.status === 'active') return [];
        throw new DomainError('conflict', 'ORGANIZATION_EXISTS', 'The organization already exists');
      }
      throwIfInvalid(checkName('organizationName', command.name));
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
      checkRoleAndPermissions(command.role, command.permissions);
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
    case 'UpdateMember': {
      const organizationId = requireOrganization(state);
      requireAdmin(state, command.actorUserId);
      const member = requireActiveMember(state, command.userId);
      checkRoleAndPermissions(command.role, command.permissions);
      const role = command.role ?? member.role;
      const permissions = command.permissions ? inCatalogOrder(command.permissions, PERMISSIONS) : member.permissions;
      if (role === member.role && permissions.join() === member.permissions.join()) return [];
      if (role !== 'developer_admin') keepAnAdmin(state, member);
      return [{ type: 'MemberUpdated', data: { organizationId, userId: command.userId, role, permissions, updatedAt: command.at } }];
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

function evolve(state: OrganizationState, event: OrganizationEvent): OrganizationState {
  switch (event.type) {
    case 'OrganizationCreated':
      return { ...state, id: event.data.organizationId, name: event.data.name };
    case 'MemberJoined':
      return {
        ...state,
        members: { ...state.members, [event.data.userId]: { role: event.data.role, permissions: event.data.permissions, status: 'active' } },
      };
    case 'MemberUpdated': {
      const member = memberOf(state, event.data.userId);
      if (!member) return state;
      return {
        ...state,
        members: { ...state.members, [event.data.userId]: { ...member, role: event.data.role, permissions: event.data.permissions } },
      };
    }
    case 'MemberRemoved': {
      const member = memberOf(state, event.data.userId);
      if (!member) return state;
      return { ...state, members: { ...state.members, [event.data.userId]: { ...member, status: 'removed' } } };
    }
    default:
      return state;
  }
}

/** An organization and its memberships: who belongs, with which role and platform permissions. */
export const organizationDecider: Decider<OrganizationState, OrganizationCommand, OrganizationEvent> = {
  initialState: () => ({ id: null, name: '', members: {} }),
  evolve,
  decide,
};

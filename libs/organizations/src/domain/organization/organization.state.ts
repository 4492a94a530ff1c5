import type { Permission, Role } from '../../contracts';
import type { OrganizationEvent } from './organization.events';

export type MemberKind = 'person' | 'service';

export interface MemberState {
  kind: MemberKind;
  role: Role;
  permissions: Permission[];
  status: 'active' | 'removed';
}

export interface OrganizationState {
  id: string | null;
  name: string;
  members: Record<string, MemberState>;
}

export const initialState = (): OrganizationState => ({ id: null, name: '', members: {} });

export const memberOf = (state: OrganizationState, userId: string): MemberState | null =>
  Object.hasOwn(state.members, userId) ? state.members[userId] : null;

/** Active developer_admins who are people: a service user cannot sign in, so it never counts as the organization's admin. */
export const activeAdmins = (state: OrganizationState): number =>
  Object.values(state.members).filter((m) => m.status === 'active' && m.role === 'developer_admin' && m.kind === 'person').length;

export function evolve(state: OrganizationState, event: OrganizationEvent): OrganizationState {
  switch (event.type) {
    case 'OrganizationCreated':
      return { ...state, id: event.data.organizationId, name: event.data.name };
    case 'MemberJoined':
      return {
        ...state,
        members: {
          ...state.members,
          [event.data.userId]: {
            kind: event.data.kind ?? 'person',
            role: event.data.role,
            permissions: event.data.permissions,
            status: 'active',
          },
        },
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

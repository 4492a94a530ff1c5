import type { Permission, Role } from '../../contracts';
import type { InvitationEvent } from './invitation.events';

export interface InvitationState {
  status: 'none' | 'pending' | 'accepted';
  invitationId: string;
  organizationId: string;
  email: string;
  role: Role;
  permissions: Permission[];
  tokenHash: string;
  expiresAt: string;
}

export const initialState = (): InvitationState => ({
  status: 'none',
  invitationId: '',
  organizationId: '',
  email: '',
  role: 'user',
  permissions: [],
  tokenHash: '',
  expiresAt: '',
});

export function evolve(state: InvitationState, event: InvitationEvent): InvitationState {
  switch (event.type) {
    case 'InvitationCreated': {
      const { invitationId, organizationId, email, role, permissions, tokenHash, expiresAt } = event.data;
      return { status: 'pending', invitationId, organizationId, email, role, permissions, tokenHash, expiresAt };
    }
    case 'InvitationAccepted':
      return { ...state, status: 'accepted' };
    case 'InvitationReopened':
      return { ...state, status: 'pending' };
    default:
      return state;
  }
}

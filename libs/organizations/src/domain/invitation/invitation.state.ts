import type { Permission, Role } from '../../contracts';
import type { InvitationEvent, Inviter } from './invitation.events';

export interface InvitationState {
  status: 'none' | 'pending' | 'accepted' | 'cancelled';
  invitationId: string;
  organizationId: string;
  email: string;
  role: Role;
  permissions: Permission[];
  tokenHash: string;
  expiresAt: string;
  /** null for invitations created before inviters were recorded. */
  invitedBy: Inviter | null;
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
  invitedBy: null,
});

export function evolve(state: InvitationState, event: InvitationEvent): InvitationState {
  switch (event.type) {
    case 'InvitationCreated': {
      const { invitationId, organizationId, email, role, permissions, tokenHash, expiresAt, invitedBy } = event.data;
      return { status: 'pending', invitationId, organizationId, email, role, permissions, tokenHash, expiresAt, invitedBy: invitedBy ?? null };
    }
    case 'InvitationAccepted':
      return { ...state, status: 'accepted' };
    case 'InvitationReopened':
      // Only a redeemed invitation is reopened; a cancelled one stays cancelled.
      return state.status === 'accepted' ? { ...state, status: 'pending' } : state;
    case 'InvitationCancelled':
      return { ...state, status: 'cancelled' };
    default:
      return state;
  }
}

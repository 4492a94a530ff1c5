import type { CredentialRequestEvent } from './credential-request.events';

export interface CredentialRequestState {
  status: 'none' | 'pending' | 'approved' | 'denied';
  requestId: string;
  credentialId: string;
  organizationId: string;
  clientId: string;
}

export const initialCredentialRequestState = (): CredentialRequestState => ({
  status: 'none',
  requestId: '',
  credentialId: '',
  organizationId: '',
  clientId: '',
});

export function evolve(state: CredentialRequestState, event: CredentialRequestEvent): CredentialRequestState {
  switch (event.type) {
    case 'CredentialRequestCreated': {
      const { requestId, credentialId, organizationId, clientId } = event.data;
      return { status: 'pending', requestId, credentialId, organizationId, clientId };
    }
    case 'CredentialRequestApproved':
      return { ...state, status: 'approved' };
    case 'CredentialRequestDenied':
      return { ...state, status: 'denied' };
    default:
      return state;
  }
}

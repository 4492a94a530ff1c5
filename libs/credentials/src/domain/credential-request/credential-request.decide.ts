import { DomainError } from '@latchkey/building-blocks';
import type { CredentialRequestEvent, RequestActor } from './credential-request.events';
import type { CredentialRequestState } from './credential-request.state';

/** Commands arrive checked at the edge: justification, note and reason are well-formed text. */
export type CreateCredentialRequest = {
  type: 'CreateCredentialRequest';
  requestId: string;
  credentialId: string;
  credentialLabel: string;
  organizationId: string;
  requester: RequestActor;
  clientId: string;
  appName: string;
  appOrganizationName: string;
  justification: string;
  /** The requester is a developer_admin: the request is approved as it is made. */
  approvedAtOnce: boolean;
  at: string;
};

/** `organizationId` is the decider's organization: a request of another one is not found. */
export type ApproveCredentialRequest = {
  type: 'ApproveCredentialRequest';
  organizationId: string;
  decidedBy: RequestActor;
  note: string | null;
  at: string;
};

export type DenyCredentialRequest = { type: 'DenyCredentialRequest'; organizationId: string; decidedBy: RequestActor; reason: string; at: string };

export type CredentialRequestCommand = CreateCredentialRequest | ApproveCredentialRequest | DenyCredentialRequest;

export const credentialRequestNotFound = () => new DomainError('not-found', 'CREDENTIAL_REQUEST_NOT_FOUND', 'No such credential request');

function create(command: CreateCredentialRequest, state: CredentialRequestState): CredentialRequestEvent[] {
  if (state.status !== 'none') throw new DomainError('conflict', 'CREDENTIAL_REQUEST_EXISTS', 'The credential request already exists');
  const { requestId, credentialId, organizationId, clientId, requester, at } = command;
  const created: CredentialRequestEvent = {
    type: 'CredentialRequestCreated',
    data: {
      requestId,
      credentialId,
      credentialLabel: command.credentialLabel,
      organizationId,
      requester,
      clientId,
      appName: command.appName,
      appOrganizationName: command.appOrganizationName,
      justification: command.justification,
      createdAt: at,
    },
  };
  if (!command.approvedAtOnce) return [created];
  return [
    created,
    {
      type: 'CredentialRequestApproved',
      data: { requestId, credentialId, organizationId, clientId, decidedBy: requester, note: null, automatic: true, decidedAt: at },
    },
  ];
}

/** A request of the caller's organization that nobody has decided yet. */
function requirePending(state: CredentialRequestState, organizationId: string): void {
  if (state.status === 'none' || state.organizationId !== organizationId) throw credentialRequestNotFound();
  if (state.status !== 'pending') {
    throw new DomainError('conflict', 'CREDENTIAL_REQUEST_DECIDED', `The credential request is already ${state.status}; a decision is final`);
  }
}

function approve(command: ApproveCredentialRequest, state: CredentialRequestState): CredentialRequestEvent[] {
  requirePending(state, command.organizationId);
  const { requestId, credentialId, organizationId, clientId } = state;
  return [
    {
      type: 'CredentialRequestApproved',
      data: {
        requestId,
        credentialId,
        organizationId,
        clientId,
        decidedBy: command.decidedBy,
        note: command.note,
        automatic: false,
        decidedAt: command.at,
      },
    },
  ];
}

function deny(command: DenyCredentialRequest, state: CredentialRequestState): CredentialRequestEvent[] {
  requirePending(state, command.organizationId);
  const { requestId, credentialId, organizationId, clientId } = state;
  return [
    {
      type: 'CredentialRequestDenied',
      data: { requestId, credentialId, organizationId, clientId, decidedBy: command.decidedBy, note: command.reason, decidedAt: command.at },
    },
  ];
}

export function decide(command: CredentialRequestCommand, state: CredentialRequestState): CredentialRequestEvent[] {
  switch (command.type) {
    case 'CreateCredentialRequest':
      return create(command, state);
    case 'ApproveCredentialRequest':
      return approve(command, state);
    case 'DenyCredentialRequest':
      return deny(command, state);
  }
}

import { DomainError } from '@latchkey/building-blocks';
import { type Decider } from '@latchkey/event-store';
import { PERMISSIONS, type Permission, ROLES, type Role } from '../../contracts';
import { checkSubset, inCatalogOrder, throwIfInvalid } from '../../shared/validation';
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

export type CreateInvitation = {
  type: 'CreateInvitation';
  invitationId: string;
  organizationId: string;
  email: string;
  role: Role;
  permissions: Permission[];
  tokenHash: string;
  at: string;
  expiresAt: string;
};

/** Redeems the token. Single use: a second acceptance (even a concurrent one) finds it used. */
export type AcceptInvitation = { type: 'AcceptInvitation'; tokenHash: string; at: string };

export type ReopenInvitation = { type: 'ReopenInvitation'; reason: string; at: string };

export type InvitationCommand = CreateInvitation | AcceptInvitation | ReopenInvitation;

const notFound = () => new DomainError('not-found', 'INVITATION_NOT_FOUND', 'No such invitation, or it has already been used');

function decide(command: InvitationCommand, state: InvitationState): InvitationEvent[] {
  switch (command.type) {
    case 'CreateInvitation': {
      if (state.status !== 'none') throw new DomainError('conflict', 'INVITATION_EXISTS', 'The invitation already exists');
      throwIfInvalid([
        ...(!ROLES.includes(command.role) ? [{ field: 'role', message: `role must be one of ${ROLES.join(', ')}` }] : []),
        ...checkSubset('permissions', command.permissions, PERMISSIONS, { nonEmpty: false }),
      ]);
      if (Date.parse(command.expiresAt) <= Date.parse(command.at)) {
        throw new DomainError('validation', 'VALIDATION_FAILED', 'An invitation must expire after it is created');
      }
      const { invitationId, organizationId, email, role, tokenHash, at, expiresAt } = command;
      const permissions = inCatalogOrder(command.permissions, PERMISSIONS);
      return [{ type: 'InvitationCreated', data: { invitationId, organizationId, email, role, permissions, tokenHash, createdAt: at, expiresAt } }];
    }
    case 'AcceptInvitation': {
      if (state.status !== 'pending' || state.tokenHash !== command.tokenHash) throw notFound();
      if (Date.parse(command.at) >= Date.parse(state.expiresAt)) {
        throw new DomainError('gone', 'INVITATION_EXPIRED', 'The invitation has expired; ask for a new one');
      }
      return [{ type: 'InvitationAccepted', data: { invitationId: state.invitationId, acceptedAt: command.at } }];
    }
    case 'ReopenInvitation': {
      if (state.status !== 'accepted') return [];
      return [{ type: 'InvitationReopened', data: { invitationId: state.invitationId, reason: command.reason, reopenedAt: command.at } }];
    }
  }
}

function evolve(state: InvitationState, event: InvitationEvent): InvitationState {
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

/** An invitation to join an organization, redeemed once with its token before it expires. */
export const invitationDecider: Decider<InvitationState, InvitationCommand, InvitationEvent> = {
  initialState: () => ({
    status: 'none',
    invitationId: '',
    organizationId: '',
    email: '',
    role: 'user',
    permissions: [],
    tokenHash: '',
    expiresAt: '',
  }),
  evolve,
  decide,
};

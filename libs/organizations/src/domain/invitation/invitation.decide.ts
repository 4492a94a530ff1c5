import { DomainError } from '@latchkey/building-blocks';
import { PERMISSIONS, type Permission, type Role } from '../../contracts';
import { inCatalogOrder } from '../catalog';
import type { InvitationEvent } from './invitation.events';
import type { InvitationState } from './invitation.state';

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

/** The role and permissions arrive checked by the invitation's DTO; these are the invitation's rules. */
export function decide(command: InvitationCommand, state: InvitationState): InvitationEvent[] {
  switch (command.type) {
    case 'CreateInvitation': {
      if (state.status !== 'none') throw new DomainError('conflict', 'INVITATION_EXISTS', 'The invitation already exists');
      if (Date.parse(command.expiresAt) <= Date.parse(command.at)) {
        throw new DomainError('validation', 'INVITATION_EXPIRY_INVALID', 'An invitation must expire after it is created');
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

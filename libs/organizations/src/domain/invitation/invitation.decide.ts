import { DomainError } from '@latchkey/building-blocks';
import { PERMISSIONS, type Permission, type Role } from '../../contracts';
import { inCatalogOrder } from '../catalog';
import type { CancellationReason, InvitationEvent, Inviter } from './invitation.events';
import type { InvitationState } from './invitation.state';

export type CreateInvitation = {
  type: 'CreateInvitation';
  invitationId: string;
  organizationId: string;
  email: string;
  role: Role;
  permissions: Permission[];
  tokenHash: string;
  /** The developer_admin issuing it. */
  invitedBy: Inviter;
  at: string;
  expiresAt: string;
};

/**
 * Redeems the token. Single use: a second acceptance (even a concurrent one) finds it used. The
 * caller says whether the inviter it found for this invitation is still an active developer_admin
 * of the organization (the membership is not this stream's to know).
 */
export type AcceptInvitation = {
  type: 'AcceptInvitation';
  tokenHash: string;
  inviter: { userId: string; activeAdmin: boolean } | null;
  at: string;
};

export type ReopenInvitation = { type: 'ReopenInvitation'; reason: string; at: string };

/** Kills the token. `organizationId` is the caller's: another organization's invitation is not found. */
export type CancelInvitation = { type: 'CancelInvitation'; organizationId: string; reason: CancellationReason; at: string };

export type InvitationCommand = CreateInvitation | AcceptInvitation | ReopenInvitation | CancelInvitation;

/** One answer for an unknown token, a used or cancelled invitation, and one whose inviter can no longer vouch for it. */
export const invitationNotFound = () => new DomainError('not-found', 'INVITATION_NOT_FOUND', 'No such invitation, or it has already been used');

/** The role and permissions arrive checked by the invitation's DTO; these are the invitation's rules. */
export function decide(command: InvitationCommand, state: InvitationState): InvitationEvent[] {
  switch (command.type) {
    case 'CreateInvitation': {
      if (state.status !== 'none') throw new DomainError('conflict', 'INVITATION_EXISTS', 'The invitation already exists');
      if (Date.parse(command.expiresAt) <= Date.parse(command.at)) {
        throw new DomainError('validation', 'INVITATION_EXPIRY_INVALID', 'An invitation must expire after it is created');
      }
      const { invitationId, organizationId, email, role, tokenHash, at, expiresAt, invitedBy } = command;
      const permissions = inCatalogOrder(command.permissions, PERMISSIONS);
      return [
        {
          type: 'InvitationCreated',
          data: { invitationId, organizationId, email, role, permissions, tokenHash, createdAt: at, expiresAt, invitedBy: { ...invitedBy } },
        },
      ];
    }
    case 'AcceptInvitation': {
      if (state.status !== 'pending' || state.tokenHash !== command.tokenHash) throw invitationNotFound();
      // The inviter must still vouch for it: an admin removed or demoted since cannot bring anyone in.
      const { inviter } = command;
      if (!state.invitedBy || !inviter || inviter.userId !== state.invitedBy.userId || !inviter.activeAdmin) throw invitationNotFound();
      if (Date.parse(command.at) >= Date.parse(state.expiresAt)) {
        throw new DomainError('gone', 'INVITATION_EXPIRED', 'The invitation has expired; ask for a new one');
      }
      return [{ type: 'InvitationAccepted', data: { invitationId: state.invitationId, acceptedAt: command.at } }];
    }
    case 'ReopenInvitation': {
      if (state.status !== 'accepted') return [];
      return [{ type: 'InvitationReopened', data: { invitationId: state.invitationId, reason: command.reason, reopenedAt: command.at } }];
    }
    case 'CancelInvitation': {
      if (state.status === 'none' || state.organizationId !== command.organizationId) throw invitationNotFound();
      if (state.status === 'cancelled') return [];
      if (state.status === 'accepted') {
        // Its token is already used; an inviter losing their role later changes nothing about it.
        if (command.reason !== 'cancelled_by_admin') return [];
        throw new DomainError('conflict', 'INVITATION_ALREADY_ACCEPTED', 'The invitation has been accepted; remove the member instead');
      }
      return [{ type: 'InvitationCancelled', data: { invitationId: state.invitationId, reason: command.reason, cancelledAt: command.at } }];
    }
  }
}

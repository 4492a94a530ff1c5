import type { DomainEvent } from '@latchkey/event-store';
import type { Permission, Role } from '../../contracts';

export const invitationStream = (invitationId: string): string => `invitation-${invitationId}`;
export const INVITATION_STREAM_PREFIX = 'invitation-';

/** Who issued an invitation: a developer_admin of the organization at the time. */
export interface Inviter {
  userId: string;
  email: string;
}

export type InvitationCreated = DomainEvent<
  'InvitationCreated',
  {
    invitationId: string;
    organizationId: string;
    email: string;
    role: Role;
    permissions: Permission[];
    /** SHA-256 of the token; the token itself is shown once to the inviter and never stored. */
    tokenHash: string;
    createdAt: string;
    expiresAt: string;
    /**
     * Absent from invitations created before inviters were recorded: those were issued by an
     * admin no longer known, and cannot be accepted (nobody can vouch for them any more).
     */
    invitedBy?: Inviter;
  }
>;

/** The token was redeemed: from here on it is used, whatever happens next. */
export type InvitationAccepted = DomainEvent<'InvitationAccepted', { invitationId: string; acceptedAt: string }>;

/** Accepting failed after the token was redeemed (e.g. the email is taken): the invitation can be used again. */
export type InvitationReopened = DomainEvent<'InvitationReopened', { invitationId: string; reason: string; reopenedAt: string }>;

/**
 * Why an invitation was cancelled: a developer_admin cancelled it, or its inviter was removed or
 * stopped being a developer_admin.
 */
export type CancellationReason = 'cancelled_by_admin' | 'inviter_removed' | 'inviter_demoted';

/** The token is dead: the invitation can no longer be accepted. */
export type InvitationCancelled = DomainEvent<'InvitationCancelled', { invitationId: string; reason: CancellationReason; cancelledAt: string }>;

export type InvitationEvent = InvitationCreated | InvitationAccepted | InvitationReopened | InvitationCancelled;

export const INVITATION_EVENT_TYPES = [
  'InvitationCreated',
  'InvitationAccepted',
  'InvitationReopened',
  'InvitationCancelled',
] as const satisfies readonly InvitationEvent['type'][];

import type { DomainEvent } from '@latchkey/event-store';
import type { Permission, Role } from '../../contracts';

export const invitationStream = (invitationId: string): string => `invitation-${invitationId}`;
export const INVITATION_STREAM_PREFIX = 'invitation-';

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
  }
>;

/** The token was redeemed: from here on it is used, whatever happens next. */
export type InvitationAccepted = DomainEvent<'InvitationAccepted', { invitationId: string; acceptedAt: string }>;

/** Accepting failed after the token was redeemed (e.g. the email is taken): the invitation can be used again. */
export type InvitationReopened = DomainEvent<'InvitationReopened', { invitationId: string; reason: string; reopenedAt: string }>;

export type InvitationEvent = InvitationCreated | InvitationAccepted | InvitationReopened;

export const INVITATION_EVENT_TYPES = [
  'InvitationCreated',
  'InvitationAccepted',
  'InvitationReopened',
] as const satisfies readonly InvitationEvent['type'][];

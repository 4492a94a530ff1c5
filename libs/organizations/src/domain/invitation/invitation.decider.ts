import { type Decider } from '@latchkey/event-store';
import { decide, type InvitationCommand } from './invitation.decide';
import type { InvitationEvent } from './invitation.events';
import { evolve, initialState, type InvitationState } from './invitation.state';

/** An invitation to join an organization, redeemed once with its token before it expires. */
export const invitationDecider: Decider<InvitationState, InvitationCommand, InvitationEvent> = { initialState, evolve, decide };

import { type Decider, type DomainEvent, DomainError } from '@latchkey/event-store';

/**
 * One stream per canonical e-mail address makes "one account per address" hold across user
 * streams: the first reservation is appended with expected revision `no_stream`, so of two
 * concurrent registrations exactly one wins.
 */
export type EmailReserved = DomainEvent<'EmailReserved', { email: string; userId: string }>;
/** Undoes a reservation whose registration failed after reserving. */
export type EmailReleased = DomainEvent<'EmailReleased', { email: string; userId: string }>;
export type EmailReservationEvent = EmailReserved | EmailReleased;

export type EmailReservationState = { reservedFor: string | null };

export type EmailReservationCommand =
  | { type: 'ReserveEmail'; email: string; userId: string }
  | { type: 'ReleaseEmail'; email: string; userId: string };

export const emailTaken = () => new DomainError('conflict', 'EMAIL_TAKEN', 'An account with this e-mail address already exists');

export const emailReservationDecider: Decider<EmailReservationState, EmailReservationCommand, EmailReservationEvent> = {
  initialState: () => ({ reservedFor: null }),

  evolve: (_state, event) => ({ reservedFor: event.type === 'EmailReserved' ? event.data.userId : null }),

  decide(command, state) {
    const data = { email: command.email, userId: command.userId };
    switch (command.type) {
      case 'ReserveEmail':
        if (state.reservedFor === command.userId) return [];
        if (state.reservedFor !== null) throw emailTaken();
        return [{ type: 'EmailReserved', data }];
      case 'ReleaseEmail':
        return state.reservedFor === command.userId ? [{ type: 'EmailReleased', data }] : [];
    }
  },
};

import { DomainError } from '@latchkey/building-blocks';
import { type Decider } from '@latchkey/event-store';
import type { EmailReservationEvent, EmailReserved } from './email-reservation.events';

export type EmailReservationState = { reservedFor: string | null; reservedAt: string | null };

/**
 * A registration writes its user within milliseconds of reserving the address. A reservation this
 * old whose user was never written belongs to a registration the process stopped in the middle of.
 */
export const ABANDONED_AFTER_MS = 5 * 60_000;

export type EmailReservationCommand =
  /** `abandonedBy`: the holder of a reservation the caller found no user for (it may take it over once stale). */
  { type: 'ReserveEmail'; email: string; userId: string; at: string; abandonedBy?: string } | { type: 'ReleaseEmail'; email: string; userId: string };

export const emailTaken = () => new DomainError('conflict', 'EMAIL_TAKEN', 'An account with this e-mail address already exists');

const isAbandoned = (state: EmailReservationState, holder: string | undefined, at: string): boolean =>
  holder !== undefined &&
  state.reservedFor === holder &&
  state.reservedAt !== null &&
  Date.parse(at) - Date.parse(state.reservedAt) >= ABANDONED_AFTER_MS;

export const emailReservationDecider: Decider<EmailReservationState, EmailReservationCommand, EmailReservationEvent> = {
  initialState: () => ({ reservedFor: null, reservedAt: null }),

  evolve: (_state, event) =>
    event.type === 'EmailReserved'
      ? { reservedFor: event.data.userId, reservedAt: event.data.reservedAt ?? null }
      : { reservedFor: null, reservedAt: null },

  decide(command, state) {
    const { email, userId } = command;
    switch (command.type) {
      case 'ReserveEmail': {
        const reserved: EmailReserved = { type: 'EmailReserved', data: { email, userId, reservedAt: command.at } };
        if (state.reservedFor === userId) return [];
        if (state.reservedFor === null) return [reserved];
        if (!isAbandoned(state, command.abandonedBy, command.at)) throw emailTaken();
        return [{ type: 'EmailReleased', data: { email, userId: state.reservedFor, abandoned: true } }, reserved];
      }
      case 'ReleaseEmail':
        return state.reservedFor === userId ? [{ type: 'EmailReleased', data: { email, userId } }] : [];
    }
  },
};

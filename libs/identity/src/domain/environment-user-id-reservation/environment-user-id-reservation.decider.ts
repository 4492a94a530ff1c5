import { DomainError, type Environment } from '@latchkey/building-blocks';
import { type Decider } from '@latchkey/event-store';
import type { EnvironmentUserIdReserved } from './environment-user-id-reservation.events';

export type EnvironmentUserIdReservationState = { reservedFor: string | null };

export type ReserveEnvironmentUserId = { type: 'ReserveEnvironmentUserId'; environment: Environment; environmentUserId: string; userId: string };

export const environmentUserIdReservationDecider: Decider<EnvironmentUserIdReservationState, ReserveEnvironmentUserId, EnvironmentUserIdReserved> = {
  initialState: () => ({ reservedFor: null }),

  evolve: (_state, event) => ({ reservedFor: event.data.userId }),

  decide(command, state) {
    if (state.reservedFor === command.userId) return [];
    if (state.reservedFor !== null) throw new DomainError('conflict', 'ENVIRONMENT_USER_ID_TAKEN', 'This environment user id is already in use');
    const { type: _type, ...data } = command;
    return [{ type: 'EnvironmentUserIdReserved', data }];
  },
};

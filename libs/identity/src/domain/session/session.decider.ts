import { DomainError } from '@latchkey/building-blocks';
import { type Decider } from '@latchkey/event-store';
import type { SessionEndReason, SessionEvent } from './session.events';

export type SessionState = { status: 'none' } | { status: 'active' | 'ended'; sessionId: string; userId: string };

export type SessionCommand =
  | {
      type: 'StartSession';
      sessionId: string;
      userId: string;
      /** The user's status as the handler found it; null for an unknown user. */
      userStatus: 'active' | 'deactivated' | null;
      tokenHash: string;
      startedAt: string;
      expiresAt: string;
    }
  | { type: 'EndSession'; reason: SessionEndReason; endedAt: string };

export const sessionDecider: Decider<SessionState, SessionCommand, SessionEvent> = {
  initialState: () => ({ status: 'none' }),

  evolve(state, event) {
    switch (event.type) {
      case 'SessionStarted':
        return { status: 'active', sessionId: event.data.sessionId, userId: event.data.userId };
      case 'SessionEnded':
        return state.status === 'none' ? state : { ...state, status: 'ended' };
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'StartSession': {
        if (state.status !== 'none') throw new DomainError('conflict', 'SESSION_EXISTS', 'This session already exists');
        if (command.userStatus === null) throw new DomainError('not-found', 'USER_NOT_FOUND', 'No such user');
        if (command.userStatus === 'deactivated') throw new DomainError('forbidden', 'USER_DEACTIVATED', 'This user is deactivated');
        if (Date.parse(command.expiresAt) <= Date.parse(command.startedAt)) {
          throw new DomainError('validation', 'INVALID_SESSION_LIFETIME', 'A session must end after it starts');
        }
        const { sessionId, userId, tokenHash, expiresAt } = command;
        return [{ type: 'SessionStarted', data: { sessionId, userId, tokenHash, expiresAt } }];
      }
      case 'EndSession': {
        if (state.status === 'none') throw new DomainError('not-found', 'SESSION_NOT_FOUND', 'No such session');
        if (state.status === 'ended') return [];
        return [
          { type: 'SessionEnded', data: { sessionId: state.sessionId, userId: state.userId, reason: command.reason, endedAt: command.endedAt } },
        ];
      }
    }
  },
};

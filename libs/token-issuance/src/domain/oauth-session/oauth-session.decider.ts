import type { Decider } from '@latchkey/event-store';
import { type Environment } from '@latchkey/building-blocks';
import type { OAuthSessionEvent, SessionRevocationReason } from './oauth-session.events';

export interface OAuthSessionState {
  /** The generation of the only refresh token that may still be used (0 before any refresh). */
  generation: number;
  revoked: boolean;
}

interface SessionCommandBase {
  sessionId: string;
  clientId: string;
  credentialId: string;
  environment: Environment;
  /** ISO time. */
  at: string;
}

/** A refresh token of generation `presentedGeneration` is exchanged for the next one. */
export interface RotateRefreshToken extends SessionCommandBase {
  type: 'RotateRefreshToken';
  presentedGeneration: number;
}

export interface RevokeOAuthSession extends SessionCommandBase {
  type: 'RevokeOAuthSession';
  reason: SessionRevocationReason;
}

export type OAuthSessionCommand = RotateRefreshToken | RevokeOAuthSession;

/**
 * Refresh tokens are single-use. Presenting the current generation rotates it; presenting an older
 * one means a used token was replayed (by whoever stole it, or by its owner after the thief used
 * it): the whole session is revoked. A revoked session decides nothing more.
 *
 * A concurrent refresh with the same token loses the append race, is decided again on the new
 * state, and so is treated as reuse.
 */
export const oauthSessionDecider: Decider<OAuthSessionState, OAuthSessionCommand, OAuthSessionEvent> = {
  initialState: () => ({ generation: 0, revoked: false }),

  evolve(state, event) {
    switch (event.type) {
      case 'RefreshTokenRotated':
        return { ...state, generation: event.data.generation };
      case 'OAuthSessionRevoked':
        return { ...state, revoked: true };
      default:
        return state;
    }
  },

  decide(command, state) {
    if (state.revoked) return [];
    const base = {
      sessionId: command.sessionId,
      clientId: command.clientId,
      credentialId: command.credentialId,
      environment: command.environment,
      at: command.at,
    };
    switch (command.type) {
      case 'RotateRefreshToken':
        if (command.presentedGeneration !== state.generation) {
          return [{ type: 'OAuthSessionRevoked', data: { ...base, reason: 'refresh_token_reuse' } }];
        }
        return [{ type: 'RefreshTokenRotated', data: { ...base, generation: state.generation + 1 } }];
      case 'RevokeOAuthSession':
        return [{ type: 'OAuthSessionRevoked', data: { ...base, reason: command.reason } }];
    }
  },
};

import { DomainError } from '@latchkey/building-blocks';
import { type Decider } from '@latchkey/event-store';
import { API_TOKEN_MAX_LIFETIME_DAYS, type ApiTokenScope } from '../../contracts';
import type { ApiTokenEvent } from './api-token.events';

export type ApiTokenState = { status: 'none' } | { status: 'active' | 'revoked'; tokenId: string; ownerId: string };

export type ApiTokenCommand =
  | {
      type: 'CreateApiToken';
      tokenId: string;
      ownerId: string;
      organizationId: string;
      name: string;
      scopes: readonly ApiTokenScope[];
      /** What the owner's role allows, as the caller found it. */
      grantableScopes: readonly ApiTokenScope[];
      tokenHash: string;
      createdAt: string;
      expiresAt: string;
      /** The caller who minted it, when not the owner. */
      createdBy?: string;
    }
  | { type: 'RevokeApiToken'; revokedAt: string; reason?: 'leaked' };

const DAY_MS = 24 * 60 * 60 * 1000;

export const apiTokenDecider: Decider<ApiTokenState, ApiTokenCommand, ApiTokenEvent> = {
  initialState: () => ({ status: 'none' }),

  evolve(state, event) {
    switch (event.type) {
      case 'ApiTokenCreated':
        return { status: 'active', tokenId: event.data.tokenId, ownerId: event.data.ownerId };
      case 'ApiTokenRevoked':
        return state.status === 'none' ? state : { ...state, status: 'revoked' };
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'CreateApiToken': {
        if (state.status !== 'none') throw new DomainError('conflict', 'API_TOKEN_EXISTS', 'This API token already exists');
        const outside = command.scopes.filter((s) => !command.grantableScopes.includes(s));
        if (outside.length > 0) {
          throw new DomainError('unprocessable', 'INVALID_SCOPE', `The owner's role does not allow ${outside.join(', ')}`, {
            errors: [{ field: 'scopes', message: `Not allowed for the owner's role: ${outside.join(', ')}` }],
          });
        }
        const lifetime = Date.parse(command.expiresAt) - Date.parse(command.createdAt);
        if (!(lifetime > 0) || lifetime > API_TOKEN_MAX_LIFETIME_DAYS * DAY_MS) {
          throw new DomainError(
            'validation',
            'VALIDATION_FAILED',
            `expiresAt must lie in the future, at most ${API_TOKEN_MAX_LIFETIME_DAYS} days ahead`,
            {
              errors: [{ field: 'expiresAt', message: `must lie in the future, at most ${API_TOKEN_MAX_LIFETIME_DAYS} days ahead` }],
            },
          );
        }
        const { tokenId, ownerId, organizationId, name, tokenHash, createdAt, expiresAt, createdBy } = command;
        const minter = createdBy !== undefined && createdBy !== ownerId ? { createdBy } : {};
        return [
          {
            type: 'ApiTokenCreated',
            data: { tokenId, ownerId, organizationId, name, scopes: [...new Set(command.scopes)], tokenHash, createdAt, expiresAt, ...minter },
          },
        ];
      }
      case 'RevokeApiToken': {
        if (state.status === 'none') throw new DomainError('not-found', 'API_TOKEN_NOT_FOUND', 'No such API token');
        if (state.status === 'revoked') return [];
        const reason = command.reason ? { reason: command.reason } : {};
        return [{ type: 'ApiTokenRevoked', data: { tokenId: state.tokenId, ownerId: state.ownerId, revokedAt: command.revokedAt, ...reason } }];
      }
    }
  },
};

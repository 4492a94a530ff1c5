import type { DomainEvent } from '@latchkey/event-store';
import type { ApiTokenScope } from '../../contracts';

/** `tokenHash` is the SHA-256 of the token; the token itself is never stored. */
export type ApiTokenCreated = DomainEvent<
  'ApiTokenCreated',
  {
    tokenId: string;
    ownerId: string;
    organizationId: string;
    name: string;
    scopes: ApiTokenScope[];
    tokenHash: string;
    createdAt: string;
    expiresAt: string;
    /** Who minted it, when not its owner (an admin, for a service user); absent from tokens recorded before it was kept. */
    createdBy?: string;
  }
>;
/** `reason: 'leaked'` when someone reported the token at the public revocation endpoint (no actor then). */
export type ApiTokenRevoked = DomainEvent<'ApiTokenRevoked', { tokenId: string; ownerId: string; revokedAt: string; reason?: 'leaked' }>;

export type ApiTokenEvent = ApiTokenCreated | ApiTokenRevoked;
export const API_TOKEN_EVENT_TYPES = ['ApiTokenCreated', 'ApiTokenRevoked'] as const satisfies readonly ApiTokenEvent['type'][];

/**
 * Uses of a token, batched (`lastUsedAt`, `count` since the previous batch), in a stream of their own
 * (`apiTokenUsage-<id>`) so they never move the token's revision. `firstUseOfDay` marks the batch
 * holding the token's first use of a UTC day: the audit log records that one.
 */
export type ApiTokenUsed = DomainEvent<'ApiTokenUsed', { tokenId: string; lastUsedAt: string; count: number; firstUseOfDay: boolean }>;

export type ApiTokenRefusalReason = 'expired' | 'revoked' | 'owner_inactive' | 'insufficient_scope' | 'session_required';

/**
 * Refused uses of a known token (by its hash), batched per token and window like failed logins
 * (`apiTokenUsage-<id>` too): `count` refusals between `firstAt` and `lastAt`, the first one's reason.
 */
export type ApiTokenRefused = DomainEvent<
  'ApiTokenRefused',
  { tokenId: string; reason: ApiTokenRefusalReason; count: number; firstAt: string; lastAt: string }
>;

export type ApiTokenUsageEvent = ApiTokenUsed | ApiTokenRefused;
export const API_TOKEN_USAGE_EVENT_TYPES = ['ApiTokenUsed', 'ApiTokenRefused'] as const satisfies readonly ApiTokenUsageEvent['type'][];

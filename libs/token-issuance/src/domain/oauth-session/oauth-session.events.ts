import type { DomainEvent } from '@latchkey/event-store';
import { type Environment } from '@latchkey/building-blocks';

/**
 * An OAuth session starts with a jwt-bearer exchange (no event: nothing is written on the hot
 * path) and lives in `oauthSession-<sessionId>` from its first refresh or revocation on.
 */
export const OAUTH_SESSION_CATEGORY = 'oauthSession';
export const OAUTH_SESSION_STREAM_PREFIX = `${OAUTH_SESSION_CATEGORY}-`;
export const oauthSessionStream = (sessionId: string): string => `${OAUTH_SESSION_STREAM_PREFIX}${sessionId}`;

export type SessionRevocationReason = 'revoked_by_client' | 'refresh_token_reuse';

export type RefreshTokenRotatedData = {
  sessionId: string;
  /** The generation of the refresh token now valid (the presented one's plus one). */
  generation: number;
  clientId: string;
  credentialId: string;
  environment: Environment;
  at: string;
};

export type OAuthSessionRevokedData = {
  sessionId: string;
  reason: SessionRevocationReason;
  clientId: string;
  credentialId: string;
  environment: Environment;
  at: string;
};

export type RefreshTokenRotated = DomainEvent<'RefreshTokenRotated', RefreshTokenRotatedData>;
export type OAuthSessionRevoked = DomainEvent<'OAuthSessionRevoked', OAuthSessionRevokedData>;
export type OAuthSessionEvent = RefreshTokenRotated | OAuthSessionRevoked;

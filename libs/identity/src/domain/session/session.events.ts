import type { DomainEvent } from '@latchkey/event-store';

/** `tokenHash` is the SHA-256 of the session token; the token itself is never stored. */
export type SessionStarted = DomainEvent<'SessionStarted', { sessionId: string; userId: string; tokenHash: string; expiresAt: string }>;
/** Why a session ended: logged out, user deactivated, or ended by a change to the account's security. */
export type SessionEndReason = 'logout' | 'user_deactivated' | 'password_changed' | 'password_reset' | 'mfa_enabled';
export type SessionEnded = DomainEvent<'SessionEnded', { sessionId: string; userId: string; reason: SessionEndReason; endedAt: string }>;

export type SessionEvent = SessionStarted | SessionEnded;

export const SESSION_EVENT_TYPES = ['SessionStarted', 'SessionEnded'] as const satisfies readonly SessionEvent['type'][];

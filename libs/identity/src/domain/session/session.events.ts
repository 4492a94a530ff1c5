import type { DomainEvent } from '@latchkey/event-store';

/** `tokenHash` is the SHA-256 of the session token; the token itself is never stored. */
export type SessionStarted = DomainEvent<'SessionStarted', { sessionId: string; userId: string; tokenHash: string; expiresAt: string }>;
export type SessionEndReason = 'logout' | 'user_deactivated';
export type SessionEnded = DomainEvent<'SessionEnded', { sessionId: string; userId: string; reason: SessionEndReason; endedAt: string }>;

export type SessionEvent = SessionStarted | SessionEnded;

export const SESSION_EVENT_TYPES = ['SessionStarted', 'SessionEnded'] as const satisfies readonly SessionEvent['type'][];

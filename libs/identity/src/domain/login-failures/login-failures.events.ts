import type { DomainEvent } from '@latchkey/event-store';

/**
 * Failed console logins, kept for the audit log in streams of their own (never a user's stream, so
 * a guessing storm never moves a user's revision): `loginFailures-<userId>` for an account that
 * exists, `loginFailures-unknown.<YYYYMMDD>` for addresses without one. The client address is in
 * the metadata; the attempted e-mail address and password are in no event (a password typed into
 * the e-mail field would otherwise be stored).
 */
export const loginFailureStream = (userId: string | null, at: string): string =>
  userId === null ? `loginFailures-unknown.${at.slice(0, 10).replaceAll('-', '')}` : `loginFailures-${userId}`;
export const LOGIN_FAILURE_STREAM_PREFIX = 'loginFailures-';

/**
 * `count` failed logins from one client address for one account (null: an address with no account)
 * between `firstAt` and `lastAt`, batched over a window (`LOGIN_FAILURE_BATCHING`). `overflow`
 * marks the one batch per window that counts, for every account and address together, the failures
 * past the window's cap.
 */
export type LoginFailed = DomainEvent<'LoginFailed', { userId: string | null; count: number; firstAt: string; lastAt: string; overflow?: true }>;

/** Too many failed logins for an account: the login throttle refuses it until `lockedUntil`. */
export type UserLockedOut = DomainEvent<'UserLockedOut', { userId: string; lockedAt: string; lockedUntil: string }>;

export type LoginFailureEvent = LoginFailed | UserLockedOut;

export const LOGIN_FAILURE_EVENT_TYPES = ['LoginFailed', 'UserLockedOut'] as const satisfies readonly LoginFailureEvent['type'][];

import { rule } from './audit-rule';

/**
 * Sign-ins (the identity module's events), filed under the user's organization. Every session
 * opened is a sign-in, the ones sign-up and an invitation's acceptance open included; a user of no
 * organization (yet) has none to be filed under. Failures for an e-mail address without an account
 * belong to no organization and are in no audit log (they stay in the event log, without the
 * address tried).
 */
export const identityRules = {
  SessionStarted: rule<{ sessionId: string; userId: string; expiresAt: string }>({
    category: 'session',
    type: 'user.login_succeeded',
    subject: (d) => ({ kind: 'user', id: d.userId }),
    data: (d) => ({ userId: d.userId, sessionId: d.sessionId, expiresAt: d.expiresAt }),
  }),
  LoginFailed: rule<{ userId: string | null; count: number; firstAt: string; lastAt: string }>({
    category: 'loginFailures',
    type: (d) => (d.userId === null ? null : 'user.login_failed'),
    subject: (d) => ({ kind: 'user', id: d.userId ?? '' }),
    at: (d) => d.firstAt,
    data: (d) => ({ userId: d.userId, count: d.count, firstAt: d.firstAt, lastAt: d.lastAt }),
  }),
  UserLockedOut: rule<{ userId: string; lockedAt: string; lockedUntil: string }>({
    category: 'loginFailures',
    type: 'user.locked_out',
    subject: (d) => ({ kind: 'user', id: d.userId }),
    at: (d) => d.lockedAt,
    data: (d) => ({ userId: d.userId, lockedUntil: d.lockedUntil }),
  }),
};

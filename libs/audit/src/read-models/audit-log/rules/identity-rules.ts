import { rule } from './audit-rule';

const user = (d: { userId: string }) => ({ kind: 'user' as const, id: d.userId });

/**
 * Sign-ins and account security (the identity module's events), filed under the user's organization. Every session
 * opened is a sign-in, the ones sign-up and an invitation's acceptance open included; a user of no
 * organization (yet) has none to be filed under. Failures for an e-mail address without an account
 * belong to no organization and are in no audit log (they stay in the event log, without the
 * address tried). Account-security entries copy no hash, token or sealed seed: a reset names its
 * stage (`issued`, `used`) and when it expires; a cleared two-factor sign-in names who cleared it.
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
  PasswordChanged: rule<{ userId: string; changedAt: string }>({
    category: 'user',
    type: 'user.password_changed',
    subject: user,
    at: (d) => d.changedAt,
    data: (d) => ({ userId: d.userId }),
  }),
  PasswordResetIssued: rule<{ userId: string; resetId: string; issuedBy: string; issuedAt: string; expiresAt: string }>({
    category: 'user',
    type: 'user.password_reset',
    subject: user,
    at: (d) => d.issuedAt,
    data: (d) => ({ userId: d.userId, stage: 'issued', resetId: d.resetId, issuedBy: d.issuedBy, expiresAt: d.expiresAt }),
  }),
  PasswordResetCompleted: rule<{ userId: string; resetId: string; completedAt: string }>({
    category: 'user',
    type: 'user.password_reset',
    subject: user,
    at: (d) => d.completedAt,
    data: (d) => ({ userId: d.userId, stage: 'used', resetId: d.resetId }),
  }),
  TotpEnabled: rule<{ userId: string; enabledAt: string }>({
    category: 'user',
    type: 'user.mfa_enabled',
    subject: user,
    at: (d) => d.enabledAt,
    data: (d) => ({ userId: d.userId, method: 'totp' }),
  }),
  TotpDisabled: rule<{ userId: string; disabledAt: string }>({
    category: 'user',
    type: 'user.mfa_disabled',
    subject: user,
    at: (d) => d.disabledAt,
    data: (d) => ({ userId: d.userId, method: 'totp', clearedBy: null }),
  }),
  MfaCleared: rule<{ userId: string; clearedBy: string; clearedAt: string }>({
    category: 'user',
    type: 'user.mfa_disabled',
    subject: user,
    at: (d) => d.clearedAt,
    data: (d) => ({ userId: d.userId, method: 'totp', clearedBy: d.clearedBy }),
  }),
};

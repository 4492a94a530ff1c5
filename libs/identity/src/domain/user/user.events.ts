import type { DomainEvent } from '@latchkey/event-store';
import type { Onboarding, SealedSecretValue } from '../../contracts';

/**
 * `passwordHash` is a salted scrypt hash, never the password: the password has to survive restarts
 * and the event log is the only store. It is never copied into an API answer, log or list.
 * A service user (`kind: "service"`) has no password hash at all and can never sign in; people's
 * registrations carry no `kind`.
 */
export type UserRegistered = DomainEvent<
  'UserRegistered',
  {
    userId: string;
    email: string;
    name: string;
    passwordHash?: string;
    productionUserId: string;
    registeredAt: string;
    onboarding?: Onboarding;
    kind?: 'service';
  }
>;
export type SandboxAccountCreated = DomainEvent<
  'SandboxAccountCreated',
  { userId: string; environment: 'sandbox'; environmentUserId: string; createdAt: string }
>;
export type UserDeactivated = DomainEvent<'UserDeactivated', { userId: string; reason: string; deactivatedAt: string }>;

/** A secret sealed by the application's `SecretSealer`: the TOTP seed is never stored in the clear. */
export type SealedValue = SealedSecretValue;

/** `passwordHash` as in `UserRegistered`: a salted scrypt hash, never the password. */
export type PasswordChanged = DomainEvent<'PasswordChanged', { userId: string; passwordHash: string; changedAt: string }>;
/** `tokenHash` is the SHA-256 of the one-time reset token (shown once to the admin who issued it). */
export type PasswordResetIssued = DomainEvent<
  'PasswordResetIssued',
  { userId: string; resetId: string; tokenHash: string; issuedBy: string; issuedAt: string; expiresAt: string }
>;
export type PasswordResetCompleted = DomainEvent<
  'PasswordResetCompleted',
  { userId: string; resetId: string; passwordHash: string; completedAt: string }
>;
/** Enrolment started: the seed, sealed, waits for a first code to confirm it. */
export type TotpEnrollmentStarted = DomainEvent<'TotpEnrollmentStarted', { userId: string; sealedSecret: SealedValue; startedAt: string }>;
/** `recoveryCodeHashes`: SHA-256 of each of the 10 recovery codes, shown once; `step` is the time step of the confirming code. */
export type TotpEnabled = DomainEvent<'TotpEnabled', { userId: string; recoveryCodeHashes: string[]; step: number; enabledAt: string }>;
/** A TOTP code of this time step was accepted: no code of this step or an earlier one is accepted again. */
export type TotpCodeUsed = DomainEvent<'TotpCodeUsed', { userId: string; step: number; usedAt: string }>;
/** The recovery code at `index` was used; it works no more. */
export type RecoveryCodeUsed = DomainEvent<'RecoveryCodeUsed', { userId: string; index: number; usedAt: string }>;
/** The user turned two-factor sign-in off (with their password and a code). */
export type TotpDisabled = DomainEvent<'TotpDisabled', { userId: string; disabledAt: string }>;
/** A developer admin cleared the user's two-factor sign-in (a lost device). */
export type MfaCleared = DomainEvent<'MfaCleared', { userId: string; clearedBy: string; clearedAt: string }>;

export type AccountSecurityEvent =
  | PasswordChanged
  | PasswordResetIssued
  | PasswordResetCompleted
  | TotpEnrollmentStarted
  | TotpEnabled
  | TotpCodeUsed
  | RecoveryCodeUsed
  | TotpDisabled
  | MfaCleared;

export const ACCOUNT_SECURITY_EVENT_TYPES = [
  'PasswordChanged',
  'PasswordResetIssued',
  'PasswordResetCompleted',
  'TotpEnrollmentStarted',
  'TotpEnabled',
  'TotpCodeUsed',
  'RecoveryCodeUsed',
  'TotpDisabled',
  'MfaCleared',
] as const satisfies readonly AccountSecurityEvent['type'][];

export type UserEvent = UserRegistered | SandboxAccountCreated | UserDeactivated | AccountSecurityEvent;

export const USER_EVENT_TYPES = [
  'UserRegistered',
  'SandboxAccountCreated',
  'UserDeactivated',
  ...ACCOUNT_SECURITY_EVENT_TYPES,
] as const satisfies readonly UserEvent['type'][];

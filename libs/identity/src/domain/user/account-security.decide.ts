import { timingSafeEqual } from 'node:crypto';
import { DomainError } from '@latchkey/building-blocks';
import type { AccountSecurityState } from './account-security.state';
import type { AccountSecurityEvent, SealedValue } from './user.events';

export type AccountSecurityCommand =
  | { type: 'ChangePassword'; passwordHash: string; changedAt: string }
  | { type: 'IssuePasswordReset'; resetId: string; tokenHash: string; issuedBy: string; issuedAt: string; expiresAt: string }
  | { type: 'ResetPassword'; tokenHash: string; passwordHash: string; at: string }
  | { type: 'StartTotpEnrollment'; sealedSecret: SealedValue; startedAt: string }
  | { type: 'ConfirmTotp'; step: number; recoveryCodeHashes: string[]; at: string }
  | { type: 'UseTotpCode'; step: number; at: string }
  | { type: 'UseRecoveryCode'; codeHash: string; at: string }
  | { type: 'DisableTotp'; at: string }
  | { type: 'ClearMfa'; clearedBy: string; at: string };

export const ACCOUNT_SECURITY_COMMANDS: ReadonlySet<string> = new Set<AccountSecurityCommand['type']>([
  'ChangePassword',
  'IssuePasswordReset',
  'ResetPassword',
  'StartTotpEnrollment',
  'ConfirmTotp',
  'UseTotpCode',
  'UseRecoveryCode',
  'DisableTotp',
  'ClearMfa',
]);

export const invalidCode = () => new DomainError('unprocessable', 'INVALID_CODE', 'The code is incorrect or has already been used');
export const resetNotFound = () => new DomainError('not-found', 'PASSWORD_RESET_NOT_FOUND', 'This password reset link is unknown or has been used');
export const mfaAlreadyEnabled = () => new DomainError('conflict', 'MFA_ALREADY_ENABLED', 'Two-factor sign-in is already on; turn it off first');

const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The account-security decisions of an active user. Codes are checked against the seed by the
 * handler (the decider holds no secret in the clear); the decider keeps what must be decided
 * atomically: a step is accepted once and only after the last accepted one, a recovery code once,
 * a reset token once and before it expires.
 */
export function decideAccountSecurity(command: AccountSecurityCommand, userId: string, state: AccountSecurityState): AccountSecurityEvent[] {
  switch (command.type) {
    case 'ChangePassword':
      return [{ type: 'PasswordChanged', data: { userId, passwordHash: command.passwordHash, changedAt: command.changedAt } }];
    case 'IssuePasswordReset': {
      const { resetId, tokenHash, issuedBy, issuedAt, expiresAt } = command;
      return [{ type: 'PasswordResetIssued', data: { userId, resetId, tokenHash, issuedBy, issuedAt, expiresAt } }];
    }
    case 'ResetPassword': {
      const reset = state.passwordReset;
      if (!reset || !sameHash(reset.tokenHash, command.tokenHash)) throw resetNotFound();
      if (Date.parse(command.at) >= Date.parse(reset.expiresAt)) {
        throw new DomainError('gone', 'PASSWORD_RESET_EXPIRED', 'This password reset link has expired; ask a developer admin for a new one');
      }
      return [
        { type: 'PasswordResetCompleted', data: { userId, resetId: reset.resetId, passwordHash: command.passwordHash, completedAt: command.at } },
      ];
    }
    case 'StartTotpEnrollment':
      if (state.totp.status === 'on') throw mfaAlreadyEnabled();
      return [{ type: 'TotpEnrollmentStarted', data: { userId, sealedSecret: command.sealedSecret, startedAt: command.startedAt } }];
    case 'ConfirmTotp':
      if (state.totp.status === 'on') throw mfaAlreadyEnabled();
      if (state.totp.status === 'off') {
        throw new DomainError('conflict', 'MFA_ENROLMENT_NOT_STARTED', 'Start the two-factor enrolment first (POST /console/v1/me/mfa/totp)');
      }
      return [{ type: 'TotpEnabled', data: { userId, recoveryCodeHashes: command.recoveryCodeHashes, step: command.step, enabledAt: command.at } }];
    case 'UseTotpCode':
      if (state.totp.status !== 'on' || command.step <= state.totp.lastStep) throw invalidCode();
      return [{ type: 'TotpCodeUsed', data: { userId, step: command.step, usedAt: command.at } }];
    case 'UseRecoveryCode': {
      if (state.totp.status !== 'on') throw invalidCode();
      // Every hash is compared, used ones against nothing, so the time does not tell which matched.
      let index = -1;
      state.totp.recoveryCodeHashes.forEach((hash, i) => {
        if (sameHash(hash ?? '', command.codeHash) && hash !== null) index = i;
      });
      if (index < 0) throw invalidCode();
      return [{ type: 'RecoveryCodeUsed', data: { userId, index, usedAt: command.at } }];
    }
    case 'DisableTotp':
      if (state.totp.status !== 'on') throw new DomainError('conflict', 'MFA_NOT_ENABLED', 'Two-factor sign-in is not on');
      return [{ type: 'TotpDisabled', data: { userId, disabledAt: command.at } }];
    case 'ClearMfa':
      if (state.totp.status === 'off') return [];
      return [{ type: 'MfaCleared', data: { userId, clearedBy: command.clearedBy, clearedAt: command.at } }];
  }
}

export function evolveAccountSecurity(state: AccountSecurityState, event: AccountSecurityEvent): AccountSecurityState {
  switch (event.type) {
    case 'PasswordChanged':
      return state;
    case 'PasswordResetIssued':
      return { ...state, passwordReset: { resetId: event.data.resetId, tokenHash: event.data.tokenHash, expiresAt: event.data.expiresAt } };
    case 'PasswordResetCompleted':
      return { ...state, passwordReset: null };
    case 'TotpEnrollmentStarted':
      return state.totp.status === 'on' ? state : { ...state, totp: { status: 'enrolling', sealedSecret: event.data.sealedSecret } };
    case 'TotpEnabled':
      if (state.totp.status !== 'enrolling') return state;
      return {
        ...state,
        totp: {
          status: 'on',
          sealedSecret: state.totp.sealedSecret,
          recoveryCodeHashes: [...event.data.recoveryCodeHashes],
          lastStep: event.data.step,
        },
      };
    case 'TotpCodeUsed':
      return state.totp.status === 'on' ? { ...state, totp: { ...state.totp, lastStep: Math.max(state.totp.lastStep, event.data.step) } } : state;
    case 'RecoveryCodeUsed':
      if (state.totp.status !== 'on') return state;
      return {
        ...state,
        totp: { ...state.totp, recoveryCodeHashes: state.totp.recoveryCodeHashes.map((h, i) => (i === event.data.index ? null : h)) },
      };
    case 'TotpDisabled':
    case 'MfaCleared':
      return { ...state, totp: { status: 'off' } };
  }
}

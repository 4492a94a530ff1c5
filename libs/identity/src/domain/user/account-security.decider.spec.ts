import { deciderSpec } from '@latchkey/event-store/testing';
import { userDecider } from './user.decider';
import type { TotpEnabled, TotpEnrollmentStarted, UserDeactivated, UserRegistered } from './user.events';

const userId = '5b1d7c3e-0000-4000-8000-000000000001';
const registered: UserRegistered = {
  type: 'UserRegistered',
  data: {
    userId,
    email: 'alice@example.com',
    name: 'Alice',
    passwordHash: 'scrypt$old',
    productionUserId: '123456789012345',
    registeredAt: '2026-01-01T00:00:00.000Z',
  },
};
const deactivated: UserDeactivated = {
  type: 'UserDeactivated',
  data: { userId, reason: 'member_removed', deactivatedAt: '2026-01-03T00:00:00.000Z' },
};
const sealedSecret = { alg: 'A256GCM' as const, keyId: 'dk-1', nonce: 'n', ciphertext: 'c', tag: 't' };
const enrolling: TotpEnrollmentStarted = { type: 'TotpEnrollmentStarted', data: { userId, sealedSecret, startedAt: '2026-01-02T00:00:00.000Z' } };
const enabled: TotpEnabled = {
  type: 'TotpEnabled',
  data: { userId, recoveryCodeHashes: ['a'.repeat(64), 'b'.repeat(64)], step: 100, enabledAt: '2026-01-02T00:01:00.000Z' },
};
const issued = {
  type: 'PasswordResetIssued' as const,
  data: {
    userId,
    resetId: 'r1',
    tokenHash: 'f'.repeat(64),
    issuedBy: 'admin-1',
    issuedAt: '2026-01-02T00:00:00.000Z',
    expiresAt: '2026-01-03T00:00:00.000Z',
  },
};

const spec = deciderSpec(userDecider);

describe('user decider: account security', () => {
  describe('ChangePassword', () => {
    it('records the new hash', () => {
      spec
        .given([registered])
        .when({ type: 'ChangePassword', passwordHash: 'scrypt$new', changedAt: '2026-01-02T00:00:00.000Z' })
        .then([{ type: 'PasswordChanged', data: { userId, passwordHash: 'scrypt$new', changedAt: '2026-01-02T00:00:00.000Z' } }]);
    });

    it('refuses a deactivated or unknown user', () => {
      const change = { type: 'ChangePassword' as const, passwordHash: 'x', changedAt: '2026-01-04T00:00:00.000Z' };
      spec.given([registered, deactivated]).when(change).thenFails('USER_DEACTIVATED', 'forbidden');
      spec.given([]).when(change).thenFails('USER_NOT_FOUND', 'not-found');
    });
  });

  describe('password resets', () => {
    const reset = { type: 'ResetPassword' as const, tokenHash: 'f'.repeat(64), passwordHash: 'scrypt$reset', at: '2026-01-02T12:00:00.000Z' };

    it('issues a reset', () => {
      const { type: _t, ...data } = issued;
      spec
        .given([registered])
        .when({ type: 'IssuePasswordReset', ...data.data })
        .then([issued]);
    });

    it('uses the pending reset once, before it expires', () => {
      const completed = {
        type: 'PasswordResetCompleted' as const,
        data: { userId, resetId: 'r1', passwordHash: 'scrypt$reset', completedAt: reset.at },
      };
      spec.given([registered, issued]).when(reset).then([completed]);
      spec.given([registered, issued, completed]).when(reset).thenFails('PASSWORD_RESET_NOT_FOUND', 'not-found');
    });

    it('refuses an expired token with 410, another token and a replaced one with 404', () => {
      spec
        .given([registered, issued])
        .when({ ...reset, at: '2026-01-03T00:00:00.000Z' })
        .thenFails('PASSWORD_RESET_EXPIRED', 'gone');
      spec
        .given([registered, issued])
        .when({ ...reset, tokenHash: 'e'.repeat(64) })
        .thenFails('PASSWORD_RESET_NOT_FOUND', 'not-found');
      const newer = { ...issued, data: { ...issued.data, resetId: 'r2', tokenHash: 'e'.repeat(64) } };
      spec.given([registered, issued, newer]).when(reset).thenFails('PASSWORD_RESET_NOT_FOUND', 'not-found');
    });

    it('keeps two-factor sign-in on through a reset', () => {
      const state = [registered, enrolling, enabled, issued].reduce(userDecider.evolve, userDecider.initialState());
      const after = userDecider.decide(reset, state).reduce(userDecider.evolve, state);
      expect(after.status !== 'unregistered' && after.totp.status).toBe('on');
    });
  });

  describe('TOTP enrolment', () => {
    it('starts, and starts again while not confirmed', () => {
      const start = { type: 'StartTotpEnrollment' as const, sealedSecret, startedAt: '2026-01-02T00:00:00.000Z' };
      spec.given([registered]).when(start).then([enrolling]);
      spec.given([registered, enrolling]).when(start).then([enrolling]);
    });

    it('refuses to enrol while on: 409 MFA_ALREADY_ENABLED', () => {
      spec
        .given([registered, enrolling, enabled])
        .when({ type: 'StartTotpEnrollment', sealedSecret, startedAt: '2026-01-05T00:00:00.000Z' })
        .thenFails('MFA_ALREADY_ENABLED', 'conflict');
    });

    it('confirms an enrolment; not without one, nor twice', () => {
      const confirm = { type: 'ConfirmTotp' as const, step: 100, recoveryCodeHashes: enabled.data.recoveryCodeHashes, at: enabled.data.enabledAt };
      spec.given([registered, enrolling]).when(confirm).then([enabled]);
      spec.given([registered]).when(confirm).thenFails('MFA_ENROLMENT_NOT_STARTED', 'conflict');
      spec.given([registered, enrolling, enabled]).when(confirm).thenFails('MFA_ALREADY_ENABLED', 'conflict');
    });
  });

  describe('codes', () => {
    const at = '2026-01-02T00:05:00.000Z';

    it('accepts a step after the last accepted one, once', () => {
      const used = { type: 'TotpCodeUsed' as const, data: { userId, step: 101, usedAt: at } };
      spec.given([registered, enrolling, enabled]).when({ type: 'UseTotpCode', step: 101, at }).then([used]);
      spec.given([registered, enrolling, enabled, used]).when({ type: 'UseTotpCode', step: 101, at }).thenFails('INVALID_CODE', 'unprocessable');
    });

    it('refuses the confirming step and earlier ones (no replay)', () => {
      spec.given([registered, enrolling, enabled]).when({ type: 'UseTotpCode', step: 100, at }).thenFails('INVALID_CODE', 'unprocessable');
      spec.given([registered, enrolling, enabled]).when({ type: 'UseTotpCode', step: 99, at }).thenFails('INVALID_CODE', 'unprocessable');
    });

    it('refuses any code while two-factor sign-in is off or only enrolling', () => {
      spec.given([registered, enrolling]).when({ type: 'UseTotpCode', step: 101, at }).thenFails('INVALID_CODE', 'unprocessable');
      spec
        .given([registered])
        .when({ type: 'UseRecoveryCode', codeHash: 'a'.repeat(64), at })
        .thenFails('INVALID_CODE', 'unprocessable');
    });

    it('accepts a recovery code once', () => {
      const used = { type: 'RecoveryCodeUsed' as const, data: { userId, index: 1, usedAt: at } };
      spec
        .given([registered, enrolling, enabled])
        .when({ type: 'UseRecoveryCode', codeHash: 'b'.repeat(64), at })
        .then([used]);
      spec
        .given([registered, enrolling, enabled, used])
        .when({ type: 'UseRecoveryCode', codeHash: 'b'.repeat(64), at })
        .thenFails('INVALID_CODE', 'unprocessable');
      spec
        .given([registered, enrolling, enabled])
        .when({ type: 'UseRecoveryCode', codeHash: 'c'.repeat(64), at })
        .thenFails('INVALID_CODE', 'unprocessable');
    });
  });

  describe('turning it off', () => {
    const at = '2026-01-06T00:00:00.000Z';

    it('disables when on, else 409 MFA_NOT_ENABLED', () => {
      spec
        .given([registered, enrolling, enabled])
        .when({ type: 'DisableTotp', at })
        .then([{ type: 'TotpDisabled', data: { userId, disabledAt: at } }]);
      spec.given([registered]).when({ type: 'DisableTotp', at }).thenFails('MFA_NOT_ENABLED', 'conflict');
    });

    it('clears when on or enrolling; clearing nothing appends nothing', () => {
      const cleared = { type: 'MfaCleared' as const, data: { userId, clearedBy: 'admin-1', clearedAt: at } };
      spec.given([registered, enrolling, enabled]).when({ type: 'ClearMfa', clearedBy: 'admin-1', at }).then([cleared]);
      spec.given([registered, enrolling]).when({ type: 'ClearMfa', clearedBy: 'admin-1', at }).then([cleared]);
      spec.given([registered]).when({ type: 'ClearMfa', clearedBy: 'admin-1', at }).then([]);
    });

    it('enrols again after it was cleared', () => {
      const cleared = { type: 'MfaCleared' as const, data: { userId, clearedBy: 'admin-1', clearedAt: at } };
      spec
        .given([registered, enrolling, enabled, cleared])
        .when({ type: 'StartTotpEnrollment', sealedSecret, startedAt: at })
        .then([{ ...enrolling, data: { ...enrolling.data, startedAt: at } }]);
    });
  });
});

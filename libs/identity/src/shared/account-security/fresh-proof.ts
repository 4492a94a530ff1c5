import { Injectable } from '@nestjs/common';
import { DomainError, isDomainError, type RequestContext } from '@latchkey/building-blocks';
import { LoginFailureRecorder } from '../../commands/log-in/login-failure-recorder';
import { LoginThrottle } from '../../commands/log-in/login-throttle';
import { UserReadModel } from '../../read-models/users/user.read-model';
import { PasswordHasher } from '../passwords/password-hasher';
import { SecondFactor } from './second-factor';

export interface ProofOfIdentity {
  password: string;
  /** A TOTP or recovery code; required when the user's two-factor sign-in is on. */
  totp?: string;
}

export const invalidCurrentPassword = () => new DomainError('unprocessable', 'INVALID_CURRENT_PASSWORD', 'The current password is incorrect');
export const mfaRequiredForProof = () =>
  new DomainError('unprocessable', 'MFA_REQUIRED', 'Two-factor sign-in is on: give a code from your authenticator app (or a recovery code) too');
export const invalidCodeForProof = () => new DomainError('unprocessable', 'INVALID_CODE', 'The code is incorrect or has already been used');

/**
 * A fresh proof of identity from a signed-in user, for what a session alone may not do (change
 * the password, turn two-factor sign-in off, create an API token): their password, plus a code
 * when two-factor sign-in is on. Every attempt goes through the login throttle (as a login of the
 * user's e-mail address from the caller's address), so a stolen session cannot guess the password
 * faster than a login could; failures are recorded as failed logins. Answers with 422s, never a 401
 * (which would sign the console out).
 */
@Injectable()
export class FreshProof {
  constructor(
    private readonly users: UserReadModel,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly failures: LoginFailureRecorder,
    private readonly secondFactor: SecondFactor,
  ) {}

  /**
   * Resolves when the proof holds; else `422 INVALID_CURRENT_PASSWORD` (wrong password),
   * `422 MFA_REQUIRED` (right password, no code while two-factor sign-in is on) or `422 INVALID_CODE`
   * (wrong, used or replayed code); `429 RATE_LIMITED` and `503 BUSY` as for a login. A code given
   * while two-factor sign-in is off is ignored.
   */
  verifyFreshProof(userId: string, proof: ProofOfIdentity, context: RequestContext): Promise<void> {
    return this.check(userId, proof, context, true);
  }

  /** The password alone (a password change asks for no code): `422 INVALID_CURRENT_PASSWORD` when wrong, throttled the same way. */
  verifyPassword(userId: string, password: string, context: RequestContext): Promise<void> {
    return this.check(userId, { password }, context, false);
  }

  private async check(userId: string, proof: ProofOfIdentity, context: RequestContext, withSecondFactor: boolean): Promise<void> {
    const login = this.users.findLoginById(userId);
    if (!login || login.user.status !== 'active') throw new DomainError('unauthenticated', 'UNAUTHENTICATED', 'Sign in first');
    const admission = await this.throttle.admit(login.user.email, context.address ?? 'unknown');
    let matches: boolean;
    try {
      matches = await this.hasher.verify(proof.password, login.passwordHash);
    } catch (error) {
      if (isDomainError(error) && error.code === 'BUSY') await admission.notChecked();
      throw error;
    }
    const fail = (error: DomainError): never => {
      this.failures.failed(userId, context);
      if (admission.accountLockoutMs > 0) this.failures.lockedOut(userId, context, admission.accountLockoutMs);
      throw error;
    };
    if (!matches) fail(invalidCurrentPassword());
    if (withSecondFactor && this.secondFactor.enabled(userId)) {
      if (proof.totp === undefined || proof.totp.trim() === '') {
        // The password was right: this is no guess to count.
        await admission.notChecked();
        throw mfaRequiredForProof();
      }
      if (!(await this.secondFactor.accept(userId, proof.totp, context))) fail(invalidCodeForProof());
    }
    await admission.succeeded();
  }
}

import { Injectable } from '@nestjs/common';
import { DomainError, isDomainError } from '@latchkey/building-blocks';
import type { FreshProof } from '../../contracts';
import { LoginThrottle } from '../../commands/log-in/login-throttle';
import { UserReadModel } from '../../read-models/users/user.read-model';
import { canonicalEmail } from '../email-address';
import { PasswordHasher } from '../passwords/password-hasher';

const invalidPassword = () =>
  new DomainError('unprocessable', 'INVALID_CURRENT_PASSWORD', 'The password is incorrect', {
    errors: [{ field: 'password', message: 'is incorrect' }],
  });

/**
 * A fresh proof of identity for a sensitive step taken with a session (creating an API token): the
 * user's password, and their TOTP code once MFA exists. Wrong passwords are counted by the login
 * throttle against the account (a stolen session must not become a password oracle), and a wrong one
 * is `422 INVALID_CURRENT_PASSWORD`, not a 401 that would sign the console out.
 */
@Injectable()
export class FreshProofVerifier {
  constructor(
    private readonly users: UserReadModel,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
  ) {}

  // Users have no MFA yet: `totp` is ignored until they do (then: `422 MFA_REQUIRED` without it, `422 INVALID_CODE` for a wrong one).
  async verifyFreshProof(userId: string, proof: FreshProof): Promise<void> {
    const user = this.users.findById(userId);
    const hash = this.users.passwordHashOf(userId);
    if (!user || user.status !== 'active' || hash === null) {
      await this.hasher.verifyAgainstDummy(proof.password);
      throw invalidPassword();
    }
    const admission = await this.throttle.admit(canonicalEmail(user.email), `fresh-proof:${userId}`);
    let matches: boolean;
    try {
      matches = await this.hasher.verify(proof.password, hash);
    } catch (error) {
      if (isDomainError(error) && error.code === 'BUSY') await admission.notChecked();
      throw error;
    }
    if (!matches) throw invalidPassword();
    await admission.succeeded();
  }
}

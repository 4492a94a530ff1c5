import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@latchkey/event-store';
import { IdentityClock } from '../shared/identity-clock';
import { type FailureLimits, FailureWindow } from './failure-window';
import { KnownAddresses } from './known-addresses';

const MINUTE = 60_000;

/**
 * Brute-force limits for console logins (in memory, per process):
 * - per account (canonical e-mail, whether or not it exists): 5 failures in 15 minutes lock it for
 *   30 s; after that, each failure before 15 quiet minutes have passed locks it again for twice as
 *   long (1, 2, 4, 8 and at most 15 minutes);
 * - per client address: 20 failures in 15 minutes, across any accounts (credential stuffing), with
 *   the same growing lockout;
 * - per (account, address) pair that has logged in successfully before (a "known address", for 30
 *   days): the account-wide lockout does not apply there, only this pair's own 5-in-15-minutes.
 *   An attacker elsewhere can therefore lock an account only for addresses it was never used from,
 *   and its owner keeps logging in from where they usually do.
 * A successful login clears the account's and the pair's failures.
 */
export const LOGIN_LIMITS: {
  account: FailureLimits;
  knownAddress: FailureLimits;
  address: FailureLimits;
  knownAddressTtlMs: number;
  maxTrackedKeys: number;
} = {
  account: { maxFailures: 5, windowMs: 15 * MINUTE, baseLockoutMs: 30_000, maxLockoutMs: 15 * MINUTE },
  knownAddress: { maxFailures: 5, windowMs: 15 * MINUTE, baseLockoutMs: 30_000, maxLockoutMs: 15 * MINUTE },
  address: { maxFailures: 20, windowMs: 15 * MINUTE, baseLockoutMs: 30_000, maxLockoutMs: 15 * MINUTE },
  knownAddressTtlMs: 30 * 24 * 60 * MINUTE,
  /** Bounds memory under a flood of made-up accounts or addresses. */
  maxTrackedKeys: 100_000,
};

/** An admitted login attempt, already counted as a failure until it is reported a success. */
export interface LoginAdmission {
  succeeded(): void;
}

@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger('LoginThrottle');
  private readonly accounts = new FailureWindow(LOGIN_LIMITS.account, LOGIN_LIMITS.maxTrackedKeys);
  private readonly pairs = new FailureWindow(LOGIN_LIMITS.knownAddress, LOGIN_LIMITS.maxTrackedKeys);
  private readonly addresses = new FailureWindow(LOGIN_LIMITS.address, LOGIN_LIMITS.maxTrackedKeys);
  private readonly knownAddresses = new KnownAddresses(LOGIN_LIMITS.knownAddressTtlMs, LOGIN_LIMITS.maxTrackedKeys);

  constructor(private readonly clock: IdentityClock) {}

  /**
   * Admits a login attempt or throws `429 RATE_LIMITED` (with the seconds to wait) without
   * counting it. An admitted attempt counts as a failure at once, before its password is checked,
   * so that parallel guesses cannot all slip in under the limit.
   */
  admit(account: string, address: string): LoginAdmission {
    const now = this.clock.now().getTime();
    const pair = `${account}\u0000${address}`;
    const known = this.knownAddresses.has(pair, now);
    const accountWait = known ? this.pairs.retryAfterMs(pair, now) : this.accounts.retryAfterMs(account, now);
    const wait = Math.max(this.addresses.retryAfterMs(address, now), accountWait);
    if (wait > 0) {
      throw new DomainError('rate-limited', 'RATE_LIMITED', 'Too many failed logins; try again later', { retryAfterSeconds: Math.ceil(wait / 1000) });
    }
    this.noteLockout('a client address', this.addresses.record(address, now));
    this.noteLockout('an account', this.accounts.record(account, now));
    this.pairs.record(pair, now);
    return {
      succeeded: () => {
        this.accounts.clear(account);
        this.pairs.clear(pair);
        this.addresses.forget(address, now);
        this.knownAddresses.remember(pair, this.clock.now().getTime());
      },
    };
  }

  private noteLockout(what: string, lockoutMs: number): void {
    if (lockoutMs > 0) this.logger.warn(`Too many failed logins for ${what}: locked out for ${lockoutMs / 1000} s`);
  }
}

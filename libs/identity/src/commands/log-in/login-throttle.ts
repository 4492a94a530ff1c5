import { Injectable, Logger, Optional } from '@nestjs/common';
import {
  DomainError,
  type FailureRule,
  FailureThrottle,
  lockoutCounter,
  Metrics,
  NO_METRICS,
  type ThrottleStore,
  ThrottleStores,
} from '@latchkey/building-blocks';

const MINUTE = 60_000;
const GROWING_LOCKOUT = { baseMs: 30_000, maxMs: 15 * MINUTE };

/**
 * Brute-force limits for console logins:
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
  account: FailureRule;
  knownAddress: FailureRule;
  address: FailureRule;
  knownAddressTtlMs: number;
  maxTrackedKeys: number;
} = {
  account: { limit: 5, windowMs: 15 * MINUTE, lockout: GROWING_LOCKOUT },
  knownAddress: { limit: 5, windowMs: 15 * MINUTE, lockout: GROWING_LOCKOUT },
  address: { limit: 20, windowMs: 15 * MINUTE, lockout: GROWING_LOCKOUT },
  knownAddressTtlMs: 30 * 24 * 60 * MINUTE,
  /** Bounds memory under a flood of made-up accounts or addresses (per instance). */
  maxTrackedKeys: 100_000,
};

/** An admitted login attempt, already counted as a failure until it is reported a success. */
export interface LoginAdmission {
  /** The lockout of the account this attempt starts if it fails (0: none). */
  accountLockoutMs: number;
  succeeded(): Promise<void>;
  /** The password was never checked (the server was too busy to hash it): the attempt is not counted. */
  notChecked(): Promise<void>;
}

@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger('LoginThrottle');
  private readonly accounts: FailureThrottle;
  private readonly pairs: FailureThrottle;
  private readonly addresses: FailureThrottle;
  private readonly knownAddresses: ThrottleStore;
  private readonly lockouts: Record<'account' | 'pair' | 'address', (lockoutMs: number) => number>;
  /** Admissions run one at a time, so parallel guesses are counted before the next is admitted. */
  private admissions: Promise<unknown> = Promise.resolve();

  constructor(stores: ThrottleStores, @Optional() metrics: Metrics = NO_METRICS) {
    const { maxTrackedKeys } = LOGIN_LIMITS;
    this.accounts = new FailureThrottle(LOGIN_LIMITS.account, stores.forThrottle('login.account', maxTrackedKeys));
    this.pairs = new FailureThrottle(LOGIN_LIMITS.knownAddress, stores.forThrottle('login.pair', maxTrackedKeys));
    this.addresses = new FailureThrottle(LOGIN_LIMITS.address, stores.forThrottle('login.address', maxTrackedKeys));
    this.knownAddresses = stores.forThrottle('login.known-address', maxTrackedKeys);
    this.lockouts = {
      account: lockoutCounter(metrics, 'login.account'),
      pair: lockoutCounter(metrics, 'login.pair'),
      address: lockoutCounter(metrics, 'login.address'),
    };
  }

  /**
   * Admits a login attempt or throws `429 RATE_LIMITED` (with the seconds to wait) without
   * counting it. An admitted attempt counts as a failure at once, before its password is checked,
   * so that parallel guesses cannot all slip in under the limit.
   */
  admit(account: string, address: string): Promise<LoginAdmission> {
    const admission = this.admissions.then(() => this.admitNow(account, address));
    this.admissions = admission.catch(() => undefined);
    return admission;
  }

  private async admitNow(account: string, address: string): Promise<LoginAdmission> {
    const pair = `${account}\u0000${address}`;
    const known = (await this.knownAddresses.get(pair)) !== null;
    const accountWait = known ? await this.pairs.retryAfterMs(pair) : await this.accounts.retryAfterMs(account);
    const wait = Math.max(await this.addresses.retryAfterMs(address), accountWait);
    if (wait > 0) {
      throw new DomainError('rate-limited', 'RATE_LIMITED', 'Too many failed logins; try again later', { retryAfterSeconds: Math.ceil(wait / 1000) });
    }
    this.noteLockout('a client address', this.lockouts.address(await this.addresses.recordFailure(address)));
    const accountLockoutMs = this.lockouts.account(await this.accounts.recordFailure(account));
    this.noteLockout('an account', accountLockoutMs);
    this.lockouts.pair(await this.pairs.recordFailure(pair));
    return {
      accountLockoutMs,
      succeeded: async () => {
        await this.accounts.reset(account);
        await this.pairs.reset(pair);
        await this.addresses.forgetFailure(address);
        await this.knownAddresses.set(pair, 1, LOGIN_LIMITS.knownAddressTtlMs);
      },
      notChecked: async () => {
        await this.addresses.forgetFailure(address);
        await this.accounts.forgetFailure(account);
        await this.pairs.forgetFailure(pair);
      },
    };
  }

  private noteLockout(what: string, lockoutMs: number): void {
    if (lockoutMs > 0) this.logger.warn(`Too many failed logins for ${what}: locked out for ${lockoutMs / 1000} s`);
  }
}

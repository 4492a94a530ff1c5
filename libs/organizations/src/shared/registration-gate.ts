import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import {
  DomainError,
  FailureThrottle,
  isRefusal,
  lockoutCounter,
  Metrics,
  NO_METRICS,
  type RequestContext,
  ThrottleStores,
} from '@latchkey/building-blocks';
import { DEFAULT_SIGNUP_SETTINGS, SIGNUP_SETTINGS, type SignupSettings } from '../contracts';
import { MemberListReadModel } from '../read-models/members/member-list.read-model';

/** Bounds memory under a flood of made-up addresses (per instance). */
const MAX_TRACKED_ADDRESSES = 100_000;

const signupDisabled = () =>
  new DomainError('forbidden', 'SIGNUP_DISABLED', 'Sign-up is by invitation only: ask a developer admin of your organization for an invitation');

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Who may register, and how often: the settings of `SIGNUP_SETTINGS` applied to sign-ups and
 * invitation acceptances.
 *
 * - Every sign-up and acceptance counts against its client address (`context.address`), whatever
 *   its outcome; past `signupRateLimit.count` in `signupRateLimit.seconds` the address is answered
 *   `429 RATE_LIMITED` with `Retry-After` until the window ends. Attempts are admitted one at a time,
 *   so parallel ones cannot all slip in under the limit.
 * - `invite-only`: a sign-up is `403 SIGNUP_DISABLED` (answered before any `429`), except the
 *   bootstrap of an installation without an organization, which must carry the setup token. Those
 *   bootstrap attempts count against the address too; once it is past the limit, its attempts are
 *   answered `403 SIGNUP_DISABLED` without the token being compared, so the answers say nothing about
 *   a guess. Bootstraps run one at a time and each checks again that no organization exists, so
 *   only one succeeds (per instance; the operator is the only one holding the token).
 */
@Injectable()
export class RegistrationGate {
  private readonly logger = new Logger('Organizations');
  private readonly settings: SignupSettings;
  private readonly throttle: FailureThrottle;
  private readonly setupTokenHash: Buffer | null;
  private readonly countLockout: (lockoutMs: number) => number;
  private admissions: Promise<unknown> = Promise.resolve();
  private bootstraps: Promise<unknown> = Promise.resolve();

  constructor(
    stores: ThrottleStores,
    private readonly members: MemberListReadModel,
    @Optional() @Inject(SIGNUP_SETTINGS) settings?: SignupSettings,
    @Optional() metrics: Metrics = NO_METRICS,
  ) {
    this.countLockout = lockoutCounter(metrics, 'registration.address');
    this.settings = settings ?? DEFAULT_SIGNUP_SETTINGS;
    const { count, seconds } = this.settings.signupRateLimit;
    this.throttle = new FailureThrottle(
      { limit: count, windowMs: seconds * 1000, lockout: 'rest-of-window' },
      stores.forThrottle('registration.address', MAX_TRACKED_ADDRESSES),
    );
    this.setupTokenHash = this.settings.setupToken ? sha256(this.settings.setupToken) : null;
  }

  /** Runs a sign-up if the settings and the address's count allow it. */
  async signup<T>(setupToken: string | undefined, context: RequestContext, run: () => Promise<T>): Promise<T> {
    if (this.settings.signup === 'open') {
      await this.admit(context);
      return run();
    }
    if (this.members.anyOrganization()) throw signupDisabled();
    const admitted = await this.serialized(async () => {
      const locked = (await this.throttle.retryAfterMs(keyOf(context))) > 0;
      await this.count(context);
      return !locked && this.isSetupToken(setupToken);
    });
    if (!admitted) throw signupDisabled();
    const bootstrap = this.bootstraps.then(() => {
      if (this.members.anyOrganization()) throw signupDisabled();
      return run();
    });
    this.bootstraps = bootstrap.catch(() => undefined);
    return bootstrap;
  }

  /** Runs an invitation acceptance if the address's count allows it. */
  async acceptance<T>(context: RequestContext, run: () => Promise<T>): Promise<T> {
    await this.admit(context);
    return run();
  }

  /**
   * Runs the lookup of an invitation by its token: refused while the address is past the limit, and
   * counted with sign-ups and acceptances when it finds no invitation to accept (a guessed token), so
   * an invitee who opens the page and then accepts spends one attempt, not two.
   */
  async lookup<T>(context: RequestContext, run: () => Promise<T>): Promise<T> {
    await this.serialized(() => this.refuseIfLocked(context));
    try {
      return await run();
    } catch (error) {
      if (isRefusal(error)) await this.serialized(() => this.count(context));
      throw error;
    }
  }

  private admit(context: RequestContext): Promise<void> {
    return this.serialized(async () => {
      await this.refuseIfLocked(context);
      await this.count(context);
    });
  }

  private async refuseIfLocked(context: RequestContext): Promise<void> {
    const waitMs = await this.throttle.retryAfterMs(keyOf(context));
    if (waitMs > 0) {
      throw new DomainError('rate-limited', 'RATE_LIMITED', 'Too many sign-ups and invitation acceptances from your address; try again later', {
        retryAfterSeconds: Math.ceil(waitMs / 1000),
      });
    }
  }

  private async count(context: RequestContext): Promise<void> {
    const lockoutMs = this.countLockout(await this.throttle.recordFailure(keyOf(context)));
    if (lockoutMs > 0) this.logger.warn(`Too many registrations from one client address: refused for ${Math.ceil(lockoutMs / 1000)} s`);
  }

  private isSetupToken(given: string | undefined): boolean {
    const expected = this.setupTokenHash;
    // Compared as SHA-256 digests, in constant time whatever the lengths.
    const matches = timingSafeEqual(sha256(given ?? ''), expected ?? sha256(''));
    return expected !== null && given !== undefined && matches;
  }

  private serialized<T>(step: () => Promise<T>): Promise<T> {
    const result = this.admissions.then(step);
    this.admissions = result.catch(() => undefined);
    return result;
  }
}

const keyOf = (context: RequestContext): string => context.address ?? 'unknown';

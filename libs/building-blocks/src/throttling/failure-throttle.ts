import type { ThrottleStore } from './throttle-store';

/** How long a key is locked out once it reaches the limit. */
export type Lockout =
  /** Until the window that reached the limit ends. */
  | 'rest-of-window'
  /**
   * `baseMs` at first; every further failure before a whole window has passed since the last
   * lockout ended locks again for twice as long, up to `maxMs` (one guess per lockout, not a fresh
   * allowance).
   */
  | { baseMs: number; maxMs: number };

export interface FailureRule {
  /** This many failures within `windowMs` (counted from the first) start a lockout. */
  limit: number;
  windowMs: number;
  lockout: Lockout;
}

/**
 * Counts failures per key and locks a key out past its rule. While a key is locked out every attempt
 * is refused, right or wrong, so a guesser learns nothing from the answers. The counters live in a
 * `ThrottleStore`: per instance, or shared by every instance.
 */
export class FailureThrottle {
  constructor(
    readonly rule: FailureRule,
    private readonly store: ThrottleStore,
  ) {}

  /** Milliseconds until `key` may try again; 0 when it may try now. */
  async retryAfterMs(key: string): Promise<number> {
    const lock = await this.store.get(`lock:${key}`);
    return lock ? lock.ttlMs : 0;
  }

  /** Counts a failure; answers the length of the lockout it starts, or 0. */
  async recordFailure(key: string): Promise<number> {
    const { limit, windowMs, lockout } = this.rule;
    const failures = await this.store.add(`fail:${key}`, 1, windowMs);
    if (lockout === 'rest-of-window') {
      if (failures.value < limit) return 0;
      await this.store.set(`lock:${key}`, 1, failures.ttlMs);
      return failures.ttlMs;
    }
    if (await this.store.get(`lock:${key}`)) return 0;
    const streak = await this.store.get(`streak:${key}`);
    if (!streak && failures.value < limit) return 0;
    const lockouts = (streak?.value ?? 0) + 1;
    const length = Math.min(lockout.baseMs * 2 ** (lockouts - 1), lockout.maxMs);
    await this.store.set(`lock:${key}`, 1, length);
    await this.store.set(`streak:${key}`, lockouts, length + windowMs);
    return length;
  }

  /** Takes back one failure counted in advance for an attempt that succeeded. */
  async forgetFailure(key: string): Promise<void> {
    const failures = await this.store.get(`fail:${key}`);
    if (failures && failures.value > 0) await this.store.add(`fail:${key}`, -1, failures.ttlMs);
  }

  /** Clears the key's failures and lockouts (a success). */
  async reset(key: string): Promise<void> {
    await this.store.delete(`fail:${key}`, `lock:${key}`, `streak:${key}`);
  }
}

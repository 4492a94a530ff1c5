export interface FailureLimits {
  /** This many failures within `windowMs` start a lockout. */
  maxFailures: number;
  windowMs: number;
  /** The first lockout; each further one (without a quiet window in between) lasts twice as long... */
  baseLockoutMs: number;
  /** ...up to this. */
  maxLockoutMs: number;
}

interface Entry {
  /** Times of the latest failures within the window, oldest first (at most `maxFailures`). */
  failures: number[];
  /** Lockouts in a row (no quiet window between them); sets the next lockout's length. */
  lockouts: number;
  lockedUntil: number;
}

/**
 * Failures per key in a sliding window, with lockouts that double and cap. In memory and bounded:
 * past `maxKeys` the least recently touched key is forgotten.
 */
export class FailureWindow {
  private readonly entries = new Map<string, Entry>();

  constructor(
    readonly limits: FailureLimits,
    private readonly maxKeys: number,
  ) {}

  /** Milliseconds until `key` may try again; 0 when it is not locked out. */
  retryAfterMs(key: string, now: number): number {
    const entry = this.entries.get(key);
    return entry && entry.lockedUntil > now ? entry.lockedUntil - now : 0;
  }

  /**
   * Records a failure; answers the length of the lockout it starts, or 0. After a lockout, and
   * until a whole window has passed since it ended, every further failure locks again for twice
   * as long (so an attacker gets one guess per lockout, not a fresh allowance).
   */
  record(key: string, now: number): number {
    const { maxFailures, windowMs, baseLockoutMs, maxLockoutMs } = this.limits;
    const entry = this.touch(key);
    const escalating = entry.lockouts > 0 && now - entry.lockedUntil < windowMs;
    if (!escalating) entry.lockouts = 0;
    entry.failures = entry.failures.filter((at) => at > now - windowMs);
    entry.failures.push(now);
    if (entry.failures.length > maxFailures) entry.failures.shift();
    if ((!escalating && entry.failures.length < maxFailures) || entry.lockedUntil > now) return 0;
    entry.lockouts++;
    const lockout = Math.min(baseLockoutMs * 2 ** (entry.lockouts - 1), maxLockoutMs);
    entry.lockedUntil = now + lockout;
    return lockout;
  }

  /** Takes back one failure recorded at `at` (an attempt counted in advance that succeeded). */
  forget(key: string, at: number): void {
    const entry = this.entries.get(key);
    const index = entry ? entry.failures.lastIndexOf(at) : -1;
    if (entry && index >= 0) entry.failures.splice(index, 1);
  }

  clear(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private touch(key: string): Entry {
    const entry = this.entries.get(key) ?? { failures: [], lockouts: 0, lockedUntil: 0 };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxKeys) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }
}

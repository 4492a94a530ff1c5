import { DomainError } from '@latchkey/building-blocks';

export interface HashingLimits {
  /** Password hashes computed at the same time (each takes about 128 MiB and a core for a few hundred ms). */
  concurrency: number;
  /** Requests allowed to wait for a turn; past that, a request is answered `503 BUSY` instead of queueing. */
  maxWaiting: number;
}

/** At most 2 hashes at a time, at most 64 waiting: the bound API.md sets. */
export const PASSWORD_HASHING_LIMITS: HashingLimits = { concurrency: 2, maxWaiting: 64 };

/** Overrides the bound; only tests set it. */
export const HASHING_LIMITS = Symbol('HASHING_LIMITS');

/**
 * What a turn is for. Checking a password someone already has (a login, a current password, the
 * dummy check for an unknown account) is served before hashing a new one (sign-up, invitation
 * acceptance, a password change), so a flood of sign-ups cannot keep existing users out.
 */
export type HashingPriority = 'check' | 'new-password';

interface Waiter {
  priority: HashingPriority;
  start: () => void;
  refuse: (error: DomainError) => void;
}

/** Until hashes have been timed, a turn is assumed to take this long (for `Retry-After`). */
const INITIAL_ESTIMATE_MS = 400;

/**
 * Runs password hashes a few at a time, with a bounded wait list. A request that would make more
 * than `maxWaiting` wait is refused with `503 BUSY` and a `Retry-After` estimated from how long
 * hashes take; nothing queues without bound, so a flood costs memory and time only up to the
 * bound. A check arriving at a full list takes the place of the newest waiting new-password hash,
 * which is refused instead; the list never holds more than `maxWaiting`.
 */
export class HashingBound {
  private running = 0;
  /** Checks first, then new-password hashes; each in arrival order. */
  private readonly waiting: Waiter[] = [];
  private averageMs = INITIAL_ESTIMATE_MS;

  constructor(private readonly limits: HashingLimits = PASSWORD_HASHING_LIMITS) {}

  /** How many hashes run and wait now (for tests and metrics). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  async run<T>(priority: HashingPriority, work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limits.concurrency) await this.turn(priority);
    else this.running++;
    const started = Date.now();
    try {
      return await work();
    } finally {
      this.averageMs = 0.8 * this.averageMs + 0.2 * (Date.now() - started);
      this.next();
    }
  }

  private turn(priority: HashingPriority): Promise<void> {
    if (this.waiting.length >= this.limits.maxWaiting) {
      const bumped = priority === 'check' ? this.newestNewPasswordWaiter() : -1;
      if (bumped < 0) throw this.busy();
      this.waiting.splice(bumped, 1)[0].refuse(this.busy());
    }
    return new Promise((start, refuse) => {
      const waiter: Waiter = { priority, start, refuse };
      // A check goes after the checks already waiting, ahead of every new-password hash.
      const at = priority === 'check' ? this.waiting.findIndex((w) => w.priority === 'new-password') : -1;
      if (at < 0) this.waiting.push(waiter);
      else this.waiting.splice(at, 0, waiter);
    });
  }

  /** Hands the finished turn to the first waiter, if any. */
  private next(): void {
    const waiter = this.waiting.shift();
    if (waiter) waiter.start();
    else this.running--;
  }

  private newestNewPasswordWaiter(): number {
    for (let i = this.waiting.length - 1; i >= 0; i--) if (this.waiting[i].priority === 'new-password') return i;
    return -1;
  }

  private busy(): DomainError {
    const turnsAhead = this.waiting.length + this.running;
    const seconds = Math.max(1, Math.ceil((turnsAhead * this.averageMs) / this.limits.concurrency / 1000));
    return new DomainError('unavailable', 'BUSY', 'Too many password checks are waiting; try again shortly', { retryAfterSeconds: seconds });
  }
}

import type { Clock } from './clock';

export interface ThrottleRule {
  /** Failures allowed in one window; the next attempt inside the window is refused. */
  limit: number;
  windowMs: number;
}

interface Window {
  startedAt: number;
  failures: number;
}

/**
 * Counts failures per key in fixed windows. Once a key has `limit` failures in its window, every
 * attempt for it is refused (right or wrong) until the window ends, so a guesser learns nothing
 * from the answers while locked out. Keys are bounded: the oldest window is forgotten first.
 */
export class FailureThrottle {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly rule: ThrottleRule,
    private readonly clock: Clock,
    private readonly maxKeys = 50_000,
  ) {}

  /** Seconds until `key` may try again, or null when it may try now. */
  retryAfterSeconds(key: string): number | null {
    const window = this.current(key);
    if (!window || window.failures < this.rule.limit) return null;
    return Math.max(1, Math.ceil((window.startedAt + this.rule.windowMs - this.clock()) / 1000));
  }

  recordFailure(key: string): void {
    const window = this.current(key);
    if (window) {
      window.failures++;
      return;
    }
    if (this.windows.size >= this.maxKeys) this.windows.delete(this.windows.keys().next().value as string);
    this.windows.set(key, { startedAt: this.clock(), failures: 1 });
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private current(key: string): Window | undefined {
    const window = this.windows.get(key);
    if (window && this.clock() >= window.startedAt + this.rule.windowMs) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }
}

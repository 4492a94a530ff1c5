import { DomainError } from '../errors/domain-error';

/** A counter with a lifetime, as a throttle keeps it. */
export interface Counter {
  value: number;
  /** Milliseconds until the counter expires (always > 0). */
  ttlMs: number;
}

/**
 * Where failure throttles keep their counters: in memory per instance (the default) or in a store
 * every instance shares (`THROTTLE_STORE=redis://…`), so that N instances do not allow N times the
 * guesses. Counters expire on their own; a store bounds how many it keeps.
 */
export interface ThrottleStore {
  /** Adds `by` to the counter, creating it at 0 with `ttlMs` when absent or expired; answers it after the change. */
  add(key: string, by: number, ttlMs: number): Promise<Counter>;
  get(key: string): Promise<Counter | null>;
  /** Replaces the counter. */
  set(key: string, value: number, ttlMs: number): Promise<void>;
  delete(...keys: string[]): Promise<void>;
}

/**
 * Hands each throttle its own store (a memory table of its own, or a key prefix in a shared store),
 * so that a flood of keys in one cannot evict another's.
 */
export abstract class ThrottleStores {
  /** `maxKeys` bounds a per-instance table; a shared store bounds itself by expiry. */
  abstract forThrottle(name: string, maxKeys: number): ThrottleStore;
  async close(): Promise<void> {}

  /** Nest calls this on shutdown: a shared store's connection is closed with the application. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}

/** Seconds a client is asked to wait when the shared store cannot be reached. */
export const THROTTLE_UNAVAILABLE_RETRY_SECONDS = 5;

/**
 * The shared store did not answer (in time): the attempt is refused with `503 THROTTLE_UNAVAILABLE`
 * rather than let through uncounted. The cause goes to the log, not to the client.
 */
export const throttleUnavailable = (): DomainError =>
  new DomainError('unavailable', 'THROTTLE_UNAVAILABLE', 'Failed attempts cannot be counted right now; try again shortly', {
    retryAfterSeconds: THROTTLE_UNAVAILABLE_RETRY_SECONDS,
  });

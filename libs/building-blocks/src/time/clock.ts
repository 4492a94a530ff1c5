/**
 * The one source of "now" for every module: times written into commands and events, session and
 * token expiry, throttle windows. Injected (never `new Date()` in a handler) so deciders stay pure
 * and a test moves time for the whole application at once instead of sleeping.
 */
export abstract class Clock {
  /** Milliseconds since the epoch; the token endpoint's hot path reads this one. */
  abstract nowMs(): number;

  now(): Date {
    return new Date(this.nowMs());
  }
}

export class SystemClock extends Clock {
  nowMs(): number {
    return Date.now();
  }
}

export const epochSeconds = (ms: number): number => Math.floor(ms / 1000);

/**
 * "Now", injected so that deciders stay pure (time arrives on the command) and tests can move time
 * forward (e.g. past an invitation's expiry) without sleeping.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

import { Clock } from '../time/clock';

/** A clock that moves only when told to: tests pass lockouts, expiries and windows without sleeping. */
export class ManualClock extends Clock {
  private at: number;

  constructor(start: Date | string | number = '2026-01-01T00:00:00.000Z') {
    super();
    this.at = new Date(start).getTime();
  }

  nowMs(): number {
    return this.at;
  }

  set(at: Date | string | number): void {
    this.at = new Date(at).getTime();
  }

  advance(ms: number): void {
    this.at += ms;
  }
}

import { Logger } from '@nestjs/common';
import { DomainError } from '@latchkey/event-store';
import { IdentityClock } from '../shared/identity-clock';
import { FailureWindow } from './failure-window';
import { LOGIN_LIMITS, LoginThrottle } from './login-throttle';

class ManualClock extends IdentityClock {
  private at = Date.parse('2026-01-01T00:00:00.000Z');
  override now(): Date {
    return new Date(this.at);
  }
  advance(ms: number): void {
    this.at += ms;
  }
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** The seconds a refused attempt is told to wait, or 'admitted'. */
function attempt(throttle: LoginThrottle, account: string, address: string, outcome: 'fail' | 'succeed' = 'fail'): number | 'admitted' {
  try {
    const admission = throttle.admit(account, address);
    if (outcome === 'succeed') admission.succeeded();
    return 'admitted';
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: 'rate-limited', code: 'RATE_LIMITED' });
    return (error as DomainError).details.retryAfterSeconds!;
  }
}

describe('LoginThrottle', () => {
  let clock: ManualClock;
  let throttle: LoginThrottle;
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    clock = new ManualClock();
    throttle = new LoginThrottle(clock);
  });
  afterEach(() => jest.restoreAllMocks());
  const failTimes = (n: number, account: string, address: string) => {
    for (let i = 0; i < n; i++) expect(attempt(throttle, account, address)).toBe('admitted');
  };

  it('admits 5 failures per account, then refuses for 30 s without counting the refused attempts', () => {
    failTimes(5, 'alice@example.com', '10.0.0.1');
    expect(attempt(throttle, 'alice@example.com', '10.0.0.1')).toBe(30);
    clock.advance(10 * SECOND);
    expect(attempt(throttle, 'alice@example.com', '10.0.0.1')).toBe(20);
    clock.advance(20 * SECOND);
    expect(attempt(throttle, 'alice@example.com', '10.0.0.1', 'succeed')).toBe('admitted');
  });

  it('locks the account for addresses it was never used from, wherever the guesses come from', () => {
    for (let i = 0; i < 5; i++) expect(attempt(throttle, 'alice@example.com', `10.0.0.${i}`)).toBe('admitted');
    expect(attempt(throttle, 'alice@example.com', '10.9.9.9')).toBe(30);
    expect(attempt(throttle, 'bob@example.com', '10.9.9.9')).toBe('admitted');
  });

  it('keeps admitting the owner from an address they logged in from before', () => {
    expect(attempt(throttle, 'alice@example.com', '192.0.2.7', 'succeed')).toBe('admitted');
    failTimes(5, 'alice@example.com', '10.0.0.1');
    expect(attempt(throttle, 'alice@example.com', '10.0.0.1')).toBe(30);
    expect(attempt(throttle, 'alice@example.com', '192.0.2.7', 'succeed')).toBe('admitted');
  });

  it('still limits guesses from a known address, on their own count', () => {
    expect(attempt(throttle, 'alice@example.com', '192.0.2.7', 'succeed')).toBe('admitted');
    failTimes(5, 'alice@example.com', '192.0.2.7');
    expect(attempt(throttle, 'alice@example.com', '192.0.2.7')).toBe(30);
  });

  it('forgets a known address after 30 days', () => {
    expect(attempt(throttle, 'alice@example.com', '192.0.2.7', 'succeed')).toBe('admitted');
    clock.advance(LOGIN_LIMITS.knownAddressTtlMs + 1);
    failTimes(5, 'alice@example.com', '10.0.0.1');
    expect(attempt(throttle, 'alice@example.com', '192.0.2.7')).toBe(30);
  });

  it('doubles the lockout while failures continue, up to 15 minutes', () => {
    failTimes(5, 'alice@example.com', '10.0.0.1');
    const lockouts: number[] = [];
    for (let i = 0; i < 8; i++) {
      const wait = attempt(throttle, 'alice@example.com', '10.0.0.1') as number;
      lockouts.push(wait);
      clock.advance(wait * SECOND);
      expect(attempt(throttle, 'alice@example.com', '10.0.0.1')).toBe('admitted');
    }
    expect(lockouts).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
  });

  it('starts again from 30 s after a quiet window of 15 minutes', () => {
    failTimes(5, 'alice@example.com', '10.0.0.1');
    clock.advance(30 * SECOND);
    failTimes(1, 'alice@example.com', '10.0.0.1');
    expect(attempt(throttle, 'alice@example.com', '10.0.0.1')).toBe(60);
    clock.advance(60 * SECOND + 15 * MINUTE);
    failTimes(5, 'alice@example.com', '10.0.0.1');
    expect(attempt(throttle, 'alice@example.com', '10.0.0.1')).toBe(30);
  });

  it('clears the account count on success', () => {
    failTimes(4, 'alice@example.com', '10.0.0.1');
    expect(attempt(throttle, 'alice@example.com', '10.0.0.1', 'succeed')).toBe('admitted');
    failTimes(4, 'alice@example.com', '10.0.0.1');
    expect(attempt(throttle, 'alice@example.com', '10.0.0.1')).toBe('admitted');
    expect(attempt(throttle, 'alice@example.com', '10.0.0.1')).toBe(30);
  });

  it('limits an address to 20 failures across accounts, and does not count its successes', () => {
    for (let i = 0; i < 10; i++) expect(attempt(throttle, `ok${i}@example.com`, '10.0.0.1', 'succeed')).toBe('admitted');
    for (let i = 0; i < 20; i++) expect(attempt(throttle, `user${i}@example.com`, '10.0.0.1')).toBe('admitted');
    expect(attempt(throttle, 'someone-else@example.com', '10.0.0.1')).toBe(30);
    expect(attempt(throttle, 'ok1@example.com', '10.0.0.1')).toBe(30);
    expect(attempt(throttle, 'someone-else@example.com', '10.0.0.2')).toBe('admitted');
  });

  it('counts an attempt before its password is checked, so parallel guesses cannot exceed the limit', () => {
    const admitted = Array.from({ length: 10 }, () => attempt(throttle, 'alice@example.com', '10.0.0.1')).filter((a) => a === 'admitted');
    expect(admitted).toHaveLength(5);
  });
});

describe('FailureWindow', () => {
  it('forgets the least recently touched key beyond its bound', () => {
    const window = new FailureWindow(LOGIN_LIMITS.account, 3);
    for (const key of ['a', 'b', 'c', 'a', 'd']) window.record(key, 0);
    expect(window.size).toBe(3);
    for (let i = 0; i < 4; i++) window.record('a', 0);
    expect(window.retryAfterMs('a', 0)).toBe(30_000);
    expect(window.retryAfterMs('b', 0)).toBe(0);
  });
});

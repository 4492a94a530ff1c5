import { Logger } from '@nestjs/common';
import { DomainError, MemoryThrottleStores } from '@latchkey/building-blocks';
import { ManualClock } from '@latchkey/building-blocks/testing';
import { LOGIN_LIMITS, LoginThrottle } from './login-throttle';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** The seconds a refused attempt is told to wait, or 'admitted'. */
async function attempt(
  throttle: LoginThrottle,
  account: string,
  address: string,
  outcome: 'fail' | 'succeed' = 'fail',
): Promise<number | 'admitted'> {
  try {
    const admission = await throttle.admit(account, address);
    if (outcome === 'succeed') await admission.succeeded();
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
    throttle = new LoginThrottle(new MemoryThrottleStores(clock));
  });
  afterEach(() => jest.restoreAllMocks());
  const failTimes = async (n: number, account: string, address: string) => {
    for (let i = 0; i < n; i++) expect(await attempt(throttle, account, address)).toBe('admitted');
  };

  it('admits 5 failures per account, then refuses for 30 s without counting the refused attempts', async () => {
    await failTimes(5, 'alice@example.com', '10.0.0.1');
    expect(await attempt(throttle, 'alice@example.com', '10.0.0.1')).toBe(30);
    clock.advance(10 * SECOND);
    expect(await attempt(throttle, 'alice@example.com', '10.0.0.1')).toBe(20);
    clock.advance(20 * SECOND);
    expect(await attempt(throttle, 'alice@example.com', '10.0.0.1', 'succeed')).toBe('admitted');
  });

  it('locks the account for addresses it was never used from, wherever the guesses come from', async () => {
    for (let i = 0; i < 5; i++) expect(await attempt(throttle, 'alice@example.com', `10.0.0.${i}`)).toBe('admitted');
    expect(await attempt(throttle, 'alice@example.com', '10.9.9.9')).toBe(30);
    expect(await attempt(throttle, 'bob@example.com', '10.9.9.9')).toBe('admitted');
  });

  it('keeps admitting the owner from an address they logged in from before', async () => {
    expect(await attempt(throttle, 'alice@example.com', '192.0.2.7', 'succeed')).toBe('admitted');
    await failTimes(5, 'alice@example.com', '10.0.0.1');
    expect(await attempt(throttle, 'alice@example.com', '10.0.0.1')).toBe(30);
    expect(await attempt(throttle, 'alice@example.com', '192.0.2.7', 'succeed')).toBe('admitted');
  });

  it('still limits guesses from a known address, on their own count', async () => {
    expect(await attempt(throttle, 'alice@example.com', '192.0.2.7', 'succeed')).toBe('admitted');
    await failTimes(5, 'alice@example.com', '192.0.2.7');
    expect(await attempt(throttle, 'alice@example.com', '192.0.2.7')).toBe(30);
  });

  it('forgets a known address after 30 days', async () => {
    expect(await attempt(throttle, 'alice@example.com', '192.0.2.7', 'succeed')).toBe('admitted');
    clock.advance(LOGIN_LIMITS.knownAddressTtlMs + 1);
    await failTimes(5, 'alice@example.com', '10.0.0.1');
    expect(await attempt(throttle, 'alice@example.com', '192.0.2.7')).toBe(30);
  });

  it('doubles the lockout while failures continue, up to 15 minutes', async () => {
    await failTimes(5, 'alice@example.com', '10.0.0.1');
    const lockouts: number[] = [];
    for (let i = 0; i < 8; i++) {
      const wait = (await attempt(throttle, 'alice@example.com', '10.0.0.1')) as number;
      lockouts.push(wait);
      clock.advance(wait * SECOND);
      expect(await attempt(throttle, 'alice@example.com', '10.0.0.1')).toBe('admitted');
    }
    expect(lockouts).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
  });

  it('starts again from 30 s after a quiet window of 15 minutes', async () => {
    await failTimes(5, 'alice@example.com', '10.0.0.1');
    clock.advance(30 * SECOND);
    await failTimes(1, 'alice@example.com', '10.0.0.1');
    expect(await attempt(throttle, 'alice@example.com', '10.0.0.1')).toBe(60);
    clock.advance(60 * SECOND + 15 * MINUTE);
    await failTimes(5, 'alice@example.com', '10.0.0.1');
    expect(await attempt(throttle, 'alice@example.com', '10.0.0.1')).toBe(30);
  });

  it('clears the account count on success', async () => {
    await failTimes(4, 'alice@example.com', '10.0.0.1');
    expect(await attempt(throttle, 'alice@example.com', '10.0.0.1', 'succeed')).toBe('admitted');
    await failTimes(4, 'alice@example.com', '10.0.0.1');
    expect(await attempt(throttle, 'alice@example.com', '10.0.0.1')).toBe('admitted');
    expect(await attempt(throttle, 'alice@example.com', '10.0.0.1')).toBe(30);
  });

  it('limits an address to 20 failures across accounts, and does not count its successes', async () => {
    for (let i = 0; i < 10; i++) expect(await attempt(throttle, `ok${i}@example.com`, '10.0.0.1', 'succeed')).toBe('admitted');
    for (let i = 0; i < 20; i++) expect(await attempt(throttle, `user${i}@example.com`, '10.0.0.1')).toBe('admitted');
    expect(await attempt(throttle, 'someone-else@example.com', '10.0.0.1')).toBe(30);
    expect(await attempt(throttle, 'ok1@example.com', '10.0.0.1')).toBe(30);
    expect(await attempt(throttle, 'someone-else@example.com', '10.0.0.2')).toBe('admitted');
  });

  it('counts an attempt before its password is checked, so parallel guesses cannot exceed the limit', async () => {
    const admitted = (await Promise.all(Array.from({ length: 10 }, () => attempt(throttle, 'alice@example.com', '10.0.0.1')))).filter(
      (a) => a === 'admitted',
    );
    expect(admitted).toHaveLength(5);
  });
});

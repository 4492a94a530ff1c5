import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { DomainError } from '../errors/domain-error';
import { toProblem } from '../http/problem';
import { ManualClock } from '../testing/manual-clock';
import { describeWithRedis, type RedisServer, startRedisServer } from '../testing/redis-server';
import { describeThrottleStoresContract } from '../testing/throttle-store.contract';
import { FailureThrottle, type FailureRule } from './failure-throttle';
import { MemoryThrottleStores } from './memory-throttle-store';
import { RedisThrottleStores } from './redis-throttle-store';
import type { ThrottleStores } from './throttle-store';

const MINUTE = 60_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describeThrottleStoresContract('memory', async () => {
  const clock = new ManualClock();
  return { stores: new MemoryThrottleStores(clock), elapse: async (ms) => clock.advance(ms), teardown: async () => undefined };
});

/** Ten failures in a minute lock a key out; five are not enough. */
const TEN_A_MINUTE: FailureRule = { limit: 10, windowMs: MINUTE, lockout: 'rest-of-window' };
const LOGIN_LIKE: FailureRule = { limit: 5, windowMs: 15 * MINUTE, lockout: { baseMs: 30_000, maxMs: 15 * MINUTE } };

/** The error `operation` fails with, and how long it took to fail. */
async function failureOf(operation: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = Date.now();
  try {
    await operation;
  } catch (error) {
    return { error, ms: Date.now() - started };
  }
  throw new Error('the operation succeeded');
}

describeWithRedis('RedisThrottleStores on a real redis-server', () => {
  let server: RedisServer;
  const opened: ThrottleStores[] = [];
  /** A store as one instance of the application would open it. */
  const instance = (url = server.url) => {
    const stores = new RedisThrottleStores(url);
    opened.push(stores);
    return stores;
  };

  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((stores) => stores.close()));
  });
  afterAll(async () => {
    await server?.stop();
  });

  describeThrottleStoresContract('redis', async () => {
    const stores = new RedisThrottleStores(server.url);
    return { stores, elapse: (ms) => sleep(ms + 50), teardown: () => stores.close() };
  });

  describe('two instances over one server', () => {
    it('count failures once: 10 failures split 5 and 5 lock the key out on both', async () => {
      const first = new FailureThrottle(TEN_A_MINUTE, instance().forThrottle('login.account', 100));
      const second = new FailureThrottle(TEN_A_MINUTE, instance().forThrottle('login.account', 100));
      for (let i = 0; i < 5; i++) {
        await first.recordFailure('mallory@example.com');
        await second.recordFailure('mallory@example.com');
      }
      expect(await first.retryAfterMs('mallory@example.com')).toBeGreaterThan(MINUTE - 5000);
      expect(await second.retryAfterMs('mallory@example.com')).toBeGreaterThan(MINUTE - 5000);
      expect(await second.retryAfterMs('someone-else@example.com')).toBe(0);
    });

    it('where per-instance memory would let 5 and 5 through', async () => {
      const clock = new ManualClock();
      const first = new FailureThrottle(TEN_A_MINUTE, new MemoryThrottleStores(clock).forThrottle('login.account', 100));
      const second = new FailureThrottle(TEN_A_MINUTE, new MemoryThrottleStores(clock).forThrottle('login.account', 100));
      for (let i = 0; i < 5; i++) {
        await first.recordFailure('mallory@example.com');
        await second.recordFailure('mallory@example.com');
      }
      expect(await first.retryAfterMs('mallory@example.com')).toBe(0);
      expect(await second.retryAfterMs('mallory@example.com')).toBe(0);
    });

    it('share growing lockouts and a reset by either', async () => {
      const first = new FailureThrottle(LOGIN_LIKE, instance().forThrottle('login.pair', 100));
      const second = new FailureThrottle(LOGIN_LIKE, instance().forThrottle('login.pair', 100));
      for (let i = 0; i < 3; i++) expect(await first.recordFailure('k')).toBe(0);
      expect(await second.recordFailure('k')).toBe(0);
      expect(await second.recordFailure('k')).toBe(30_000);
      expect(await first.retryAfterMs('k')).toBeGreaterThan(25_000);
      await first.reset('k');
      expect(await second.retryAfterMs('k')).toBe(0);
    });
  });

  it('keeps only hashes of the keys, under latchkey:throttle:<throttle>:, each with an expiry', async () => {
    const throttle = new FailureThrottle(TEN_A_MINUTE, instance().forThrottle('registration.address', 100));
    for (let i = 0; i < 10; i++) await throttle.recordFailure('secret-person@example.com');
    const raw = new Redis(server.url);
    try {
      const keys = await raw.keys('latchkey:throttle:registration.address:*');
      expect(keys).toHaveLength(2); // fail: and lock:
      for (const key of keys) {
        expect(key).toMatch(/^latchkey:throttle:registration\.address:[A-Za-z0-9_-]{43}$/);
        expect(await raw.pttl(key)).toBeGreaterThan(0);
      }
      const everything = JSON.stringify(await Promise.all((await raw.keys('*')).map(async (key) => [key, await raw.get(key)])));
      expect(everything).not.toContain('secret-person');
    } finally {
      raw.disconnect();
    }
  });

  describe('when Redis does not answer', () => {
    const expectUnavailable = ({ error, ms }: { error: unknown; ms: number }, what: string) => {
      console.info(`${what}: refused after ${ms} ms`);
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ kind: 'unavailable', code: 'THROTTLE_UNAVAILABLE', details: { retryAfterSeconds: 5 } });
      // The bounds are about 1 s per round trip; generous here, for a busy machine.
      expect(ms).toBeLessThan(15_000);
    };

    it('refuses every operation with 503 THROTTLE_UNAVAILABLE within the bounds (fail closed)', async () => {
      const own = await startRedisServer();
      const url = own.url;
      await own.stop();
      const store = instance(url).forThrottle('login.account', 100);
      expectUnavailable(await failureOf(store.add('k', 1, MINUTE)), 'add');
      expectUnavailable(await failureOf(store.get('k')), 'get');
      expectUnavailable(await failureOf(store.set('k', 1, MINUTE)), 'set');
      expectUnavailable(await failureOf(store.delete('k')), 'delete');
      const throttle = new FailureThrottle(TEN_A_MINUTE, store);
      expectUnavailable(await failureOf(throttle.retryAfterMs('k')), 'a lockout check');
    });

    it('logs the cause once a minute at most, without the password of the URL', async () => {
      const own = await startRedisServer();
      await own.stop();
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      try {
        const store = instance(own.url.replace('redis://', 'redis://:hunter2-password@')).forThrottle('login.account', 100);
        for (let i = 0; i < 3; i++) await failureOf(store.get('k'));
        expect(logged).toHaveBeenCalledTimes(1);
        const [line] = logged.mock.calls[0] as [string];
        expect(line).toMatch(/^The shared throttle store cannot be reached \(.*ECONNREFUSED.*\); attempts are refused with 503 until it answers$/);
        expect(line).not.toContain('hunter2');
      } finally {
        logged.mockRestore();
      }
    });

    it('answers the client 503 with Retry-After and nothing about Redis', async () => {
      const own = await startRedisServer();
      await own.stop();
      const { error } = await failureOf(instance(own.url).forThrottle('login.account', 100).get('k'));
      const { problem, headers, unexpected } = toProblem(error);
      expect(problem).toMatchObject({ status: 503, code: 'THROTTLE_UNAVAILABLE' });
      expect(headers).toEqual({ 'retry-after': '5' });
      expect(unexpected).toBe(false);
      expect(JSON.stringify(problem)).not.toMatch(/redis|127\.0\.0\.1|ECONNREFUSED/i);
    });

    it('refuses while the server is gone and counts again once it is back', async () => {
      let own = await startRedisServer();
      const store = instance(own.url).forThrottle('login.account', 100);
      expect((await store.add('k', 1, MINUTE)).value).toBe(1);
      await own.stop();
      expectUnavailable(await failureOf(store.add('k', 1, MINUTE)), 'add after the server stopped');
      own = await startRedisServer({ port: own.port });
      try {
        const started = Date.now();
        let counter = null;
        while (counter === null && Date.now() - started < 20_000) {
          counter = await store.add('k', 1, MINUTE).catch(() => null);
          if (counter === null) await sleep(100);
        }
        console.info(`counting again ${Date.now() - started} ms after the server came back`);
        expect(counter?.value).toBe(1); // the restarted server kept nothing
      } finally {
        await own.stop();
      }
    });
  });
});

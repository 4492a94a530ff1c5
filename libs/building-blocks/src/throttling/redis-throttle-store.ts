import { Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { type Counter, type ThrottleStore, ThrottleStores, throttleUnavailable } from './throttle-store';

/** Adds to a counter and gives it its lifetime only when it has none (PEXPIRE NX), in one step. */
const ADD = `
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return {value, ttl}`;

/** A counter and its remaining lifetime, read together. */
const GET = `
local value = redis.call('GET', KEYS[1])
if not value then return false end
return {tonumber(value), redis.call('PTTL', KEYS[1])}`;

interface ThrottleCommands {
  throttleAdd(key: string, by: number, ttlMs: number): Promise<[number, number]>;
  throttleGet(key: string): Promise<[number, number] | null>;
}
type ThrottleRedis = Redis & ThrottleCommands;

/** Bounds on every round trip, so that an unreachable server costs a request at most about a second. */
export const REDIS_TIMEOUTS = { connectMs: 1000, commandMs: 1000, maxReconnectDelayMs: 2000 } as const;

/**
 * Every throttle's counters in one Redis server shared by all instances (`THROTTLE_STORE=redis://…`),
 * so that N instances do not allow N times the guesses. Keys are `latchkey:throttle:<throttle>:<hash>`:
 * the throttle's own key (an e-mail address, a client address) is stored only as its SHA-256, and
 * every counter expires on its own.
 *
 * When Redis does not answer within the bounds, the operation fails with `503 THROTTLE_UNAVAILABLE`
 * (fail closed): an attempt is never let through uncounted. The cause is logged (at most once a minute).
 */
export class RedisThrottleStores extends ThrottleStores {
  private readonly logger = new Logger('ThrottleStore');
  private readonly redis: ThrottleRedis;
  private failing = false;
  private lastLoggedFailureMs = -Infinity;

  constructor(url: string) {
    super();
    const redis = new Redis(url, {
      connectTimeout: REDIS_TIMEOUTS.connectMs,
      commandTimeout: REDIS_TIMEOUTS.commandMs,
      maxRetriesPerRequest: 1,
      retryStrategy: (attempt) => Math.min(attempt * 100, REDIS_TIMEOUTS.maxReconnectDelayMs),
      connectionName: 'latchkey-throttles',
    });
    redis.defineCommand('throttleAdd', { numberOfKeys: 1, lua: ADD });
    redis.defineCommand('throttleGet', { numberOfKeys: 1, lua: GET });
    redis.on('error', (error: Error) => this.failed(error));
    redis.on('ready', () => {
      if (this.failing) this.logger.log('The shared throttle store answers again');
      this.failing = false;
    });
    this.redis = redis as ThrottleRedis;
  }

  forThrottle(name: string, _maxKeys: number): ThrottleStore {
    const prefix = `latchkey:throttle:${name}:`;
    return new RedisThrottleStore(
      (key) => prefix + createHash('sha256').update(key, 'utf8').digest('base64url'),
      this.redis,
      (error) => this.failed(error),
    );
  }

  override async close(): Promise<void> {
    if (this.redis.status === 'end') return;
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** Logs a failure, at most once a minute: an outage under load would otherwise log every request. */
  private failed(error: Error): void {
    this.failing = true;
    const now = Date.now();
    if (now - this.lastLoggedFailureMs < 60_000) return;
    this.lastLoggedFailureMs = now;
    this.logger.error(`The shared throttle store cannot be reached (${error.message}); attempts are refused with 503 until it answers`);
  }
}

class RedisThrottleStore implements ThrottleStore {
  constructor(
    private readonly keyOf: (key: string) => string,
    private readonly redis: ThrottleRedis,
    private readonly failed: (error: Error) => void,
  ) {}

  add(key: string, by: number, ttlMs: number): Promise<Counter> {
    return this.run(async () => {
      const [value, ttl] = await this.redis.throttleAdd(this.keyOf(key), by, wholeMs(ttlMs));
      return { value, ttlMs: Math.max(1, ttl) };
    });
  }

  get(key: string): Promise<Counter | null> {
    return this.run(async () => {
      const counter = await this.redis.throttleGet(this.keyOf(key));
      return counter && counter[1] !== 0 ? { value: counter[0], ttlMs: Math.max(1, counter[1]) } : null;
    });
  }

  set(key: string, value: number, ttlMs: number): Promise<void> {
    return this.run(async () => {
      await this.redis.set(this.keyOf(key), value, 'PX', wholeMs(ttlMs));
    });
  }

  delete(...keys: string[]): Promise<void> {
    return this.run(async () => {
      if (keys.length > 0) await this.redis.del(...keys.map(this.keyOf));
    });
  }

  private async run<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      this.failed(error instanceof Error ? error : new Error(String(error)));
      throw throttleUnavailable();
    }
  }
}

const wholeMs = (ms: number): number => Math.max(1, Math.ceil(ms));

import type { Clock } from '../time/clock';
import { type Counter, type ThrottleStore, ThrottleStores } from './throttle-store';

interface Entry {
  value: number;
  expiresAt: number;
}

/**
 * Counters in a `Map`, per instance. Bounded: past `maxKeys` the least recently written key is
 * forgotten first, so a flood of made-up keys costs memory only up to the bound.
 */
export class MemoryThrottleStore implements ThrottleStore {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly maxKeys: number,
  ) {}

  async add(key: string, by: number, ttlMs: number): Promise<Counter> {
    const now = this.clock.nowMs();
    const entry = this.live(key, now) ?? { value: 0, expiresAt: now + ttlMs };
    entry.value += by;
    this.write(key, entry);
    return { value: entry.value, ttlMs: entry.expiresAt - now };
  }

  async get(key: string): Promise<Counter | null> {
    const now = this.clock.nowMs();
    const entry = this.live(key, now);
    return entry ? { value: entry.value, ttlMs: entry.expiresAt - now } : null;
  }

  async set(key: string, value: number, ttlMs: number): Promise<void> {
    this.write(key, { value, expiresAt: this.clock.nowMs() + ttlMs });
  }

  async delete(...keys: string[]): Promise<void> {
    for (const key of keys) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private live(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private write(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxKeys) this.entries.delete(this.entries.keys().next().value!);
  }
}

/** The default: every throttle counts in memory, per instance. */
export class MemoryThrottleStores extends ThrottleStores {
  constructor(private readonly clock: Clock) {
    super();
  }

  forThrottle(_name: string, maxKeys: number): ThrottleStore {
    return new MemoryThrottleStore(this.clock, maxKeys);
  }
}

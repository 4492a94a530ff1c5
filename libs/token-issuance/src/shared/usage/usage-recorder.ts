import type { CredentialUsage, CredentialUseRefusal } from '@latchkey/credentials';

export interface UsageRecorderLogger {
  error(message: string, error?: unknown): void;
}

interface PendingUsage {
  credentialId: string;
  clientId: string;
  lastUsedAt: number;
  count: number;
  /** Of the last use: the header as received, truncated and cleaned only when the batch is written. */
  address: string | null;
  userAgent: string | undefined;
}

interface PendingRefusal {
  credentialId: string;
  clientId: string;
  address: string;
  refusedAt: number;
}

/** What a batch hands to the sink. */
export interface UsageBatch {
  usages: CredentialUsage[];
  refusals: CredentialUseRefusal[];
}

/** Longest user agent kept with a use. */
export const USER_AGENT_MAX_LENGTH = 200;
/** Refusals by address are recorded at most once per credential per this interval. */
export const REFUSAL_INTERVAL_MS = 60_000;
const CONTROL_CHARACTERS = /\p{Cc}/gu;

/** A user agent as the history shows it: control characters removed, at most `USER_AGENT_MAX_LENGTH` characters. */
export function cleanUserAgent(userAgent: string | undefined): string | null {
  if (userAgent === undefined) return null;
  const clean = [...userAgent.slice(0, USER_AGENT_MAX_LENGTH * 2).replace(CONTROL_CHARACTERS, '')].slice(0, USER_AGENT_MAX_LENGTH).join('').trim();
  return clean === '' ? null : clean;
}

/**
 * Aggregates credential use per (credential, client) in memory and hands the batch to `sink`
 * every few seconds and on shutdown, so the token endpoint never waits for a write: recording a
 * use or a refusal is one Map update. A failed flush is merged back and retried at the next one;
 * at most `maxPending` pairs are kept. Refusals by address are thinned to one per credential per
 * minute, whatever the address, by a map of the last recorded refusal per credential capped at
 * `maxPending` entries (the oldest go first).
 */
export class UsageRecorder {
  private pending = new Map<string, PendingUsage>();
  private pendingRefusals: PendingRefusal[] = [];
  private readonly lastRefusal = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly sink: (batch: UsageBatch) => Promise<void>,
    private readonly logger: UsageRecorderLogger,
    private readonly maxPending = 100_000,
  ) {}

  record(credentialId: string, clientId: string, atMs: number, address: string | null = null, userAgent?: string): void {
    const key = `${credentialId}\u0000${clientId}`;
    const usage = this.pending.get(key);
    if (usage) {
      usage.count++;
      if (atMs >= usage.lastUsedAt) {
        usage.lastUsedAt = atMs;
        usage.address = address;
        usage.userAgent = userAgent;
      }
    } else if (this.pending.size < this.maxPending) {
      this.pending.set(key, { credentialId, clientId, lastUsedAt: atMs, count: 1, address, userAgent });
    }
  }

  /** A request refused by the credential's address allowlist: kept unless one was kept for the credential in the last minute. */
  refused(credentialId: string, clientId: string, address: string, atMs: number): void {
    const last = this.lastRefusal.get(credentialId);
    if ((last !== undefined && atMs - last < REFUSAL_INTERVAL_MS) || this.pendingRefusals.length >= this.maxPending) return;
    this.lastRefusal.delete(credentialId);
    if (this.lastRefusal.size >= this.maxPending) this.lastRefusal.delete(this.lastRefusal.keys().next().value!);
    this.lastRefusal.set(credentialId, atMs);
    this.pendingRefusals.push({ credentialId, clientId, address, refusedAt: atMs });
  }

  get pendingRefusalCount(): number {
    return this.pendingRefusals.length;
  }

  get pendingPairs(): number {
    return this.pending.size;
  }

  start(intervalMs: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and writes what is pending. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  /** Writes what is pending (waits for a flush already running first). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.pending.size === 0 && this.pendingRefusals.length === 0) return;
    const batch = this.pending;
    const refusals = this.pendingRefusals;
    this.pending = new Map();
    this.pendingRefusals = [];
    this.flushing = this.write(batch, refusals).finally(() => (this.flushing = null));
    await this.flushing;
  }

  private async write(batch: Map<string, PendingUsage>, refusals: PendingRefusal[]): Promise<void> {
    const usages: CredentialUsage[] = [...batch.values()].map((u) => ({
      credentialId: u.credentialId,
      clientId: u.clientId,
      lastUsedAt: new Date(u.lastUsedAt).toISOString(),
      count: u.count,
      address: u.address,
      userAgent: cleanUserAgent(u.userAgent),
    }));
    try {
      await this.sink({ usages, refusals: refusals.map((r) => ({ ...r, refusedAt: new Date(r.refusedAt).toISOString() })) });
    } catch (error) {
      this.logger.error(`Recording the use of ${usages.length} credential/app pairs failed; retrying with the next batch`, error);
      if (this.pendingRefusals.length + refusals.length <= this.maxPending) this.pendingRefusals.unshift(...refusals);
      for (const [key, failed] of batch) {
        const newer = this.pending.get(key);
        if (newer) {
          newer.count += failed.count;
          if (failed.lastUsedAt > newer.lastUsedAt)
            Object.assign(newer, { lastUsedAt: failed.lastUsedAt, address: failed.address, userAgent: failed.userAgent });
        } else if (this.pending.size < this.maxPending) {
          this.pending.set(key, failed);
        }
      }
    }
  }
}

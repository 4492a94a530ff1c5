import type { CredentialUsage } from '@latchkey/credentials';

export interface UsageRecorderLogger {
  error(message: string, error?: unknown): void;
}

interface PendingUsage {
  credentialId: string;
  clientId: string;
  lastUsedAt: number;
  count: number;
}

/**
 * Aggregates credential use per (credential, client) in memory and hands the batch to `sink`
 * every few seconds and on shutdown, so the token endpoint never waits for a write. A failed
 * flush is merged back and retried at the next one; at most `maxPending` pairs are kept.
 */
export class UsageRecorder {
  private pending = new Map<string, PendingUsage>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly sink: (usages: CredentialUsage[]) => Promise<void>,
    private readonly logger: UsageRecorderLogger,
    private readonly maxPending = 100_000,
  ) {}

  record(credentialId: string, clientId: string, atMs: number): void {
    const key = `${credentialId}\u0000${clientId}`;
    const usage = this.pending.get(key);
    if (usage) {
      usage.count++;
      if (atMs > usage.lastUsedAt) usage.lastUsedAt = atMs;
    } else if (this.pending.size < this.maxPending) {
      this.pending.set(key, { credentialId, clientId, lastUsedAt: atMs, count: 1 });
    }
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
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    this.flushing = this.write(batch).finally(() => (this.flushing = null));
    await this.flushing;
  }

  private async write(batch: Map<string, PendingUsage>): Promise<void> {
    const usages: CredentialUsage[] = [...batch.values()].map((u) => ({
      credentialId: u.credentialId,
      clientId: u.clientId,
      lastUsedAt: new Date(u.lastUsedAt).toISOString(),
      count: u.count,
    }));
    try {
      await this.sink(usages);
    } catch (error) {
      this.logger.error(`Recording the use of ${usages.length} credential/app pairs failed; retrying with the next batch`, error);
      for (const [key, failed] of batch) {
        const newer = this.pending.get(key);
        if (newer) {
          newer.count += failed.count;
          newer.lastUsedAt = Math.max(newer.lastUsedAt, failed.lastUsedAt);
        } else if (this.pending.size < this.maxPending) {
          this.pending.set(key, failed);
        }
      }
    }
  }
}

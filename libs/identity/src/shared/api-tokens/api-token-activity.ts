import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap, Optional } from '@nestjs/common';
import { type Actor, Clock, type RequestContext } from '@latchkey/building-blocks';
import { EVENT_STORE, type EventStore, eventMetadata } from '@latchkey/event-store';
import type { ApiTokenRefusalReason, ApiTokenRefused, ApiTokenUsed } from '../../domain/api-token/api-token.events';
import { ApiTokenProjection } from '../../read-models/api-tokens/api-token.projection';
import { streams } from '../streams';

export interface ApiTokenActivitySettings {
  /** Uses are written (`lastUsedAt`) this often, and at shutdown. */
  usesFlushMs: number;
  /** Refusals of one token within a window become one `ApiTokenRefused` with their count. */
  refusalWindowMs: number;
  /** At most this many tokens get refusals recorded per window; further ones are dropped (their owners' tokens are known, so a flood of them is a flood of one owner's mistakes). */
  maxRefusedTokensPerWindow: number;
  /** At most this many tokens' uses are held between two flushes. */
  maxPendingUses: number;
}

export const API_TOKEN_ACTIVITY_DEFAULTS: ApiTokenActivitySettings = {
  usesFlushMs: 5_000,
  refusalWindowMs: 60_000,
  maxRefusedTokensPerWindow: 1_000,
  maxPendingUses: 100_000,
};
export const API_TOKEN_ACTIVITY_SETTINGS = Symbol('API_TOKEN_ACTIVITY_SETTINGS');

interface PendingUse {
  lastUsedAt: number;
  firstAt: number;
  count: number;
  context: Pick<RequestContext, 'correlationId' | 'address'>;
  actor: Actor;
}

interface PendingRefusal {
  reason: ApiTokenRefusalReason;
  count: number;
  firstAt: string;
  lastAt: string;
  context: Pick<RequestContext, 'correlationId' | 'address'>;
  actor: Actor | null;
}

const dayOf = (iso: string) => iso.slice(0, 10);

/**
 * Records what API tokens do, off the request path and bounded: uses per token in memory, written
 * as one `ApiTokenUsed` per token and flush (`lastUsedAt`, a count, and whether the batch holds the
 * token's first use of the day, which the audit log shows); refusals of known tokens like failed
 * logins, one `ApiTokenRefused` per token and window. A crash loses at most one flush's uses and one
 * window's refusals; a failed append is logged and dropped (statistics, never state).
 */
@Injectable()
export class ApiTokenActivity implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ApiTokenActivity');
  private readonly settings: ApiTokenActivitySettings;
  private uses = new Map<string, PendingUse>();
  private refusals = new Map<string, PendingRefusal>();
  private usesTimer: NodeJS.Timeout | null = null;
  private refusalTimer: NodeJS.Timeout | null = null;
  private readonly writes = new Set<Promise<void>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly tokens: ApiTokenProjection,
    private readonly clock: Clock,
    @Optional() @Inject(API_TOKEN_ACTIVITY_SETTINGS) settings?: ApiTokenActivitySettings,
  ) {
    this.settings = settings ?? API_TOKEN_ACTIVITY_DEFAULTS;
  }

  onApplicationBootstrap(): void {
    this.usesTimer ??= setInterval(() => void this.flushUses(), this.settings.usesFlushMs).unref();
  }

  used(tokenId: string, actor: Actor, context: RequestContext): void {
    const at = this.clock.nowMs();
    const use = this.uses.get(tokenId);
    if (use) {
      use.count += 1;
      if (at > use.lastUsedAt) use.lastUsedAt = at;
    } else if (this.uses.size < this.settings.maxPendingUses) {
      this.uses.set(tokenId, { lastUsedAt: at, firstAt: at, count: 1, context, actor });
    }
  }

  refused(tokenId: string, reason: ApiTokenRefusalReason, actor: Actor | null, context: RequestContext): void {
    const at = this.clock.now().toISOString();
    const refusal = this.refusals.get(tokenId);
    if (refusal) {
      refusal.count += 1;
      refusal.lastAt = at;
    } else if (this.refusals.size < this.settings.maxRefusedTokensPerWindow) {
      this.refusals.set(tokenId, { reason, count: 1, firstAt: at, lastAt: at, context, actor });
    }
    this.refusalTimer ??= setTimeout(() => void this.flushRefusals(), this.settings.refusalWindowMs).unref();
  }

  /** Writes the pending uses; resolves once they are stored. */
  async flushUses(): Promise<void> {
    const batch = this.uses;
    this.uses = new Map();
    for (const [tokenId, use] of batch) {
      const lastUsedAt = new Date(use.lastUsedAt).toISOString();
      const known = this.tokens.lastUsedAt(tokenId);
      const firstUseOfDay = known === null || dayOf(known) < dayOf(new Date(use.firstAt).toISOString());
      const event: ApiTokenUsed = { type: 'ApiTokenUsed', data: { tokenId, lastUsedAt, count: use.count, firstUseOfDay } };
      this.write(streams.apiTokenUsage(tokenId), event, { ...use.context, actor: use.actor });
    }
    await Promise.all(this.writes);
  }

  /** Writes the window's refusals and starts a new window; resolves once they are stored. */
  async flushRefusals(): Promise<void> {
    if (this.refusalTimer) clearTimeout(this.refusalTimer);
    this.refusalTimer = null;
    const batch = this.refusals;
    this.refusals = new Map();
    for (const [tokenId, { reason, count, firstAt, lastAt, context, actor }] of batch) {
      const event: ApiTokenRefused = { type: 'ApiTokenRefused', data: { tokenId, reason, count, firstAt, lastAt } };
      this.write(streams.apiTokenUsage(tokenId), event, { ...context, actor });
    }
    await Promise.all(this.writes);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.usesTimer) clearInterval(this.usesTimer);
    this.usesTimer = null;
    await Promise.all([this.flushUses(), this.flushRefusals()]);
  }

  private write(stream: string, event: ApiTokenUsed | ApiTokenRefused, context: Parameters<typeof eventMetadata>[0]): void {
    const write = this.store.appendToStream(stream, [{ type: event.type, data: event.data, metadata: eventMetadata(context) }]).then(
      () => undefined,
      (error: unknown) => this.logger.warn({ err: error }, `Could not record ${event.type}`),
    );
    this.writes.add(write);
    void write.finally(() => this.writes.delete(write));
  }
}

import { type BeforeApplicationShutdown, Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { Clock, type RequestContext } from '@latchkey/building-blocks';
import { EVENT_STORE, type EventStore, eventMetadata } from '@latchkey/event-store';
import { type LoginFailed, loginFailureStream, type UserLockedOut } from '../../domain/login-failures/login-failures.events';

export interface LoginFailureBatching {
  /** Failures of one (account, address) pair within a window become one `LoginFailed` with their count. */
  windowMs: number;
  /** At most this many pairs get their own event per window; failures of further pairs are counted in one overflow event. */
  maxPairsPerWindow: number;
}

/**
 * A guessing storm writes at most 1,001 `LoginFailed` events a minute per instance, whatever its
 * rate: one per (account, address) pair and minute, up to 1,000 pairs, plus one overflow event.
 * (The login throttle already bounds the failures of one pair and of one address.)
 */
export const LOGIN_FAILURE_BATCHING_DEFAULTS: LoginFailureBatching = { windowMs: 60_000, maxPairsPerWindow: 1_000 };
export const LOGIN_FAILURE_BATCHING = Symbol('LOGIN_FAILURE_BATCHING');

interface Batch {
  userId: string | null;
  /** The request of the batch's first failure: its correlation id and client address. */
  context: Pick<RequestContext, 'correlationId' | 'address'>;
  count: number;
  firstAt: string;
  lastAt: string;
  overflow?: true;
}

/**
 * Records failed logins and lockouts as events for the audit log, bounded so that a password
 * guessing storm cannot flood the event store. Failures are held in memory for at most one window
 * and written when it ends (and when the application shuts down); a crash loses at most one
 * window's counts. Lockouts are written at once: the lockout itself bounds them (one per account
 * per lockout, 30 s growing to 15 minutes), and only accounts that exist have one recorded.
 * Recording never fails a login: an append that fails is logged and dropped.
 */
@Injectable()
export class LoginFailureRecorder implements BeforeApplicationShutdown {
  private readonly logger = new Logger('LoginFailures');
  private readonly batching: LoginFailureBatching;
  private batches = new Map<string, Batch>();
  private overflow: Batch | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly writes = new Set<Promise<void>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
    @Optional() @Inject(LOGIN_FAILURE_BATCHING) batching?: LoginFailureBatching,
  ) {
    this.batching = batching ?? LOGIN_FAILURE_BATCHING_DEFAULTS;
  }

  /** A failed login for `userId` (null: no account has the e-mail address), asked for by the request of `context`. */
  failed(userId: string | null, context: RequestContext): void {
    const at = this.clock.now().toISOString();
    const key = `${userId ?? ''}\u0000${context.address ?? ''}`;
    const batch = this.batches.get(key);
    if (batch) {
      batch.count += 1;
      batch.lastAt = at;
    } else if (this.batches.size < this.batching.maxPairsPerWindow) {
      this.batches.set(key, { userId, context, count: 1, firstAt: at, lastAt: at });
    } else if (this.overflow) {
      this.overflow.count += 1;
      this.overflow.lastAt = at;
    } else {
      this.overflow = {
        userId: null,
        context: { correlationId: context.correlationId, address: null },
        count: 1,
        firstAt: at,
        lastAt: at,
        overflow: true,
      };
    }
    this.timer ??= setTimeout(() => void this.flush(), this.batching.windowMs).unref();
  }

  /** The account was locked out by the login throttle for `lockoutMs`. */
  lockedOut(userId: string, context: RequestContext, lockoutMs: number): void {
    const now = this.clock.nowMs();
    const event: UserLockedOut = {
      type: 'UserLockedOut',
      data: { userId, lockedAt: new Date(now).toISOString(), lockedUntil: new Date(now + lockoutMs).toISOString() },
    };
    this.write(loginFailureStream(userId, event.data.lockedAt), event, context);
  }

  /** Writes the window's batches now and starts a new window; resolves once they are stored. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batches = [...this.batches.values(), ...(this.overflow ? [this.overflow] : [])];
    this.batches = new Map();
    this.overflow = null;
    for (const { userId, context, count, firstAt, lastAt, overflow } of batches) {
      const event: LoginFailed = { type: 'LoginFailed', data: { userId, count, firstAt, lastAt, ...(overflow ? { overflow } : {}) } };
      this.write(loginFailureStream(userId, firstAt), event, context);
    }
    await Promise.all(this.writes);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  private write(stream: string, event: LoginFailed | UserLockedOut, context: Batch['context']): void {
    const metadata = eventMetadata({ ...context, actor: null });
    const write = this.store.appendToStream(stream, [{ type: event.type, data: event.data, metadata }]).then(
      () => undefined,
      (error: unknown) => this.logger.warn({ err: error }, `Could not record ${event.type}`),
    );
    this.writes.add(write);
    void write.finally(() => this.writes.delete(write));
  }
}

import { Inject, Injectable, Optional } from '@nestjs/common';
import { DomainError, FailureThrottle, lockoutCounter, Metrics, NO_METRICS, ThrottleStores } from '@latchkey/building-blocks';

const MAX_TRACKED_ADDRESSES = 100_000;
/** Reports per client address and minute: plenty for a scanner's batches, little for a flood. */
export const LEAK_REPORTS_PER_MINUTE = 30;

/** Counts leak reports per client address in the kernel's throttle stores (shared by every instance with THROTTLE_STORE=redis://…). */
@Injectable()
export class LeakReportThrottle {
  private readonly throttle: FailureThrottle;
  private readonly countLockout: (lockoutMs: number) => number;

  constructor(@Inject(ThrottleStores) stores: ThrottleStores, @Optional() metrics: Metrics = NO_METRICS) {
    this.throttle = new FailureThrottle(
      { limit: LEAK_REPORTS_PER_MINUTE, windowMs: 60_000, lockout: 'rest-of-window' },
      stores.forThrottle('leak-report.address', MAX_TRACKED_ADDRESSES),
    );
    this.countLockout = lockoutCounter(metrics, 'leak-report.address');
  }

  /** Counts a report from `address`, or throws `429 RATE_LIMITED` when the address is past its allowance. */
  async admit(address: string): Promise<void> {
    const waitMs = await this.throttle.retryAfterMs(address);
    if (waitMs > 0) {
      throw new DomainError('rate-limited', 'RATE_LIMITED', 'Too many reports from your address; try again later', {
        retryAfterSeconds: Math.ceil(waitMs / 1000),
      });
    }
    this.countLockout(await this.throttle.recordFailure(address));
  }
}

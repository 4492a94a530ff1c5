import type { MetricCounter, Metrics } from './metrics';

/**
 * `latchkey_throttle_lockouts_total{kind}`: lockouts started, by throttle (`kind` is the name the
 * throttle's store is opened with, e.g. `login.account`). Counted where a failure is recorded: a
 * positive answer of `FailureThrottle.recordFailure` is a lockout starting.
 */
export function throttleLockouts(metrics: Metrics): MetricCounter<'kind'> {
  return metrics.counter({
    name: 'latchkey_throttle_lockouts_total',
    help: 'Lockouts started by the failure throttles, by throttle',
    labelNames: ['kind'],
  });
}

/** Counts a lockout of throttle `kind` whenever it is handed a positive `recordFailure` answer; passes the answer on. */
export function lockoutCounter(metrics: Metrics, kind: string): (lockoutMs: number) => number {
  const lockouts = throttleLockouts(metrics).series({ kind });
  return (lockoutMs) => {
    if (lockoutMs > 0) lockouts.inc();
    return lockoutMs;
  };
}

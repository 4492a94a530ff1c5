/** The Auth API's answers of one interval, counted by status. */
export interface AnswerSummary {
  total: number;
  /** Status code → answers, e.g. `{ "200": 41873, "401": 12 }`. */
  byStatus: Record<string, number>;
}

/**
 * Counts answers by status between two reads: one Map update per answer, so the Auth API can
 * report what it answered without a log line per request.
 */
export class AnswerCounts {
  private counts = new Map<number, number>();

  count(status: number): void {
    this.counts.set(status, (this.counts.get(status) ?? 0) + 1);
  }

  /** What was counted since the last call (null when nothing was), and starts over. */
  take(): AnswerSummary | null {
    if (this.counts.size === 0) return null;
    const counts = this.counts;
    this.counts = new Map();
    let total = 0;
    const byStatus: Record<string, number> = {};
    for (const [status, n] of [...counts].sort((a, b) => a[0] - b[0])) {
      byStatus[status] = n;
      total += n;
    }
    return { total, byStatus };
  }
}

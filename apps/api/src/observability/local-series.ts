import type { CounterSeries, HistogramSeries } from '@latchkey/building-blocks';

type Labels = Readonly<Record<string, string>>;

/**
 * The series of one metric, each counted in plain numbers on the hot path and handed to the
 * registry only when it is scraped: an increment or an observation costs a few additions instead
 * of prom-client's label validation and hashing per call. Asking twice for the same label values
 * answers the same series, so the set stays as bounded as the labels' values.
 */
export class SeriesSet<S> {
  private readonly byKey = new Map<string, S>();

  constructor(
    private readonly labelNames: readonly string[],
    private readonly create: (labels: Labels) => S,
  ) {}

  series(labels: Labels): S {
    const key = this.labelNames.map((name) => labels[name]).join('\u0000');
    let series = this.byKey.get(key);
    if (series === undefined) this.byKey.set(key, (series = this.create({ ...labels })));
    return series;
  }

  values(): IterableIterator<S> {
    return this.byKey.values();
  }
}

/** Increments not yet handed to prom-client's counter. */
export class PendingCount implements CounterSeries {
  pending = 0;

  constructor(readonly labels: Labels) {}

  inc(by = 1): void {
    this.pending += by;
  }

  /** The increments counted since the last call. */
  take(): number {
    const taken = this.pending;
    this.pending = 0;
    return taken;
  }
}

/** A histogram series: a count per bucket (not cumulative), the sum and the count of its observations. */
export class LocalHistogramSeries implements HistogramSeries {
  readonly counts: number[];
  sum = 0;
  count = 0;

  constructor(
    readonly labels: Labels,
    private readonly upperBounds: readonly number[],
  ) {
    this.counts = new Array<number>(upperBounds.length).fill(0);
  }

  observe(value: number): void {
    if (!Number.isFinite(value)) return;
    this.sum += value;
    this.count += 1;
    const bounds = this.upperBounds;
    for (let i = 0; i < bounds.length; i++) {
      if (value <= bounds[i]) {
        this.counts[i] += 1;
        return;
      }
    }
  }
}

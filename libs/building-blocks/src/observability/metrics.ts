/** One series of a counter, its label values fixed: the hot path holds on to it and only increments. */
export interface CounterSeries {
  inc(by?: number): void;
}

/** One series of a histogram, its label values fixed. */
export interface HistogramSeries {
  observe(value: number): void;
}

export interface MetricSpec<L extends string> {
  /** Prometheus name, `latchkey_…`. */
  name: string;
  help: string;
  /** Every label's values must be bounded (a handful each): a label value from a client is mapped to a known one first. */
  labelNames: readonly L[];
}

export interface MetricCounter<L extends string> {
  /** The series of these label values: resolve it once, ahead of the hot path, and keep it. */
  series(labels: Readonly<Record<L, string>>): CounterSeries;
}

export interface MetricHistogram<L extends string> {
  series(labels: Readonly<Record<L, string>>): HistogramSeries;
}

/** A value read when the metrics are scraped (never computed per request): one `[labels, value]` per series. */
export type GaugeCollector<L extends string> = () => Promise<Iterable<readonly [Readonly<Record<L, string>>, number]>>;

/**
 * The port through which libraries declare and feed their metrics. The application binds it to a
 * Prometheus registry; without it (library tests, the operator command) nothing is measured.
 */
export abstract class Metrics {
  abstract counter<L extends string>(spec: MetricSpec<L>): MetricCounter<L>;
  /** `buckets`: upper bounds, in the unit of the observed values (seconds for durations). */
  abstract histogram<L extends string>(spec: MetricSpec<L> & { buckets?: readonly number[] }): MetricHistogram<L>;
  abstract gauge<L extends string>(spec: MetricSpec<L> & { collect: GaugeCollector<L> }): void;
}

const NOTHING: CounterSeries & HistogramSeries = { inc: () => undefined, observe: () => undefined };

/** Measures nothing. */
export class NoMetrics extends Metrics {
  counter<L extends string>(): MetricCounter<L> {
    return { series: () => NOTHING };
  }

  histogram<L extends string>(): MetricHistogram<L> {
    return { series: () => NOTHING };
  }

  gauge(): void {}
}

export const NO_METRICS: Metrics = new NoMetrics();

/** Buckets for request durations in seconds: 1 ms to 5 s. */
export const DURATION_BUCKETS_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] as const;

/** Seconds since `startMs`, a `performance.now()` reading. */
export const secondsSince = (startMs: number): number => (performance.now() - startMs) / 1000;

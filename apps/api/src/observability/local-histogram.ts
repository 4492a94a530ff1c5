import type { Registry } from 'prom-client';
import { LocalHistogramSeries, SeriesSet } from './local-series';

/** One line of a scrape, as prom-client's registry prints it. */
interface ScrapedValue {
  labels: Record<string, string | number>;
  value: number;
  metricName: string;
}

/**
 * A Prometheus histogram whose series count in plain numbers (see `LocalHistogramSeries`), in
 * prom-client's registry as a metric of its own: the registry asks it for its values when scraped
 * and prints them as it prints prom-client's histograms (`_bucket` with `le`, cumulative, `+Inf`,
 * `_sum`, `_count`).
 */
export class LocalHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly seriesSet: SeriesSet<LocalHistogramSeries>;

  constructor(
    readonly name: string,
    readonly help: string,
    labelNames: readonly string[],
    private readonly upperBounds: readonly number[],
    registry: Registry,
  ) {
    this.seriesSet = new SeriesSet(labelNames, (labels) => new LocalHistogramSeries(labels, upperBounds));
    // The registry reads `name`, `help`, `type` and `get()`; prom-client types expect its own Metric class.
    registry.registerMetric(this as never);
  }

  series(labels: Readonly<Record<string, string>>): LocalHistogramSeries {
    return this.seriesSet.series(labels);
  }

  get(): Promise<{ name: string; help: string; type: 'histogram'; values: ScrapedValue[]; aggregator: 'sum' }> {
    const values: ScrapedValue[] = [];
    for (const series of this.seriesSet.values()) {
      let cumulative = 0;
      this.upperBounds.forEach((bound, i) => {
        cumulative += series.counts[i];
        values.push({ labels: { le: bound, ...series.labels }, value: cumulative, metricName: `${this.name}_bucket` });
      });
      values.push({ labels: { le: '+Inf', ...series.labels }, value: series.count, metricName: `${this.name}_bucket` });
      values.push({ labels: { ...series.labels }, value: series.sum, metricName: `${this.name}_sum` });
      values.push({ labels: { ...series.labels }, value: series.count, metricName: `${this.name}_count` });
    }
    return Promise.resolve({ name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator });
  }

  reset(): void {
    for (const series of this.seriesSet.values()) {
      series.counts.fill(0);
      series.sum = 0;
      series.count = 0;
    }
  }
}

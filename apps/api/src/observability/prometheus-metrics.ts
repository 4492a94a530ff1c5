import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { DURATION_BUCKETS_SECONDS, type MetricCounter, type MetricHistogram, Metrics, type MetricSpec } from '@latchkey/building-blocks';
import { LocalHistogram } from './local-histogram';
import { PendingCount, SeriesSet } from './local-series';

/**
 * The metrics port bound to a Prometheus registry of the application's own (never prom-client's
 * global one, so that several applications in one process do not mix). A series declared twice
 * (the HTTP edge and the Auth API both count answers) is the same series. Counters and histograms
 * count in plain numbers per series and reach the registry when it is scraped: the token endpoint
 * counts every request, and prom-client validates and hashes the labels on every call.
 */
export class PrometheusMetrics extends Metrics {
  readonly registry = new Registry();
  private readonly declared = new Map<string, SeriesSet<PendingCount> | LocalHistogram>();

  constructor() {
    super();
    collectDefaultMetrics({ register: this.registry });
    // Declared at start, so the series is scraped before the first webhook delivery.
    this.counter({ name: 'latchkey_webhook_deliveries_total', help: 'Webhook deliveries, by outcome', labelNames: ['outcome'] });
  }

  /** Its series count locally; their increments are added to prom-client's counter when it is scraped. */
  counter<L extends string>(spec: MetricSpec<L>): MetricCounter<L> {
    return this.declare(spec.name, () => {
      const set = new SeriesSet(spec.labelNames, (labels) => new PendingCount(labels));
      new Counter({
        name: spec.name,
        help: spec.help,
        labelNames: [...spec.labelNames],
        registers: [this.registry],
        collect() {
          for (const one of set.values()) {
            const taken = one.take();
            if (taken > 0) this.inc(one.labels as Partial<Record<L, string>>, taken);
          }
        },
      });
      return set;
    });
  }

  histogram<L extends string>(spec: MetricSpec<L> & { buckets?: readonly number[] }): MetricHistogram<L> {
    const buckets = spec.buckets ?? DURATION_BUCKETS_SECONDS;
    return this.declare(spec.name, () => new LocalHistogram(spec.name, spec.help, spec.labelNames, buckets, this.registry));
  }

  gauge<L extends string>(spec: MetricSpec<L> & { collect: () => Promise<Iterable<readonly [Readonly<Record<L, string>>, number]>> }): void {
    const { collect } = spec;
    new Gauge({
      name: spec.name,
      help: spec.help,
      labelNames: [...spec.labelNames],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [labels, value] of await collect()) this.set(labels, value);
      },
    });
  }

  /** The text Prometheus scrapes. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  private declare<M extends SeriesSet<PendingCount> | LocalHistogram>(name: string, create: () => M): M {
    let metric = this.declared.get(name);
    if (!metric) this.declared.set(name, (metric = create()));
    return metric as M;
  }
}

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { type MetricCounter, type MetricHistogram, Metrics, type MetricSpec } from '@latchkey/building-blocks';

/**
 * The metrics port bound to a Prometheus registry of the application's own (never prom-client's
 * global one, so that several applications in one process do not mix). A series declared twice
 * (the HTTP edge and the Auth API both count answers) is the same series.
 */
export class PrometheusMetrics extends Metrics {
  readonly registry = new Registry();
  private readonly declared = new Map<string, Counter | Histogram>();

  constructor() {
    super();
    collectDefaultMetrics({ register: this.registry });
    // Declared at start, so the series is scraped before the first webhook delivery.
    this.counter({ name: 'latchkey_webhook_deliveries_total', help: 'Webhook deliveries, by outcome', labelNames: ['outcome'] });
  }

  counter<L extends string>(spec: MetricSpec<L>): MetricCounter<L> {
    const counter = this.declare(spec.name, () => new Counter({ ...spec, labelNames: [...spec.labelNames], registers: [this.registry] }));
    return { series: (labels) => counter.labels(labels) };
  }

  histogram<L extends string>(spec: MetricSpec<L> & { buckets?: readonly number[] }): MetricHistogram<L> {
    const histogram = this.declare(
      spec.name,
      () =>
        new Histogram({
          name: spec.name,
          help: spec.help,
          labelNames: [...spec.labelNames],
          ...(spec.buckets ? { buckets: [...spec.buckets] } : {}),
          registers: [this.registry],
        }),
    );
    return { series: (labels) => histogram.labels(labels) };
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

  private declare<M extends Counter | Histogram>(name: string, create: () => M): M {
    let metric = this.declared.get(name);
    if (!metric) this.declared.set(name, (metric = create()));
    return metric as M;
  }
}

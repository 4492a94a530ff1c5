import { Histogram, Registry } from 'prom-client';
import { PrometheusMetrics } from './prometheus-metrics';

const BUCKETS = [0.001, 0.01, 0.1, 1] as const;

/** The lines of one metric in a scrape (its HELP and TYPE lines included). */
function linesOf(scrape: string, name: string): string[] {
  return scrape.split('\n').filter((line) => line.startsWith(name) || line.includes(` ${name} `));
}

describe('PrometheusMetrics', () => {
  it('counts a counter series locally and adds the increments when scraped, once', async () => {
    const metrics = new PrometheusMetrics();
    const series = metrics.counter({ name: 'latchkey_test_total', help: 'Test counter', labelNames: ['outcome'] }).series({ outcome: 'issued' });
    series.inc();
    series.inc(2);

    expect(linesOf(await metrics.scrape(), 'latchkey_test_total')).toContain('latchkey_test_total{outcome="issued"} 3');
    series.inc();
    expect(linesOf(await metrics.scrape(), 'latchkey_test_total')).toContain('latchkey_test_total{outcome="issued"} 4');
    expect(linesOf(await metrics.scrape(), 'latchkey_test_total')).toContain('latchkey_test_total{outcome="issued"} 4');
  });

  it('answers the same series for the same labels, whoever declares the metric', async () => {
    const metrics = new PrometheusMetrics();
    const spec = { name: 'latchkey_shared_total', help: 'Shared', labelNames: ['surface', 'status'] as const };
    const one = metrics.counter(spec).series({ surface: 'auth', status: '200' });
    const other = metrics.counter(spec).series({ status: '200', surface: 'auth' });

    expect(other).toBe(one);
    one.inc();
    other.inc();
    expect(linesOf(await metrics.scrape(), 'latchkey_shared_total')).toContain('latchkey_shared_total{surface="auth",status="200"} 2');
  });

  it("prints a histogram exactly as prom-client's own histogram prints the same observations", async () => {
    const metrics = new PrometheusMetrics();
    const spec = { name: 'latchkey_test_seconds', help: 'Test histogram', labelNames: ['kind'] as const, buckets: BUCKETS };
    const reference = new Registry();
    const expected = new Histogram({ ...spec, labelNames: [...spec.labelNames], buckets: [...BUCKETS], registers: [reference] });
    const observations = [0.0005, 0.001, 0.002, 0.05, 0.5, 3, 0];
    for (const kind of ['a', 'b']) {
      const series = metrics.histogram(spec).series({ kind });
      for (const value of observations) {
        series.observe(value);
        expected.observe({ kind }, value);
      }
    }

    expect(linesOf(await metrics.scrape(), 'latchkey_test_seconds')).toEqual(linesOf(await reference.metrics(), 'latchkey_test_seconds'));
  });

  it('ignores an observation that is not a finite number', async () => {
    const metrics = new PrometheusMetrics();
    const series = metrics.histogram({ name: 'latchkey_finite_seconds', help: 'Finite', labelNames: [], buckets: BUCKETS }).series({});
    series.observe(Number.NaN);
    series.observe(0.002);

    expect(linesOf(await metrics.scrape(), 'latchkey_finite_seconds')).toContain('latchkey_finite_seconds_count 1');
  });
});

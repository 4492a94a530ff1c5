import type { MetricCounter, Metrics } from './metrics';

/** Which HTTP API answered: the Auth API, the Platform API, the console API, the probes, or anything else (pages, docs, unknown paths). */
export type HttpSurface = 'auth' | 'platform' | 'console' | 'probe' | 'other';

/** `latchkey_http_requests_total{surface,status}`: answers by surface and status code. */
export function httpRequests(metrics: Metrics): MetricCounter<'surface' | 'status'> {
  return metrics.counter({
    name: 'latchkey_http_requests_total',
    help: 'HTTP answers, by surface (auth, platform, console, probe, other) and status code',
    labelNames: ['surface', 'status'],
  });
}

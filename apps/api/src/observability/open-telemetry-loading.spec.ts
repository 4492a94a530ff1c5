import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..', '..');

/**
 * Makes the application's observability in a fresh Node process and counts the OpenTelemetry modules
 * it loaded, the API package aside: prom-client's process metrics load `@opentelemetry/api` for
 * exemplars, a no-op without an SDK. The SDK, the exporter and the rest are what tracing costs.
 */
function openTelemetryModulesLoaded(env: Record<string, string>): number {
  const script = `
    const { loadConfig } = require('./apps/api/src/config/app-config');
    const { createObservability } = require('./apps/api/src/observability/observability');
    createObservability(loadConfig(${JSON.stringify({ EVENT_STORE: 'memory', METRICS_PORT: '0', ...env })}), { destination: { write() {} } })
      .then(() => console.log(Object.keys(require.cache).filter((path) => path.includes('@opentelemetry/') && !path.includes('@opentelemetry/api/')).length))
      .then(() => process.exit(0));`;
  const out = execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', script], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  return Number(out.trim().split('\n').pop());
}

describe('OpenTelemetry is loaded only when OTEL_EXPORTER_OTLP_ENDPOINT is set', () => {
  jest.setTimeout(90_000);

  it('loads no OpenTelemetry SDK or exporter module without an endpoint', () => {
    expect(openTelemetryModulesLoaded({})).toBe(0);
  });

  it('loads it with an endpoint (the control: the count above would see it)', () => {
    expect(openTelemetryModulesLoaded({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' })).toBeGreaterThan(0);
  });
});

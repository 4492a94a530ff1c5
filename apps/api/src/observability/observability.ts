import type { OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { NO_TRACING, type Tracing } from '@latchkey/building-blocks';
import type { AppConfig } from '../config/app-config';
import type { RequestTrace } from '../http/request-observation';
import { createRootLogger, type LoggerSettings } from '../logging/logger-options';
import { type MetricsServer, startMetricsServer } from './metrics-server';
import type { OpenTelemetryTracing } from './open-telemetry';
import { PrometheusMetrics } from './prometheus-metrics';

/** The application's logger, metrics and tracing, made before Nest so that the HTTP edge can use them. */
export class Observability implements OnApplicationShutdown {
  private metricsServer: MetricsServer | null = null;

  constructor(
    readonly logger: Logger,
    readonly metrics: PrometheusMetrics,
    private readonly openTelemetry: OpenTelemetryTracing | null,
  ) {}

  get tracing(): Tracing {
    return this.openTelemetry ?? NO_TRACING;
  }

  get traceRequest(): ((request: Parameters<OpenTelemetryTracing['traceRequest']>[0]) => RequestTrace) | null {
    return this.openTelemetry?.traceRequest ?? null;
  }

  /** Starts the metrics listener (METRICS_HOST:METRICS_PORT); answers where `/metrics` is, or null when it is off. */
  async serveMetrics(address: AppConfig['metrics']): Promise<string | null> {
    if (address === null) return null;
    this.metricsServer ??= await startMetricsServer(() => this.metrics.scrape(), address);
    return this.metricsServer.url;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.metricsServer?.close();
    await this.openTelemetry?.shutdown();
  }
}

export async function createObservability(config: AppConfig, settings: LoggerSettings = {}): Promise<Observability> {
  // Loaded only when tracing: without an endpoint, no OpenTelemetry module is ever required.
  const openTelemetry = config.otlpEndpoint ? new (await import('./open-telemetry')).OpenTelemetryTracing(config.otlpEndpoint) : null;
  return new Observability(createRootLogger(config, settings), new PrometheusMetrics(), openTelemetry);
}

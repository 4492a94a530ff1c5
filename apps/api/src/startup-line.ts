import type { AppConfig } from './config/app-config';

/** The one line at start saying where everything is: the console, the API docs, the metrics (or that they are off). */
export function startupLine(config: AppConfig, metricsUrl: string | null): string {
  return (
    `Latchkey listening: console ${config.publicUrl}/, API docs ${config.publicUrl}/docs, ` +
    `metrics ${metricsUrl ?? 'off (METRICS_PORT=0)'} ` +
    `(bound to ${config.host}:${config.port}; ${config.eventStore} store, data in ${config.dataDir})`
  );
}

import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap';
import { MasterKeyError } from '@latchkey/keys';
import { ConfigError, loadConfig } from './config/app-config';
import { Observability } from './observability/observability';
import { startupLine } from './startup-line';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const app = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
  const metricsUrl = await app.get(Observability).serveMetrics(config.metrics);
  new Logger('Latchkey').log(startupLine(config, metricsUrl));
}

void main().catch((error: unknown) => {
  if (error instanceof MasterKeyError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG: the master key does not open the key ring
  }
  process.stderr.write(`Latchkey failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

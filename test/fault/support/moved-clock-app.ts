/**
 * Child process of the inactivity crash test: Latchkey's real application, configured from the
 * environment as `main.ts` does, on a clock that runs from `CLOCK_AT` (an ISO time) instead of now,
 * so the test can start it days or weeks later without waiting for them.
 */
import 'reflect-metadata';
import { Clock } from '@latchkey/building-blocks';
import { createApp } from '../../../apps/api/src/bootstrap';
import { loadConfig } from '../../../apps/api/src/config/app-config';

class MovedClock extends Clock {
  private readonly offsetMs: number;
  constructor(at: string) {
    super();
    this.offsetMs = Date.parse(at) - Date.now();
  }
  nowMs(): number {
    return Date.now() + this.offsetMs;
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config, { clock: new MovedClock(process.env.CLOCK_AT ?? new Date().toISOString()) });
  await app.listen({ port: config.port, host: config.host });
  process.stdout.write('listening\n');
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

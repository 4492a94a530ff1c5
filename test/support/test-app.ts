import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createApp } from '../../apps/api/src/bootstrap';
import type { AppModuleOptions } from '../../apps/api/src/app.module';
import { type AppConfig, loadConfig } from '../../apps/api/src/config/app-config';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  /** Every log line the app wrote, as text. */
  logs: string[];
  server: ReturnType<NestFastifyApplication['getHttpServer']>;
  close(): Promise<void>;
}

/**
 * Test suites sign up and accept invitations far more often than 10 times in 10 minutes, all from
 * one address: they raise `SIGNUP_RATE_LIMIT`, as API.md allows. A suite that tests the throttle
 * sets its own.
 */
export const TEST_SIGNUP_RATE_LIMIT = '100000/600';

/** A fixed master key for suites on the EventStoreDB adapter, which requires one; a suite about the master key sets its own. */
export const TEST_MASTER_KEY = Buffer.alloc(32, 7).toString('base64');

/** Starts the real application on a fresh data directory (sqlite by default), not listening. */
export async function startTestApp(given: Record<string, string> = {}, options: Omit<AppModuleOptions, 'logDestination'> = {}): Promise<TestApp> {
  const ownDir = given.DATA_DIR ? null : mkdtempSync(join(tmpdir(), 'latchkey-e2e-'));
  const masterKey = given.EVENT_STORE === 'eventstoredb' && !given.MASTER_KEY && !given.MASTER_KEY_FILE ? { MASTER_KEY: TEST_MASTER_KEY } : {};
  const env = {
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
    PUBLIC_URL: 'http://latchkey.test',
    SIGNUP_RATE_LIMIT: TEST_SIGNUP_RATE_LIMIT,
    ...masterKey,
    ...given,
  };
  const config = loadConfig({ ...env, ...(ownDir ? { DATA_DIR: ownDir } : {}) });
  const logs: string[] = [];
  const logDestination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const app = await createApp(config, { ...options, logDestination });
  return {
    app,
    config,
    logs,
    server: app.getHttpServer(),
    async close() {
      await app.close();
      if (ownDir) rmSync(ownDir, { recursive: true, force: true });
    },
  };
}

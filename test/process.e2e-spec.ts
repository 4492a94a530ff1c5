import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChildApp, spawnApp, waitForStatus } from './support/child-app';

describe('the Latchkey process', () => {
  jest.setTimeout(60_000);
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'latchkey-process-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts on the embedded sqlite store, answers /health and /ready, and shuts down cleanly on SIGTERM', async () => {
    const app = await spawnApp({ DATA_DIR: dataDir });
    try {
      await waitForStatus(app, '/health');
      await waitForStatus(app, '/ready');
      expect(existsSync(join(dataDir, 'events.sqlite'))).toBe(true);
      expect(existsSync(join(dataDir, 'read-models.sqlite'))).toBe(true);
    } finally {
      app.process.kill('SIGTERM');
    }
    // Nest closes the app, then re-raises the signal so the exit status still says SIGTERM.
    const { code, signal } = await app.exited;
    expect(code === 0 || signal === 'SIGTERM').toBe(true);
    expect(app.output()).toContain('Event store and read models closed');
    // One line says where everything is; Nest's route mappings are debug lines, not shown at info.
    expect(app.output()).toContain(
      `Latchkey listening: console http://localhost:${app.port}/, API docs http://localhost:${app.port}/docs, metrics off (METRICS_PORT=0)`,
    );
    expect(app.output()).not.toContain('Mapped {');
    expect(app.output()).not.toContain('RoutesResolver');
  });

  it('writes pretty lines with LOG_FORMAT=pretty, and the route mappings at LOG_LEVEL=debug', async () => {
    const app = await spawnApp({ DATA_DIR: dataDir, LOG_FORMAT: 'pretty', LOG_LEVEL: 'debug' });
    try {
      await waitForStatus(app, '/ready');
      for (let i = 0; i < 100 && !app.output().includes('Latchkey listening'); i++) await new Promise((r) => setTimeout(r, 100));
    } finally {
      app.process.kill('SIGTERM');
    }
    await app.exited;
    const lines = app.output().split('\n');
    expect(lines.find((line) => line.includes('Latchkey listening: console'))).toMatch(/INFO.*\(Latchkey|INFO/);
    expect(lines.some((line) => line.startsWith('{'))).toBe(false);
    expect(lines.some((line) => /DEBUG/.test(line) && line.includes('Mapped {/console/v1/me, GET} route'))).toBe(true);
  });

  it('loads the EventStoreDB client, the Redis client and the pretty printer only when configured to use them', async () => {
    const loadedPackages = async (app: ChildApp): Promise<string[]> => {
      try {
        await waitForStatus(app, '/ready');
        app.process.kill('SIGUSR2');
        for (let i = 0; i < 100 && !app.output().includes('loaded-packages: '); i++) await new Promise((r) => setTimeout(r, 100));
        return JSON.parse(/loaded-packages: (.*)/.exec(app.output())![1]) as string[];
      } finally {
        app.process.kill('SIGTERM');
        await app.exited;
      }
    };
    const entry = join(__dirname, 'support', 'loaded-packages-app.ts');
    const optional = ['@eventstore/db-client', '@grpc/grpc-js', 'ioredis', 'pino-pretty'];

    const embedded = await loadedPackages(await spawnApp({ DATA_DIR: dataDir, LOG_FORMAT: 'json' }, { entry }));
    expect(embedded).toEqual(expect.arrayContaining(['better-sqlite3', 'fastify', 'pino']));
    expect(embedded.filter((name) => optional.includes(name))).toEqual([]);

    const pretty = await loadedPackages(await spawnApp({ DATA_DIR: dataDir, LOG_FORMAT: 'pretty' }, { entry }));
    expect(pretty.filter((name) => optional.includes(name))).toEqual(['pino-pretty']);
  });

  it('refuses to start with invalid configuration, naming the variable', async () => {
    const app = await spawnApp({ DATA_DIR: dataDir, EVENT_STORE: 'postgres' });
    const { code } = await app.exited;
    expect(code).toBe(78);
    expect(app.output()).toContain('EVENT_STORE must be one of sqlite, eventstoredb, memory');
    expect(app.output()).not.toMatch(/\n\s+at /);
  });
});

import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..');

export interface ChildApp {
  process: ChildProcess;
  port: number;
  baseUrl: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const TEST_DEFAULTS = { LOG_LEVEL: 'info', SIGNUP_RATE_LIMIT: '100000/600' };

/** The test process's search paths, so that the child finds the same programs and modules. */
const SEARCH_PATHS = { PATH: process.env.PATH ?? '', ...(process.env.NODE_PATH ? { NODE_PATH: process.env.NODE_PATH } : {}) };

/**
 * Runs Latchkey's real entry point (`apps/api/src/main.ts`, or another `entry` script) as a child process on
 * 127.0.0.1 and a free port. With `exactEnv`, its environment is `env` plus only PATH (and NODE_PATH if set),
 * HOST and PORT (no test defaults).
 */
export async function spawnApp(env: Record<string, string>, options: { exactEnv?: boolean; entry?: string } = {}): Promise<ChildApp> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  let out = '';
  const entry = options.entry ?? join(repoRoot, 'apps/api/src/main.ts');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], {
    cwd: repoRoot,
    // Metrics off unless a test asks for them: several apps may run at once, and 9464 is one port.
    env: { ...SEARCH_PATHS, HOST: '127.0.0.1', METRICS_PORT: '0', ...(options.exactEnv ? {} : TEST_DEFAULTS), ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { process: child, port, baseUrl: `http://127.0.0.1:${port}`, output: () => out, exited };
}

/**
 * Polls `url` until it answers `status` (default 200) or the child exits or time runs out. The
 * default wait is generous: a server starting on a 2-core machine busy with other work has taken
 * over 30 s to answer `/ready`.
 */
export async function waitForStatus(app: ChildApp, path: string, status = 200, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void app.exited.then(() => (exited = true));
  while (Date.now() < deadline && !exited) {
    try {
      const res = await fetch(app.baseUrl + path);
      if (res.status === status) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${path} did not answer ${status} in time. Output:\n${app.output()}`);
}

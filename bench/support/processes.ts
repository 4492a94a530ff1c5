import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { GLIBC_TUNABLES } from '../../apps/api/src/config/glibc-tunables';

export { freePort } from '../../test/support/child-app';

export const repoRoot = join(__dirname, '..', '..');

/** Builds the API once so benchmarks measure the compiled code, as `npm start` runs it. */
export function buildApi(): void {
  execFileSync('npx', ['nest', 'build', 'api'], { cwd: repoRoot, stdio: 'inherit' });
}

/** What `npm start` and the image give Latchkey's server besides its settings. */
export const LATCHKEY_START_ENV = { GLIBC_TUNABLES };

export interface Server {
  process: ChildProcess;
  baseUrl: string;
  stop(): Promise<void>;
}

/** Starts a node program pinned to one core (`taskset -c <core>`) and waits (at most `readyWithinMs`) for `readyPath` to answer 200. */
export async function startPinned(
  core: number,
  args: string[],
  env: Record<string, string>,
  readyPath: string,
  readyWithinMs = 60_000,
): Promise<Server> {
  const port = Number(env.PORT);
  const child = spawn('taskset', ['-c', String(core), process.execPath, ...args], {
    cwd: repoRoot,
    // Metrics off unless the caller gives them a port: 9464 is one port, and benchmarks may overlap.
    env: { PATH: process.env.PATH ?? '', SIGNUP_RATE_LIMIT: '100000/600', METRICS_PORT: '0', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyWithinMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early: ${stderr}`);
    try {
      if ((await fetch(baseUrl + readyPath)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server not ready within ${readyWithinMs / 1000} s: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    process: child,
    baseUrl,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * CPU time (user and system) a process has used so far, in seconds (Linux, from /proc). Unlike
 * throughput, CPU time per request hardly moves when other processes compete for the core.
 */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

import { existsSync, readFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';

export interface LoopDelay {
  sequence: number;
  count: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
  /** Full (mark-compact) garbage collections in the window. */
  fullGcs: number;
}

/** Node options that load the event-loop delay probe into a server (see `loop-delay-probe.js`). */
export const LOOP_DELAY_NODE_ARGS = ['--require', './bench/support/loop-delay-probe.js'];

/** Asks a server running the probe for its event-loop delay since the previous call, and starts a new window. */
export async function takeLoopDelay(server: ChildProcess, file: string): Promise<LoopDelay> {
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as LoopDelay).sequence : 0;
  server.kill('SIGURG');
  const deadline = Date.now() + 10_000;
  for (;;) {
    await new Promise((r) => setTimeout(r, 20));
    if (existsSync(file)) {
      try {
        const snapshot = JSON.parse(readFileSync(file, 'utf8')) as LoopDelay;
        if (snapshot.sequence > previous) return snapshot;
      } catch {
        // being written
      }
    }
    if (Date.now() > deadline) throw new Error('the server did not report its event-loop delay (was it started with the probe?)');
  }
}

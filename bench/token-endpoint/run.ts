/**
 * Token endpoint benchmark: Latchkey's jwt-bearer exchange against the minimal token endpoint,
 * each pinned to core 0, load generated from core 1 (run this script with `taskset -c 1`).
 * Alternating rounds; figures are medians, with the server CPU time per request and the server's
 * event-loop delay beside the throughput (both hardly move when other processes compete for the
 * core). Run with `npm run bench:token` (`-- --write-docs` puts the report in docs/performance.md).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drive, type LoadResult } from '../support/load';
import { LOOP_DELAY_NODE_ARGS, takeLoopDelay } from '../support/loop-delay';
import { buildApi, cpuSeconds, fmt, median, type Server } from '../support/processes';
import { publish, runLabel } from '../support/figures-doc';
import { runInfo } from '../support/run-info';
import { setUpLatchkey, startMinimal, type Target } from './targets';

const ROUNDS = Number(process.env.ROUNDS ?? 2);
const DURATION_SECONDS = Number(process.env.DURATION ?? 10);
const CONNECTIONS = 50;
const TARGETS = { ratio: 1.2, p99: 25, p999: 40 };

type Measured = LoadResult & { cpuPerRequestUs: number; loopDelayP99: number; fullGcs: number };

/** Drives one target and measures its server's CPU time per answered request and its event-loop delay. */
async function load(server: Server, loopDelayFile: string, t: Target): Promise<Measured> {
  const pid = server.process.pid!;
  await takeLoopDelay(server.process, loopDelayFile); // starts the window
  const before = cpuSeconds(pid);
  const result = await drive(t.url, { connections: CONNECTIONS, durationSeconds: DURATION_SECONDS, body: t.body, headers: t.headers });
  const cpuPerRequestUs = ((cpuSeconds(pid) - before) * 1e6) / Math.max(result.requests, 1);
  const loopDelay = await takeLoopDelay(server.process, loopDelayFile);
  return { ...result, cpuPerRequestUs, loopDelayP99: loopDelay.p99, fullGcs: loopDelay.fullGcs };
}

function summarize(results: Measured[]) {
  return {
    rps: median(results.map((r) => r.requestsPerSecond)),
    cpu: median(results.map((r) => r.cpuPerRequestUs)),
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
    p999: median(results.map((r) => r.p999)),
    loop: median(results.map((r) => r.loopDelayP99)),
    fullGcs: median(results.map((r) => r.fullGcs)),
    failures: results.reduce((n, r) => n + r.non2xx + r.errors, 0),
  };
}

async function main(): Promise<void> {
  const started = new Date();
  buildApi();
  const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-bench-token-'));
  const loopFiles = { latchkey: join(dataDir, 'loop-latchkey.json'), minimal: join(dataDir, 'loop-minimal.json') };
  const latchkey = await setUpLatchkey(dataDir, { nodeArgs: LOOP_DELAY_NODE_ARGS, env: { LOOP_DELAY_FILE: loopFiles.latchkey } });
  const minimal = await startMinimal(dataDir, latchkey.jwt, { nodeArgs: LOOP_DELAY_NODE_ARGS, env: { LOOP_DELAY_FILE: loopFiles.minimal } });
  const results: Record<string, Measured[]> = { latchkey: [], minimal: [], refresh: [] };
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      process.stdout.write(`round ${round}/${ROUNDS}…\n`);
      results.latchkey.push(await load(latchkey.server, loopFiles.latchkey, latchkey.jwtOnly));
      results.minimal.push(await load(minimal.server, loopFiles.minimal, minimal.target));
      results.refresh.push(await load(latchkey.server, loopFiles.latchkey, latchkey.withRefresh));
    }
  } finally {
    await Promise.all([latchkey.server.stop(), minimal.server.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
  const l = summarize(results.latchkey);
  const m = summarize(results.minimal);
  const r = summarize(results.refresh);
  const row = (name: string, s: ReturnType<typeof summarize>, ratio: string) =>
    `| ${name} | ${fmt(s.rps)} | ${fmt(s.p50, 1)} ms | ${fmt(s.p99, 1)} ms | ${fmt(s.p999, 1)} ms | ${fmt(s.loop, 1)} ms | ${fmt(s.fullGcs)} | ${ratio} | ${fmt(s.cpu)} µs | ${fmt(m.cpu / s.cpu, 2)} | ${s.failures} |`;
  const verdict = (name: string, s: ReturnType<typeof summarize>) => {
    const ratio = s.rps / m.rps;
    const pass = (ok: boolean) => (ok ? 'PASS' : 'MISS');
    return `${name}: ratio ≥ ${TARGETS.ratio} → ${pass(ratio >= TARGETS.ratio)} (${fmt(ratio, 2)}); p99 ≤ ${TARGETS.p99} ms → ${pass(s.p99 <= TARGETS.p99)} (${fmt(s.p99, 1)} ms); p99.9 ≤ ${TARGETS.p999} ms → ${pass(s.p999 <= TARGETS.p999)} (${fmt(s.p999, 1)} ms)`;
  };
  publish(
    'token',
    [
      runInfo(started),
      '',
      `Token endpoint, ${CONNECTIONS} connections, ${DURATION_SECONDS} s per round, ${ROUNDS} alternating rounds (medians), server on one core:`,
      '',
      '| endpoint | requests/s | p50 | p99 | p99.9 | server event-loop delay p99 | server full GCs per round | ratio vs minimal | server CPU per request | CPU ratio (minimal / it) | non-2xx/errors |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
      row(latchkey.jwtOnly.name, l, fmt(l.rps / m.rps, 2)),
      row(latchkey.withRefresh.name, r, fmt(r.rps / m.rps, 2)),
      row(minimal.target.name, m, '1.00'),
      '',
      "CPU per request (user + system time of the server process over answered requests) and the event-loop delay (`perf_hooks.monitorEventLoopDelay` in the server, loaded only by the benchmark) are less sensitive to other load on the machine than requests/s. Full GCs (mark-compact collections, counted in the server by the same probe) make most of the tail: each marks the whole heap on the server's one core.",
      '',
      `Targets: ${verdict('jwt-bearer', l)}. ${verdict('with refresh token', r)}.`,
    ].join('\n'),
    `- Token endpoint, ${CONNECTIONS} connections, one core (\`npm run bench:token\`, ${runLabel(started)}): ${fmt(l.rps)} jwt-bearer exchanges/s, p99 ${fmt(l.p99, 1)} ms, p99.9 ${fmt(l.p999, 1)} ms, ${fmt(l.rps / m.rps, 2)} × the minimal endpoint; with refresh tokens ${fmt(r.rps)}/s, p99 ${fmt(r.p99, 1)} ms, p99.9 ${fmt(r.p999, 1)} ms, ${fmt(r.rps / m.rps, 2)} × (targets ${TARGETS.ratio} ×, ${TARGETS.p99} ms, ${TARGETS.p999} ms).`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

/**
 * Token endpoint benchmark: Latchkey's jwt-bearer exchange against the minimal token endpoint,
 * each pinned to core 0, load generated from core 1 (run this script with `taskset -c 1`).
 * Alternating rounds; figures are medians, with the server CPU time per request beside the
 * throughput (it hardly moves when other processes compete for the core). Run with `npm run bench:token`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drive, type LoadResult } from '../support/load';
import { buildApi, cpuSeconds, fmt, median, type Server } from '../support/processes';
import { setUpLatchkey, startMinimal, type Target } from './targets';

const ROUNDS = Number(process.env.ROUNDS ?? 2);
const DURATION_SECONDS = Number(process.env.DURATION ?? 10);
const CONNECTIONS = 50;

type Measured = LoadResult & { cpuPerRequestUs: number };

/** Drives one target and measures its server's CPU time per answered request. */
async function load(server: Server, t: Target): Promise<Measured> {
  const pid = server.process.pid!;
  const before = cpuSeconds(pid);
  const result = await drive(t.url, { connections: CONNECTIONS, durationSeconds: DURATION_SECONDS, body: t.body, headers: t.headers });
  return { ...result, cpuPerRequestUs: ((cpuSeconds(pid) - before) * 1e6) / Math.max(result.requests, 1) };
}

function summarize(results: Measured[]) {
  return {
    rps: median(results.map((r) => r.requestsPerSecond)),
    cpu: median(results.map((r) => r.cpuPerRequestUs)),
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
    failures: results.reduce((n, r) => n + r.non2xx + r.errors, 0),
  };
}

async function main(): Promise<void> {
  buildApi();
  const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-bench-token-'));
  const latchkey = await setUpLatchkey(dataDir);
  const minimal = await startMinimal(dataDir, latchkey.jwt);
  const results: Record<string, Measured[]> = { latchkey: [], minimal: [], refresh: [] };
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      process.stdout.write(`round ${round}/${ROUNDS}…\n`);
      results.latchkey.push(await load(latchkey.server, latchkey.jwtOnly));
      results.minimal.push(await load(minimal.server, minimal.target));
      results.refresh.push(await load(latchkey.server, latchkey.withRefresh));
    }
  } finally {
    await Promise.all([latchkey.server.stop(), minimal.server.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
  const l = summarize(results.latchkey);
  const m = summarize(results.minimal);
  const r = summarize(results.refresh);
  const row = (name: string, s: ReturnType<typeof summarize>, ratio: string) =>
    `| ${name} | ${fmt(s.rps)} | ${fmt(s.p50, 1)} ms | ${fmt(s.p99, 1)} ms | ${ratio} | ${fmt(s.cpu)} µs | ${fmt(m.cpu / s.cpu, 2)} | ${s.failures} |`;
  process.stdout.write(
    [
      '',
      `Token endpoint, ${CONNECTIONS} connections, ${DURATION_SECONDS} s per round, ${ROUNDS} alternating rounds (medians), server on one core:`,
      '',
      '| endpoint | requests/s | p50 | p99 | ratio vs minimal | server CPU per request | CPU ratio (minimal / it) | non-2xx/errors |',
      '|---|---|---|---|---|---|---|---|',
      row(latchkey.jwtOnly.name, l, fmt(l.rps / m.rps, 2)),
      row(latchkey.withRefresh.name, r, fmt(r.rps / m.rps, 2)),
      row(minimal.target.name, m, '1.00'),
      '',
      'CPU per request (user + system time of the server process over answered requests) is less sensitive to other load on the machine than requests/s.',
      '',
      `Targets: ratio ≥ 1.0 → ${l.rps / m.rps >= 1 ? 'PASS' : 'MISS'} (${fmt(l.rps / m.rps, 2)}); p99 ≤ 25 ms → ${l.p99 <= 25 ? 'PASS' : 'MISS'} (${fmt(l.p99, 1)} ms)`,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

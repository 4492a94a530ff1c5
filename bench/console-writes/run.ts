/**
 * Console write benchmark: credential creations per second with 16 concurrent clients, on the
 * sqlite store (durable, as shipped) against the memory store in the same run. Each server is
 * pinned to core 0; clients run here (use `taskset -c 1`). Run with `npm run bench:console-writes`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsoleClient } from '../../test/support/console-client';
import { buildApi, fmt, freePort, LATCHKEY_START_ENV, median, startPinned } from '../support/processes';
import { publish, runLabel } from '../support/figures-doc';
import { runInfo } from '../support/run-info';

const CLIENTS = 16;
const DURATION_MS = Number(process.env.DURATION ?? 8) * 1000;
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const TARGET_PER_SECOND = 1000;
const TARGET_RATIO = 0.5;

async function measure(store: 'sqlite' | 'memory'): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), `latchkey-bench-writes-${store}-`));
  const port = await freePort();
  const server = await startPinned(
    0,
    ['dist/apps/api/src/main.js'],
    {
      ...LATCHKEY_START_ENV,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      EVENT_STORE: store,
      LOG_LEVEL: 'warn',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
    },
    '/ready',
  );
  try {
    const admin = new ConsoleClient(server.baseUrl);
    await admin.signup(`writes-${store}@example.com`, 'Writes Org');
    await admin.createCredential('warm-up');
    let created = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        for (let i = 0; Date.now() - started < DURATION_MS; i++) {
          await admin.createCredential(`client ${c} credential ${i}`);
          created++;
        }
      }),
    );
    return created / ((Date.now() - started) / 1000);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const started = new Date();
  buildApi();
  const sqlite: number[] = [];
  const memory: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    process.stdout.write(`round ${round}/${ROUNDS}…\n`);
    sqlite.push(await measure('sqlite'));
    memory.push(await measure('memory'));
  }
  const s = median(sqlite);
  const m = median(memory);
  publish(
    'console-writes',
    [
      runInfo(started),
      '',
      `Credential creations, ${CLIENTS} concurrent clients, ${DURATION_MS / 1000} s per round, ${ROUNDS} alternating rounds (medians), server on one core:`,
      '',
      '| store | creations/s |',
      '|---|---|',
      `| sqlite (WAL synced before each acknowledgement) | ${fmt(s)} |`,
      `| memory | ${fmt(m)} |`,
      '',
      `Targets: ≥ ${fmt(TARGET_PER_SECOND)} creations/s on sqlite → ${s >= TARGET_PER_SECOND ? 'PASS' : 'MISS'} (${fmt(s)}); ratio sqlite/memory ≥ ${TARGET_RATIO} → ${s / m >= TARGET_RATIO ? 'PASS' : 'MISS'} (${fmt(s / m, 2)})`,
    ].join('\n'),
    `- Durable console writes, ${CLIENTS} clients, one core (\`npm run bench:console-writes\`, ${runLabel(started)}): ${fmt(s)} credential creations/s (target ${fmt(TARGET_PER_SECOND)}).`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

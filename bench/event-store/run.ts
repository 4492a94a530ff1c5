/**
 * Event-store benchmark: sqlite (temp file, durability settings as shipped) against memory.
 * Each figure is the median of RUNS runs on fresh stores. Exits with code 1 when a sqlite target is missed.
 * Run with `npm run bench:event-store`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '../../libs/event-store/src/port/event-store.port';
import { MemoryEventStore } from '../../libs/event-store/src/adapters/memory/memory-event-store';
import { SqliteEventStore } from '../../libs/event-store/src/adapters/sqlite/sqlite-event-store';
import { publish } from '../support/figures-doc';
import { runInfo } from '../support/run-info';
import { markdownTable, printTable, type Result } from './report';
import { appendFromWriters, catchUp, fill } from './scenarios';

const RUNS = 3;
const SINGLE_WRITER_APPENDS = 5_000;
const CONCURRENT_WRITERS = 32;
const CONCURRENT_EVENTS = 20_000;
const CATCH_UP_EVENTS = 200_000;

const ADAPTERS = ['memory', 'sqlite'] as const;
type AdapterName = (typeof ADAPTERS)[number];

interface Scenario {
  name: string;
  target?: number;
  /** Runs the measured work on a fresh store and returns how many events it handled. */
  measure(store: EventStore): Promise<number>;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const APPEND_SCENARIOS: Scenario[] = [
  {
    name: `append, 1 writer (${fmt(SINGLE_WRITER_APPENDS)} x 1 event)`,
    measure: (store) => appendFromWriters(store, 1, SINGLE_WRITER_APPENDS),
  },
  {
    name: `append, ${CONCURRENT_WRITERS} writers (${fmt(CONCURRENT_EVENTS)} x 1 event)`,
    target: 20_000,
    measure: (store) => appendFromWriters(store, CONCURRENT_WRITERS, CONCURRENT_EVENTS / CONCURRENT_WRITERS),
  },
];
const CATCH_UP_SCENARIO = { name: `catch-up subscribeToAll (${fmt(CATCH_UP_EVENTS)} events)`, target: 100_000 };

async function withStore<T>(adapter: AdapterName, work: (store: EventStore) => Promise<T>): Promise<T> {
  if (adapter === 'memory') {
    const store = new MemoryEventStore();
    return work(store).finally(() => store.close());
  }
  const dir = mkdtempSync(join(tmpdir(), 'latchkey-bench-'));
  const store = new SqliteEventStore(join(dir, 'events.sqlite'));
  return work(store).finally(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
}

async function eventsPerSecond(work: () => Promise<number>): Promise<{ rate: number; seconds: number }> {
  const start = process.hrtime.bigint();
  const events = await work();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { rate: events / seconds, seconds };
}

function record(results: Map<string, Result>, scenario: { name: string; target?: number }, adapter: AdapterName, rate: number) {
  const result = results.get(scenario.name) ?? { scenario: scenario.name, target: scenario.target, memory: [], sqlite: [] };
  result[adapter].push(rate);
  results.set(scenario.name, result);
}

async function main(): Promise<void> {
  const startedAt = new Date();
  console.log(`node ${process.version}, ${cpus().length} cpu(s) ${cpus()[0]?.model ?? ''}, tmpdir ${tmpdir()}, ${RUNS} runs each`);
  const started = Date.now();
  const results = new Map<string, Result>();
  const notes: string[] = [];

  for (let run = 1; run <= RUNS; run++) {
    for (const scenario of APPEND_SCENARIOS) {
      for (const adapter of ADAPTERS) {
        await withStore(adapter, async (store) => {
          const transactionsBefore = store instanceof SqliteEventStore ? store.committedTransactions : 0;
          const { rate, seconds } = await eventsPerSecond(() => scenario.measure(store));
          record(results, scenario, adapter, rate);
          let batching = '';
          if (store instanceof SqliteEventStore) {
            const transactions = store.committedTransactions - transactionsBefore;
            batching = ` in ${fmt(transactions)} transactions`;
          }
          console.log(`  run ${run} ${adapter.padEnd(6)} ${scenario.name}: ${fmt(rate)} events/s (${seconds.toFixed(2)} s${batching})`);
        });
      }
    }
  }

  for (const adapter of ADAPTERS) {
    await withStore(adapter, async (store) => {
      const filled = await eventsPerSecond(async () => (await fill(store, CATCH_UP_EVENTS), CATCH_UP_EVENTS));
      notes.push(`${adapter} filled ${fmt(CATCH_UP_EVENTS)} events in 100-event appends at ${fmt(filled.rate)} events/s`);
      for (let run = 1; run <= RUNS; run++) {
        const { rate, seconds } = await eventsPerSecond(() => catchUp(store, CATCH_UP_EVENTS));
        record(results, CATCH_UP_SCENARIO, adapter, rate);
        console.log(`  run ${run} ${adapter.padEnd(6)} ${CATCH_UP_SCENARIO.name}: ${fmt(rate)} events/s (${seconds.toFixed(2)} s)`);
      }
    });
  }

  const passed = printTable([...results.values()]);
  for (const note of notes) console.log(note);
  console.log(`Total ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  publish('event-store', [runInfo(startedAt), '', `Medians of ${RUNS} runs on fresh stores:`, '', markdownTable([...results.values()])].join('\n'));
  if (!passed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

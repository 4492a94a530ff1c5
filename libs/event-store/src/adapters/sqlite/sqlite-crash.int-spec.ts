import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';

const WRITER = join(__dirname, 'testing', 'crash-writer.ts');
const ROUNDS = 4;

interface Acknowledged {
  stream: string;
  revision: number;
  id: string;
}

/** Runs the writer until a SIGKILL 300–800 ms after it is ready; returns the events it acknowledged. */
function runUntilKilled(file: string): Promise<Acknowledged[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', require.resolve('@swc-node/register'), WRITER, file, '32'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const deadline = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!timer && stdout.startsWith('ready\n')) {
        timer = setTimeout(() => child.kill('SIGKILL'), 300 + Math.random() * 500);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(deadline);
      if (signal !== 'SIGKILL' || !timer) return reject(new Error(`writer exited with ${code ?? signal}: ${stderr}`));
      const lines = stdout.split('\n').slice(1);
      // A partly written last line is not a complete acknowledgement.
      if (!stdout.endsWith('\n')) lines.pop();
      resolve(
        lines
          .filter((line) => line.length > 0)
          .map((line) => {
            const [stream, revision, id] = line.split(' ');
            return { stream, revision: Number(revision), id };
          }),
      );
    });
  });
}

describe('SqliteEventStore under SIGKILL', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'latchkey-sqlite-crash-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged append exactly once across repeated kills', async () => {
    const file = join(dir, 'events.sqlite');
    const acknowledged: Acknowledged[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const acked = await runUntilKilled(file);
      expect(acked.length).toBeGreaterThan(0);
      acknowledged.push(...acked);
    }

    const store = new SqliteEventStore(file);
    try {
      const all = await store.readAll();
      const ids = all.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
      const positions = all.map((e) => e.position);
      expect(positions.every((p, i) => i === 0 || p > positions[i - 1])).toBe(true);

      const stored = new Map(all.map((e) => [e.id, e]));
      const missing = acknowledged.filter((ack) => {
        const event = stored.get(ack.id);
        return event?.streamName !== ack.stream || event.revision !== ack.revision;
      });
      expect({ missing: missing.length, sample: missing.slice(0, 3) }).toEqual({ missing: 0, sample: [] });
      expect(new Set(acknowledged.map((a) => a.id)).size).toBe(acknowledged.length);

      for (const stream of new Set(all.map((e) => e.streamName))) {
        const revisions = (await store.readStream(stream)).map((e) => e.revision);
        expect(revisions).toEqual(revisions.map((_, i) => i));
      }
    } finally {
      await store.close();
    }
  }, 30_000);
});

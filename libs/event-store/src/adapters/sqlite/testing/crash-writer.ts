/**
 * Child process of the crash test: opens the store and appends from many concurrent writers until
 * it is killed, printing `<stream> <revision> <event id>` for every acknowledged event. Each writer
 * continues its own stream where the previous run left it, with an exact expected revision.
 * Usage: crash-writer <database file> [writers]
 */
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '../sqlite-event-store';

const [file, writersArg = '32'] = process.argv.slice(2);
const store = new SqliteEventStore(file);

async function write(streamName: string): Promise<never> {
  let next = (await store.readStream(streamName)).length;
  for (;;) {
    const events = Array.from({ length: 1 + (next % 3) }, (_, i) => ({ id: randomUUID(), type: 'Ticked', data: { revision: next + i } }));
    const result = await store.appendToStream(streamName, events, { expectedRevision: next === 0 ? 'no_stream' : next - 1 });
    // stdout is a pipe, written synchronously: a printed line is never lost to the kill.
    process.stdout.write(events.map((e, i) => `${streamName} ${next + i} ${e.id}\n`).join(''));
    next = result.nextRevision + 1;
  }
}

process.stdout.write('ready\n');
for (let w = 0; w < Number(writersArg); w++) {
  write(`crash-${w}`).catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
}

import type { CredentialUsage } from '@latchkey/credentials';
import { UsageRecorder } from './usage-recorder';

describe('UsageRecorder', () => {
  it('aggregates per credential and client and hands one batch to the sink', async () => {
    const batches: CredentialUsage[][] = [];
    const recorder = new UsageRecorder(async (usages) => void batches.push(usages), { error: () => undefined });
    recorder.record('c1', 'a', 1000);
    recorder.record('c1', 'a', 3000);
    recorder.record('c1', 'a', 2000);
    recorder.record('c1', 'b', 4000);
    await recorder.flush();
    await recorder.flush();
    expect(batches).toEqual([
      [
        { credentialId: 'c1', clientId: 'a', count: 3, lastUsedAt: new Date(3000).toISOString() },
        { credentialId: 'c1', clientId: 'b', count: 1, lastUsedAt: new Date(4000).toISOString() },
      ],
    ]);
  });

  it('keeps a failed batch and merges it into the next one', async () => {
    let fail = true;
    const written: CredentialUsage[] = [];
    const errors: string[] = [];
    const recorder = new UsageRecorder(
      async (usages) => {
        if (fail) throw new Error('store unavailable');
        written.push(...usages);
      },
      { error: (message) => errors.push(message) },
    );
    recorder.record('c1', 'a', 1000);
    await recorder.flush();
    expect(errors).toHaveLength(1);
    recorder.record('c1', 'a', 2000);
    fail = false;
    await recorder.flush();
    expect(written).toEqual([{ credentialId: 'c1', clientId: 'a', count: 2, lastUsedAt: new Date(2000).toISOString() }]);
  });

  it('never waits on the sink when recording, and flushes what is pending on stop', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const written: CredentialUsage[] = [];
    const recorder = new UsageRecorder(
      async (usages) => {
        await gate;
        written.push(...usages);
      },
      { error: () => undefined },
    );
    recorder.start(10_000);
    recorder.record('c1', 'a', 1);
    const flushing = recorder.flush();
    recorder.record('c2', 'a', 2); // while the first flush waits
    expect(recorder.pendingPairs).toBe(1);
    release();
    await flushing;
    await recorder.stop();
    expect(written.map((u) => u.credentialId)).toEqual(['c1', 'c2']);
  });

  it('bounds the pairs it keeps', () => {
    const recorder = new UsageRecorder(async () => undefined, { error: () => undefined }, 2);
    recorder.record('c1', 'a', 1);
    recorder.record('c2', 'a', 1);
    recorder.record('c3', 'a', 1);
    expect(recorder.pendingPairs).toBe(2);
  });
});

import type { CredentialUsage, CredentialUseRefusal } from '@latchkey/credentials';
import { USER_AGENT_MAX_LENGTH, UsageRecorder } from './usage-recorder';

describe('UsageRecorder', () => {
  it('aggregates per credential and client and hands one batch to the sink', async () => {
    const batches: CredentialUsage[][] = [];
    const recorder = new UsageRecorder(async ({ usages }) => void batches.push(usages), { error: () => undefined });
    recorder.record('c1', 'a', 1000);
    recorder.record('c1', 'a', 3000);
    recorder.record('c1', 'a', 2000);
    recorder.record('c1', 'b', 4000);
    await recorder.flush();
    await recorder.flush();
    expect(batches).toEqual([
      [
        { credentialId: 'c1', clientId: 'a', count: 3, lastUsedAt: new Date(3000).toISOString(), address: null, userAgent: null },
        { credentialId: 'c1', clientId: 'b', count: 1, lastUsedAt: new Date(4000).toISOString(), address: null, userAgent: null },
      ],
    ]);
  });

  it('keeps a failed batch and merges it into the next one', async () => {
    let fail = true;
    const written: CredentialUsage[] = [];
    const errors: string[] = [];
    const recorder = new UsageRecorder(
      async ({ usages }) => {
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
    expect(written).toEqual([
      { credentialId: 'c1', clientId: 'a', count: 2, lastUsedAt: new Date(2000).toISOString(), address: null, userAgent: null },
    ]);
  });

  it('never waits on the sink when recording, and flushes what is pending on stop', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const written: CredentialUsage[] = [];
    const recorder = new UsageRecorder(
      async ({ usages }) => {
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

  it('keeps the address and user agent of the latest use, the user agent cleaned and truncated when written', async () => {
    const batches: CredentialUsage[][] = [];
    const recorder = new UsageRecorder(async ({ usages }) => void batches.push(usages), { error: () => undefined });
    recorder.record('c1', 'a', 2000, '203.0.113.2', 'second\u0007 agent');
    recorder.record('c1', 'a', 1000, '203.0.113.1', 'first agent');
    recorder.record('c1', 'b', 1000, '::ffff:10.0.0.1', 'x'.repeat(10_000));
    await recorder.flush();
    expect(batches[0]).toEqual([
      { credentialId: 'c1', clientId: 'a', count: 2, lastUsedAt: new Date(2000).toISOString(), address: '203.0.113.2', userAgent: 'second agent' },
      {
        credentialId: 'c1',
        clientId: 'b',
        count: 1,
        lastUsedAt: new Date(1000).toISOString(),
        address: '::ffff:10.0.0.1',
        userAgent: 'x'.repeat(USER_AGENT_MAX_LENGTH),
      },
    ]);
  });

  it('keeps one refusal per credential per minute, whatever the address, with a capped memory', async () => {
    const refusals: CredentialUseRefusal[] = [];
    const recorder = new UsageRecorder(async (batch) => void refusals.push(...batch.refusals), { error: () => undefined }, 2);
    recorder.refused('c1', 'a', '203.0.113.1', 0);
    recorder.refused('c1', 'a', '203.0.113.2', 30_000);
    recorder.refused('c1', 'b', '198.51.100.1', 59_999);
    recorder.refused('c2', 'a', '203.0.113.1', 59_999);
    await recorder.flush();
    expect(refusals.map((r) => [r.credentialId, r.address, r.refusedAt])).toEqual([
      ['c1', '203.0.113.1', new Date(0).toISOString()],
      ['c2', '203.0.113.1', new Date(59_999).toISOString()],
    ]);
    recorder.refused('c1', 'a', '203.0.113.3', 60_000); // a minute later
    recorder.refused('c3', 'a', '203.0.113.1', 61_000); // c2 leaves the capped map
    recorder.refused('c4', 'a', '203.0.113.1', 61_000); // two are pending already: dropped
    await recorder.flush();
    recorder.refused('c2', 'a', '203.0.113.1', 61_001); // forgotten, so kept again
    await recorder.flush();
    expect(refusals.slice(2).map((r) => [r.credentialId, r.refusedAt])).toEqual([
      ['c1', new Date(60_000).toISOString()],
      ['c3', new Date(61_000).toISOString()],
      ['c2', new Date(61_001).toISOString()],
    ]);
  });
});

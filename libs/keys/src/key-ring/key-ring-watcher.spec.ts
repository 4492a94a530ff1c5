import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@latchkey/event-store/testing';
import { KeyRing } from './key-ring';
import { KeyRingWatcher } from './key-ring-watcher';

describe('KeyRingWatcher', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'latchkey-keywatch-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('picks up a rotation and a retirement made by another process', async () => {
    const file = join(dir, 'keys.json');
    const served = new KeyRing(file);
    const watcher = new KeyRingWatcher(served, file);
    watcher.onApplicationBootstrap();
    try {
      const old = served.activeKey('production', 'credential').kid;
      const operator = new KeyRing(file);
      const [fresh] = operator.rotate(['production'], ['credential']);
      await eventually(() => expect(served.activeKey('production', 'credential').kid).toBe(fresh), { timeoutMs: 8000 });
      expect(served.verificationKey('production', 'credential', old)).not.toBeNull();
      new KeyRing(file).retire(old);
      await eventually(() => expect(served.verificationKey('production', 'credential', old)).toBeNull(), { timeoutMs: 8000 });
    } finally {
      watcher.onApplicationShutdown();
    }
  });

  it('reloads on SIGHUP', async () => {
    const file = join(dir, 'keys.json');
    const served = new KeyRing(file);
    const watcher = new KeyRingWatcher(served, file);
    watcher.onApplicationBootstrap();
    try {
      const [fresh] = new KeyRing(file).rotate(['sandbox'], ['access_token']);
      process.emit('SIGHUP', 'SIGHUP');
      expect(served.activeKey('sandbox', 'access_token').kid).toBe(fresh);
    } finally {
      watcher.onApplicationShutdown();
    }
  });
});

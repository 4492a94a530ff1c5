import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { MemoryEventStore, SqliteEventStore } from '@latchkey/event-store';
import { eventually } from '@latchkey/event-store/testing';
import { openKeyRingAtStart } from '../commands/open-at-start';
import { KEY_RING_STREAM } from '../contracts/keys.contracts';
import { MasterKey, MasterKeyError } from '../contracts/master-key';
import { signJwt } from '../jwt/sign-jwt';
import { KeyRingOperations } from '../operations/key-ring-operations';
import { KeyRing } from './key-ring';
import { KeyRingFollower } from './key-ring-follower';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

async function served(store: MemoryEventStore | SqliteEventStore, master: MasterKey) {
  const opened = await openKeyRingAtStart(store, master, null, quiet);
  const ring = new KeyRing();
  ring.install(opened.ring);
  return { ring, opened };
}

describe('the key ring in the event store', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'latchkey-keyring-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates one active key per environment and signing purpose and a MAC key on first start, and the same ones afterwards', async () => {
    const store = new MemoryEventStore();
    const master = MasterKey.generate();
    const { ring } = await served(store, master);
    expect(ring.list().map((k) => `${k.environment}/${k.purpose}/${k.status}`)).toEqual([
      'production/credential/active',
      'production/access_token/active',
      'sandbox/credential/active',
      'sandbox/access_token/active',
      'null/refresh-token-mac/active',
    ]);
    const again = await served(store, master);
    expect(again.ring.list()).toEqual(ring.list());
    expect(again.ring.refreshTokenMac().active.equals(ring.refreshTokenMac().active)).toBe(true);
    expect((await store.readStream(KEY_RING_STREAM)).length).toBe(10);
  });

  it('signs tokens that verify with the published JWKS, which holds public keys only', async () => {
    const store = new MemoryEventStore();
    const { ring } = await served(store, MasterKey.generate());
    const key = ring.activeKey('production', 'access_token');
    const token = signJwt(key, 'at+jwt', { sub: 'u1' });
    await expect(jwtVerify(token, createLocalJWKSet(ring.jwks('production', 'access_token')))).resolves.toBeDefined();
    await expect(jwtVerify(token, createLocalJWKSet(ring.jwks('sandbox', 'access_token')))).rejects.toThrow();
    expect(Object.keys(ring.jwks('sandbox', 'credential').keys[0]).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
  });

  it('stores no private material in the clear', async () => {
    const store = new MemoryEventStore();
    const master = MasterKey.generate();
    const { ring } = await served(store, master);
    const log = JSON.stringify(await store.readAll());
    const d = ring.activeKey('production', 'credential').privateKey.export({ format: 'jwk' }).d!;
    expect(log).not.toContain(d);
    expect(log).not.toContain(ring.refreshTokenMac().active.toString('base64'));
    expect(log).not.toContain(ring.refreshTokenMac().active.toString('base64url'));
    expect(log).not.toContain(master.toBase64());
  });

  it('lets one of two concurrent first starts create the ring; the other opens the same keys', async () => {
    const file = join(dir, 'events.sqlite');
    const [a, b] = [new SqliteEventStore(file), new SqliteEventStore(file)];
    const master = MasterKey.generate();
    try {
      const [first, second] = await Promise.all([served(a, master), served(b, master)]);
      expect(second.ring.list()).toEqual(first.ring.list());
      const events = await a.readStream(KEY_RING_STREAM);
      expect(events.filter((e) => e.type === 'KeyActivated')).toHaveLength(5);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('refuses to start with another master key, before writing anything', async () => {
    const store = new MemoryEventStore();
    await served(store, MasterKey.generate());
    const before = await store.headPosition();
    await expect(served(store, MasterKey.generate())).rejects.toThrow(MasterKeyError);
    await expect(served(store, MasterKey.generate())).rejects.toThrow(/^MASTER_KEY does not open the key ring/);
    expect(await store.headPosition()).toBe(before);
  });

  it('follows a rotation and a retirement made by another process on the same file, within the poll interval', async () => {
    const file = join(dir, 'events.sqlite');
    const store = new SqliteEventStore(file);
    const master = MasterKey.generate();
    const { ring, opened } = await served(store, master);
    const follower = new KeyRingFollower(store, master, ring, opened, quiet);
    follower.start();
    try {
      const old = ring.activeKey('production', 'credential').kid;
      const script = `
        const { SqliteEventStore } = require('./libs/event-store/src');
        const { KeyRingOperations, MasterKey } = require('./libs/keys/src');
        (async () => {
          const store = new SqliteEventStore(process.argv[1], { open: 'existing' });
          const op = process.argv[3];
          const out = op === 'rotate'
            ? (await new KeyRingOperations(store).rotate(MasterKey.parse(process.argv[2], 'key'), { environments: ['production'], purposes: ['credential'] }))[0].kid
            : (await new KeyRingOperations(store).retire(process.argv[4])).kid;
          await store.close();
          process.stdout.write(out);
        })();`;
      const run = (...args: string[]) =>
        promisify(execFile)(process.execPath, ['-r', '@swc-node/register', '-e', script, file, master.toBase64(), ...args], {
          cwd: join(__dirname, '../../../..'),
        });
      const { stdout: fresh } = await run('rotate');
      const rotatedAt = Date.now();
      await eventually(() => expect(ring.activeKey('production', 'credential').kid).toBe(fresh), { timeoutMs: 10_000 });
      console.log(`rotation by another process served after ${Date.now() - rotatedAt} ms`);
      expect(ring.verificationKey('production', 'credential', old)).not.toBeNull();

      await run('retire', old);
      const retiredAt = Date.now();
      await eventually(() => expect(ring.verificationKey('production', 'credential', old)).toBeNull(), { timeoutMs: 10_000 });
      console.log(`retirement by another process served after ${Date.now() - retiredAt} ms`);
      expect((await new KeyRingOperations(store).history()).map((e) => e.type).slice(-3)).toEqual(['KeyCreated', 'KeyActivated', 'KeyRetired']);
    } finally {
      await follower.stop();
      await store.close();
    }
  });

  it('keeps serving whole keys when a change is sealed under a master key it does not have', async () => {
    const store = new MemoryEventStore();
    const master = MasterKey.generate();
    const { ring, opened } = await served(store, master);
    const errors: string[] = [];
    const follower = new KeyRingFollower(store, master, ring, opened, { log: () => undefined, error: (m) => void errors.push(m) });
    follower.start();
    try {
      const next = MasterKey.generate();
      const operations = new KeyRingOperations(store);
      await operations.rotateMaster(master, next);
      await operations.rotate(next, { environments: ['sandbox'], purposes: ['access_token'] });
      await eventually(() => expect(errors.join()).toContain('cannot be opened here'));
      expect(ring.list().filter((k) => k.status === 'active')).toHaveLength(5);
      expect(() => ring.activeKey('sandbox', 'access_token')).not.toThrow();
      await expect(served(store, master)).rejects.toThrow(/^MASTER_KEY does not open the key ring/);
      expect((await served(store, next)).ring.list()).toHaveLength(6);
    } finally {
      await follower.stop();
    }
  });
});

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { eventually } from '@latchkey/event-store/testing';
import { newMasterKey, startInstance } from './support/instances';
import { latchkey } from './support/latchkey-cli';
import type { TestApp } from './support/test-app';

const jwksKids = async (t: TestApp, path = '/restapi/oauth/jwks'): Promise<string[]> =>
  (await request(t.server).get(path).expect(200)).body.keys.map((k: { kid: string }) => k.kid);

describe('the operator command latchkey', () => {
  jest.setTimeout(120_000);
  let root: string;
  beforeAll(() => (root = mkdtempSync(join(tmpdir(), 'latchkey-cli-'))));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('read-only commands create nothing: a missing DATA_DIR stays missing (exit 66)', async () => {
    const dataDir = join(root, 'never-started');
    for (const command of ['list', 'history']) {
      const result = await latchkey({ DATA_DIR: dataDir }, 'keys', command);
      expect(result.code).toBe(66);
      expect(result.stderr).toContain(`DATA_DIR ${dataDir} does not exist`);
    }
    expect(existsSync(dataDir)).toBe(false);
  });

  describe('against a running server', () => {
    let t: TestApp;
    let dataDir: string;
    beforeAll(async () => {
      dataDir = join(root, 'served');
      t = await startInstance({ dataDir, env: { PUBLIC_URL: 'http://latchkey.test' } });
    });
    afterAll(() => t.close());

    const history = async () => JSON.parse((await latchkey({ DATA_DIR: dataDir }, 'keys', 'history', '--json')).stdout).events;

    it.each([
      [['keys', 'rotate', '--bogus'], "Unknown option '--bogus'"],
      [['keys', 'rotate', '--environment'], "Option '--environment <value>' argument missing"],
      [['keys', 'retire'], 'keys retire takes one argument'],
      [['keys', 'list', '--purpose', 'credential'], 'keys list takes no --purpose'],
      [['keys', 'rotate', '--environment', 'staging'], '--environment must be one of production, sandbox'],
      [['keys', 'spin'], 'Unknown command: keys spin'],
    ])('%j exits 64 with the usage and changes nothing', async (args, message) => {
      const before = await history();
      const result = await latchkey({ DATA_DIR: dataDir }, ...args);
      expect(result.code).toBe(64);
      expect(result.stderr).toContain(message);
      expect(result.stderr).toContain('Usage: latchkey keys');
      expect(await history()).toEqual(before);
    });

    it('lists the keys as JSON, without material', async () => {
      const result = await latchkey({ DATA_DIR: dataDir }, 'keys', 'list', '--json');
      expect(result.code).toBe(0);
      const { keys } = JSON.parse(result.stdout);
      expect(keys).toHaveLength(5);
      expect(Object.keys(keys[0]).sort()).toEqual(['alg', 'createdAt', 'environment', 'kid', 'purpose', 'status']);
      expect(result.stdout).not.toMatch(/sealed|ciphertext|"d"/);
    });

    it('rotates: the running server publishes the new key within a second, with Cache-Control max-age=1; history shows created, activated, retired', async () => {
      const before = await jwksKids(t);
      const jwks = await request(t.server).get('/restapi/oauth/jwks').expect(200);
      expect(jwks.headers['cache-control']).toBe('public, max-age=1');

      const rotated = await latchkey({ DATA_DIR: dataDir }, 'keys', 'rotate', '--environment', 'production', '--purpose', 'access_token', '--json');
      expect(rotated.code).toBe(0);
      const doneAt = Date.now();
      const [fresh] = JSON.parse(rotated.stdout).keys as { kid: string }[];
      await eventually(async () => expect(await jwksKids(t)).toContain(fresh.kid), { timeoutMs: 10_000 });
      console.log(`rotation by the command visible in the running server's JWKS after ${Date.now() - doneAt} ms`);
      expect(await jwksKids(t)).toEqual(expect.arrayContaining(before));

      const retired = await latchkey({ DATA_DIR: dataDir }, 'keys', 'retire', before[0]);
      expect(retired.code).toBe(0);
      await eventually(async () => expect(await jwksKids(t)).not.toContain(before[0]), { timeoutMs: 10_000 });

      const types = (await history()).map((e: { type: string; kid: string }) => `${e.type} ${e.kid}`);
      expect(types).toEqual(expect.arrayContaining([`KeyCreated ${fresh.kid}`, `KeyActivated ${fresh.kid}`, `KeyRetired ${before[0]}`]));
      const text = await latchkey({ DATA_DIR: dataDir }, 'keys', 'history');
      expect(text.stdout).toContain('KeyRetired');
      expect(text.stdout).not.toContain('A256GCM');
    });

    it('refuses to retire the active key or an unknown one (exit 65)', async () => {
      const { keys } = JSON.parse((await latchkey({ DATA_DIR: dataDir }, 'keys', 'list', '--json')).stdout);
      const active = keys.find((k: { status: string }) => k.status === 'active').kid;
      expect(await latchkey({ DATA_DIR: dataDir }, 'keys', 'retire', active)).toMatchObject({
        code: 65,
        stderr: expect.stringContaining('rotate first'),
      });
      expect((await latchkey({ DATA_DIR: dataDir }, 'keys', 'retire', 'nope')).code).toBe(65);
    });

    it('refuses to rotate with a master key that does not open the ring (exit 78), appending nothing', async () => {
      const before = await history();
      const result = await latchkey({ DATA_DIR: dataDir, MASTER_KEY: newMasterKey() }, 'keys', 'rotate');
      expect(result.code).toBe(78);
      expect(result.stderr).toContain('MASTER_KEY does not open the key ring');
      expect(await history()).toEqual(before);
    });
  });

  it('rotate-master reseals every key; the old master key no longer opens the ring, the new one does', async () => {
    const dataDir = join(root, 'reseal');
    const oldKey = newMasterKey();
    const t = await startInstance({ dataDir, masterKey: oldKey });
    await t.close();
    const missing = await latchkey({ DATA_DIR: dataDir, MASTER_KEY: oldKey }, 'keys', 'rotate-master');
    expect(missing.code).toBe(64);
    const newKeyFile = join(root, 'new-master.key');
    const resealed = await latchkey({ DATA_DIR: dataDir, MASTER_KEY: oldKey }, 'keys', 'rotate-master', '--new-key-file', newKeyFile, '--json');
    expect(resealed.code).toBe(0);
    expect(JSON.parse(resealed.stdout)).toMatchObject({ keys: 5, file: newKeyFile });
    expect(resealed.stdout).not.toContain(readFileSync(newKeyFile, 'utf8').trim());

    const withOld = await latchkey({ DATA_DIR: dataDir, MASTER_KEY: oldKey }, 'keys', 'rotate');
    expect(withOld.code).toBe(78);
    expect(withOld.stderr).toContain('MASTER_KEY does not open the key ring');
    await expect(startInstance({ dataDir, masterKey: oldKey })).rejects.toThrow(/^MASTER_KEY does not open the key ring/);
    expect((await latchkey({ DATA_DIR: dataDir, MASTER_KEY_FILE: newKeyFile }, 'keys', 'rotate')).code).toBe(0);
    const again = await startInstance({ dataDir, env: { MASTER_KEY_FILE: newKeyFile } });
    await again.close();
    const types = JSON.parse((await latchkey({ DATA_DIR: dataDir }, 'keys', 'history', '--json')).stdout).events.map((e: { type: string }) => e.type);
    expect(types).toContain('KeyRingResealed');
  });

  it('rotate-master on the embedded default replaces DATA_DIR/master.key', async () => {
    const dataDir = join(root, 'default-master');
    await (await startInstance({ dataDir })).close();
    const before = readFileSync(join(dataDir, 'master.key'), 'utf8');
    expect((await latchkey({ DATA_DIR: dataDir }, 'keys', 'rotate-master')).code).toBe(0);
    expect(readFileSync(join(dataDir, 'master.key'), 'utf8')).not.toBe(before);
    expect(readdirSync(dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await (await startInstance({ dataDir })).close();
    const oldKey = Buffer.from(before.trim(), 'base64').toString('base64');
    expect((await latchkey({ DATA_DIR: dataDir, MASTER_KEY: oldKey }, 'keys', 'rotate')).code).toBe(78);
  });
});

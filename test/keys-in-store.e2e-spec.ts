import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { eventually, startEsdbDouble, type EsdbDouble } from '@latchkey/event-store/testing';
import { spawnApp } from './support/child-app';
import { newMasterKey, startInstance } from './support/instances';
import { latchkey } from './support/latchkey-cli';
import { RefreshTokenCodec } from '../libs/token-issuance/src/shared/refresh-tokens/refresh-token-codec';

const fixture = join(__dirname, 'fixtures', 'legacy-data-dir');

describe('keys in the event store', () => {
  jest.setTimeout(120_000);
  let root: string;
  beforeAll(() => (root = mkdtempSync(join(tmpdir(), 'latchkey-keys-store-'))));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('stops at boot with exit 78 when the master key does not open the key ring', async () => {
    const dataDir = join(root, 'wrong-master');
    await (await startInstance({ dataDir })).close();
    const app = await spawnApp({ DATA_DIR: dataDir, MASTER_KEY: newMasterKey() });
    const { code } = await app.exited;
    expect(code).toBe(78);
    expect(app.output()).toContain('MASTER_KEY does not open the key ring');
  });

  it.each([
    [{ MASTER_KEY: 'dG9vIHNob3J0' }, 'MASTER_KEY must be 32 bytes in base64'],
    [
      { EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://127.0.0.1:1?tls=false' },
      'MASTER_KEY (or MASTER_KEY_FILE) is required when EVENT_STORE=eventstoredb',
    ],
  ])('%j exits 78 naming the variable', async (env, message) => {
    const app = await spawnApp({ DATA_DIR: join(root, 'bad-config'), ...env });
    expect((await app.exited).code).toBe(78);
    expect(app.output()).toContain(message);
  });

  describe('on EventStoreDB (the gRPC test double)', () => {
    let esdb: EsdbDouble;
    beforeAll(async () => (esdb = await startEsdbDouble()));
    afterAll(() => esdb.stop());

    it('a second instance with an empty DATA_DIR and the same master key serves the first one’s keys; a rotation reaches both', async () => {
      const masterKey = newMasterKey();
      const options = { eventStore: 'eventstoredb' as const, connectionString: esdb.connectionString, masterKey };
      const a = await startInstance({ ...options, dataDir: join(root, 'esdb-a') });
      const b = await startInstance({ ...options, dataDir: join(root, 'esdb-b') });
      try {
        const kids = async (t: typeof a) =>
          (await request(t.server).get('/restapi/oauth/jwks').expect(200)).body.keys.map((k: { kid: string }) => k.kid);
        expect(await kids(b)).toEqual(await kids(a));
        expect(existsSync(join(root, 'esdb-a', 'master.key'))).toBe(false);
        const env = {
          EVENT_STORE: 'eventstoredb',
          EVENTSTORE_CONNECTION_STRING: esdb.connectionString,
          MASTER_KEY: masterKey,
          DATA_DIR: join(root, 'esdb-cli'),
        };
        const rotated = await latchkey(env, 'keys', 'rotate', '--environment', 'production', '--purpose', 'access_token', '--json');
        expect(rotated.code).toBe(0);
        const fresh = JSON.parse(rotated.stdout).keys[0].kid;
        await eventually(async () => expect(await kids(a)).toContain(fresh), { timeoutMs: 10_000 });
        await eventually(async () => expect(await kids(b)).toContain(fresh), { timeoutMs: 10_000 });
        await expect(startInstance({ ...options, masterKey: newMasterKey(), dataDir: join(root, 'esdb-c') })).rejects.toThrow(
          /^MASTER_KEY does not open the key ring/,
        );
      } finally {
        await a.close();
        await b.close();
      }
    });
  });

  it('imports keys.json and refresh-token.key of an earlier version once: old credentials and refresh tokens keep working, the files are gone', async () => {
    const dataDir = join(root, 'upgraded');
    cpSync(fixture, dataDir, { recursive: true });
    const journey = JSON.parse(readFileSync(join(dataDir, 'journey.json'), 'utf8'));
    const legacyKids = JSON.parse(readFileSync(join(dataDir, 'keys.json'), 'utf8')).keys.map((k: { kid: string }) => k.kid);
    const legacyMac = Buffer.from(readFileSync(join(dataDir, 'refresh-token.key'), 'utf8').trim(), 'base64');

    let t = await startInstance({ dataDir, env: { PUBLIC_URL: 'http://latchkey.test' } });
    try {
      expect(existsSync(join(dataDir, 'keys.json'))).toBe(false);
      expect(existsSync(join(dataDir, 'refresh-token.key'))).toBe(false);
      const token = () =>
        request(t.server)
          .post('/restapi/oauth/token')
          .auth(journey.client.clientId, journey.client.clientSecret)
          .type('form')
          .send({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: journey.credentialJwt });
      const exchanged = (await token().expect(200)).body;

      // The refresh token the client kept expires a week after the fixture was made: the same token
      // (same session and generation) MACed again with the old file's key and a later expiry stands for it.
      const codec = new RefreshTokenCodec(legacyMac);
      const kept = codec.decode(journey.refreshToken)!;
      expect(kept).not.toBeNull();
      const now = Math.floor(Date.now() / 1000);
      const oldRefreshToken = codec.encode({ ...kept, issuedAt: now, expiresAt: now + 3600 });
      const refresh = (refreshToken: string) =>
        request(t.server)
          .post('/restapi/oauth/token')
          .auth(journey.client.clientId, journey.client.clientSecret)
          .type('form')
          .send({ grant_type: 'refresh_token', refresh_token: refreshToken });
      const refreshed = (await refresh(oldRefreshToken).expect(200)).body;
      expect(codec.decode(exchanged.refresh_token)).not.toBeNull();

      const listed = JSON.parse((await latchkey({ DATA_DIR: dataDir }, 'keys', 'list', '--json')).stdout).keys.map((k: { kid: string }) => k.kid);
      expect(listed).toEqual(expect.arrayContaining(legacyKids));
      await t.close();

      t = await startInstance({ dataDir, env: { PUBLIC_URL: 'http://latchkey.test' } });
      await token().expect(200);
      await refresh(refreshed.refresh_token).expect(200);
      const history = JSON.parse((await latchkey({ DATA_DIR: dataDir }, 'keys', 'history', '--json')).stdout).events;
      expect(history.filter((e: { detail: string }) => e.detail === 'imported')).toHaveLength(legacyKids.length + 1);
    } finally {
      await t.close();
    }
  });
});

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import request from 'supertest';
import { REDIS_SERVER_BINARY, type RedisServer, startRedisServer } from '@latchkey/building-blocks/testing';
import { eventually, startEsdbDouble, type EsdbDouble } from '@latchkey/event-store/testing';
import { type ChildApp, spawnApp, waitForStatus } from './support/child-app';
import { bearer, signup, type SignedUp } from './support/console';
import { newMasterKey, startListeningInstance } from './support/instances';
import { latchkey } from './support/latchkey-cli';
import type { ListeningTestApp } from './support/listening-app';
import { basic, type Client, createOAuthApp, exchange, issueCredential, JWT_BEARER, oauthError, platform, refresh } from './support/oauth-journey';

/** Behind one load balancer every instance has the same public URL, hence the same issuer. */
const PUBLIC_URL = 'https://latchkey.example.test';
/** The contract bounds the lag at 250 ms, the goal is 50 ms; the test allows far more so it never fails on a busy machine. */
const REVOCATION_CONTRACT_MS = 250;
const REVOCATION_GOAL_MS = 50;
const REVOCATION_WAIT_MS = 5_000;
const REVOCATION_SAMPLES = 7;
const ROTATION_CONTRACT_MS = 1_000;

interface Target {
  name: string;
  connectionString: () => string;
  masterKey: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Checks that the append path under test is the one the instances used. */
  checkAppendPath(): void;
}

function onDouble(batchAppend: boolean): Target {
  let double: EsdbDouble;
  return {
    name: `the EventStoreDB double (${batchAppend ? 'Streams.BatchAppend' : 'Streams.Append'})`,
    connectionString: () => double.connectionString,
    masterKey: newMasterKey(),
    start: async () => void (double = await startEsdbDouble({ batchAppend })),
    stop: async () => double?.stop(),
    checkAppendPath: () => {
      expect(double.calls[batchAppend ? 'batchAppend' : 'append']).toBeGreaterThan(0);
      expect(double.calls[batchAppend ? 'append' : 'batchAppend']).toBe(0);
    },
  };
}

const realServer = process.env.EVENTSTORE_CONNECTION_STRING;
const targets: Target[] = [onDouble(true), onDouble(false)];
if (realServer) {
  targets.push({
    name: 'a real EventStoreDB',
    connectionString: () => realServer,
    // A server that already holds a key ring opens only with its master key.
    masterKey: process.env.MASTER_KEY ?? newMasterKey(),
    start: async () => undefined,
    stop: async () => undefined,
    checkAppendPath: () => undefined,
  });
} else {
  console.info('Running the multi-instance suite on the EventStoreDB double only: EVENTSTORE_CONNECTION_STRING is not set.');
}

const redisAvailable = existsSync(REDIS_SERVER_BINARY) || Boolean(process.env.CI);
if (!redisAvailable) console.info(`Skipping the shared-throttle case: ${REDIS_SERVER_BINARY} is not installed (apt-get install redis-server).`);

const median = (values: number[]): number => {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Asks `refused` again and again (no pause: each answer is a round trip) until it says yes; answers the ms since `since`. */
async function refusedAfter(since: number, refused: () => Promise<boolean>): Promise<number> {
  while (!(await refused())) {
    if (performance.now() - since > REVOCATION_WAIT_MS) throw new Error(`still accepted ${REVOCATION_WAIT_MS} ms after the revocation answered`);
  }
  return performance.now() - since;
}

describe.each(targets)('three instances on $name with one master key and nothing else shared', (target) => {
  jest.setTimeout(60_000);
  let root: string;
  let redis: RedisServer | null = null;
  let instances: ListeningTestApp[] = [];
  let late: ChildApp | null = null;
  let a: ListeningTestApp;
  let b: ListeningTestApp;
  let c: ListeningTestApp;
  let admin: SignedUp;
  let client: Client;
  let credential: { id: string; jwt: string };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'latchkey-multi-'));
    await target.start();
    if (redisAvailable) redis = await startRedisServer();
    for (const name of ['a', 'b', 'c']) {
      instances.push(
        await startListeningInstance({
          eventStore: 'eventstoredb',
          connectionString: target.connectionString(),
          masterKey: target.masterKey,
          dataDir: join(root, name),
          env: { PUBLIC_URL, LOG_LEVEL: 'warn', ...(redis ? { THROTTLE_STORE: redis.url } : {}) },
        }),
      );
    }
    [a, b, c] = instances;
    admin = await signup(a);
    client = (await createOAuthApp(a, admin.token, { name: 'Behind the balancer', environments: ['production'] })).clients.production!;
    credential = await issueCredential(a, admin.token, { label: 'made on A' });
  });

  afterAll(async () => {
    if (late && late.process.exitCode === null) {
      late.process.kill('SIGTERM');
      await late.exited;
    }
    for (const t of instances) await t.close();
    instances = [];
    await redis?.stop();
    await target.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('each instance listens on its own port and publishes the one issuer', async () => {
    expect(new Set(instances.map((t) => t.baseUrl)).size).toBe(3);
    for (const t of instances) {
      const metadata = (await request(t.server).get('/.well-known/oauth-authorization-server').expect(200)).body;
      expect(metadata.issuer).toBe(PUBLIC_URL);
    }
    target.checkAppendPath();
  });

  it('a credential created on A (console API) exchanges for tokens on B and C', async () => {
    for (const t of [b, c]) {
      // B and C learn of the app and the credential through their own subscriptions.
      const tokens = await eventually(async () => (await exchange(t, 'production', client, credential.jwt).expect(200)).body, { timeoutMs: 10_000 });
      await platform.account(t, 'production', tokens.access_token).expect(200);
      await platform.account(a, 'production', tokens.access_token).expect(200);
    }
  });

  it('a refresh token issued by A refreshes on B; the used one is then refused on C (single use across instances)', async () => {
    const first = (await exchange(a, 'production', client, credential.jwt).expect(200)).body;
    const second = (await refresh(b, 'production', client, first.refresh_token).expect(200)).body;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(oauthError(await refresh(c, 'production', client, first.refresh_token))).toEqual({
      status: 400,
      error: 'invalid_grant',
      errorCode: 'OAU-213',
    });
    // The reuse ended the whole session: B refuses the refresh token it issued once it has heard.
    await eventually(
      async () => expect(oauthError(await refresh(b, 'production', client, second.refresh_token))).toMatchObject({ errorCode: 'OAU-213' }),
      {
        timeoutMs: REVOCATION_WAIT_MS,
      },
    );
  });

  it('a key rotation by the operator command shows in every instance’s JWKS (printing the lag)', async () => {
    const env = {
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: target.connectionString(),
      MASTER_KEY: target.masterKey,
      DATA_DIR: join(root, 'operator'),
    };
    const rotated = await latchkey(env, 'keys', 'rotate', '--environment', 'production', '--purpose', 'access_token', '--json');
    expect(rotated).toMatchObject({ code: 0 });
    const exited = performance.now();
    const fresh: string = JSON.parse(rotated.stdout).keys[0].kid;
    const kids = async (t: ListeningTestApp): Promise<string[]> =>
      (await request(t.server).get('/restapi/oauth/jwks').expect(200)).body.keys.map((k: { kid: string }) => k.kid);
    const lags = await Promise.all(
      instances.map(async (t) => {
        await eventually(async () => expect(await kids(t)).toContain(fresh), { timeoutMs: 10_000, intervalMs: 5 });
        return performance.now() - exited;
      }),
    );
    const slowest = Math.max(...lags);
    console.info(
      `key rotation seen in every JWKS ${Math.round(slowest)} ms after the command exited (A, B, C: ${lags.map(Math.round).join(', ')} ms); ` +
        `within ${ROTATION_CONTRACT_MS} ms: ${slowest <= ROTATION_CONTRACT_MS ? 'yes' : 'NO'}`,
    );
    // Tokens signed with the new key by one instance verify on the others.
    const tokens = (await exchange(b, 'production', client, credential.jwt).expect(200)).body;
    expect(JSON.parse(Buffer.from(tokens.access_token.split('.')[0], 'base64url').toString()).kid).toBe(fresh);
    for (const t of [a, c]) await platform.account(t, 'production', tokens.access_token).expect(200);
  });

  it('a credential revocation answered by A is refused by B and C at the token endpoint and the Platform API (printing the lag)', async () => {
    const others = [b, c];
    const samples: number[] = [];
    for (let i = 0; i < REVOCATION_SAMPLES; i++) {
      const doomed = await issueCredential(a, admin.token, { label: `revoked ${i}` });
      const accessTokens: string[] = [];
      for (const t of others) {
        const tokens = await eventually(async () => (await exchange(t, 'production', client, doomed.jwt).expect(200)).body, { timeoutMs: 10_000 });
        await platform.account(t, 'production', tokens.access_token).expect(200);
        accessTokens.push(tokens.access_token);
      }
      await request(a.server).post(`/console/v1/credentials/${doomed.id}/revoke`).set(bearer(admin.token)).send({}).expect(200);
      const answered = performance.now();
      const lags = await Promise.all(
        others.flatMap((t, n) => [
          refusedAfter(answered, async () => {
            const res = await exchange(t, 'production', client, doomed.jwt);
            if (res.status === 200) return false;
            expect(oauthError(res)).toEqual({ status: 400, error: 'invalid_grant', errorCode: 'OAU-213' });
            return true;
          }),
          refusedAfter(answered, async () => {
            const res = await platform.account(t, 'production', accessTokens[n]);
            if (res.status === 200) return false;
            expect(res.status).toBe(401);
            return true;
          }),
        ]),
      );
      samples.push(Math.max(...lags));
      // A itself refused from the moment it answered.
      expect(oauthError(await exchange(a, 'production', client, doomed.jwt))).toMatchObject({ errorCode: 'OAU-213' });
    }
    const lag = median(samples);
    console.info(
      `revocation lag between instances: ${lag.toFixed(1)} ms (median of ${samples.length}; on ${target.name}; ` +
        `samples ${samples.map((s) => s.toFixed(1)).join(', ')} ms; within the ${REVOCATION_CONTRACT_MS} ms contract: ${lag <= REVOCATION_CONTRACT_MS ? 'yes' : 'NO'}; ` +
        `within the ${REVOCATION_GOAL_MS} ms goal: ${lag <= REVOCATION_GOAL_MS ? 'yes' : 'no'})`,
    );
    expect(lag).toBeLessThan(REVOCATION_WAIT_MS);
  });

  (redisAvailable ? it : it.skip)('with THROTTLE_STORE on one Redis, failures spread over the instances are counted once', async () => {
    const victim = (await createOAuthApp(a, admin.token, { name: 'Guessed at', environments: ['production'] })).clients.production!;
    await eventually(async () => {
      for (const t of instances) await exchange(t, 'production', victim, credential.jwt).expect(200);
    });
    // 10 failed client authentications in 60 s lock the client id: 4, 3 and 3 of them per instance.
    for (let i = 0; i < 10; i++) {
      const res = await exchange(instances[i % 3], 'production', { clientId: victim.clientId, clientSecret: `guess-${i}` }, credential.jwt);
      expect(oauthError(res)).toMatchObject({ status: 401, error: 'invalid_client' });
    }
    for (const t of instances)
      expect(oauthError(await exchange(t, 'production', victim, credential.jwt))).toMatchObject({ status: 429, errorCode: 'OAU-429' });

    // 5 failed logins per account in 15 min lock it: 2, 2 and 1 of them per instance.
    const email = `guessed-${Date.now()}@example.test`;
    for (let i = 0; i < 5; i++) {
      const res = await request(instances[i % 3].server)
        .post('/console/v1/sessions')
        .send({ email, password: 'Not-The-Password-1' });
      expect(res.body.code).toBe('INVALID_LOGIN');
    }
    for (const t of instances) {
      const locked = await request(t.server).post('/console/v1/sessions').send({ email, password: 'Not-The-Password-1' });
      expect(locked).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });
    }
  });

  it('an instance started late with only EVENT_STORE, EVENTSTORE_CONNECTION_STRING, MASTER_KEY, PUBLIC_URL and an empty DATA_DIR serves the others’ credentials and refresh tokens', async () => {
    const kept = (await exchange(c, 'production', client, credential.jwt).expect(200)).body;
    late = await spawnApp(
      {
        EVENT_STORE: 'eventstoredb',
        EVENTSTORE_CONNECTION_STRING: target.connectionString(),
        MASTER_KEY: target.masterKey,
        PUBLIC_URL,
        DATA_DIR: join(root, 'late'),
      },
      { exactEnv: true },
    );
    await waitForStatus(late, '/ready', 200, 45_000);
    const token = (form: Record<string, string>) =>
      fetch(`${late!.baseUrl}/restapi/oauth/token`, {
        method: 'POST',
        headers: { authorization: basic(client), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      });
    const exchanged = await token({ grant_type: JWT_BEARER, assertion: credential.jwt });
    expect(exchanged.status).toBe(200);
    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: kept.refresh_token });
    expect(refreshed.status).toBe(200);
    const next = (await refreshed.json()) as { access_token: string; refresh_token: string };
    // What the late instance issued serves on the first ones too.
    await platform.account(a, 'production', next.access_token).expect(200);
    await refresh(b, 'production', client, next.refresh_token).expect(200);
    expect(late.output()).not.toContain(target.masterKey);
  });
});

import request from 'supertest';
import { eventually } from '@latchkey/event-store/testing';
import { bearer, signup } from './support/console';
import { latchkey } from './support/latchkey-cli';
import { startTestApp, type TestApp } from './support/test-app';

const kidOf = (jwt: string) => (JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url').toString()) as { kid: string }).kid;

/** The operator's command, run as the operator would: a separate process on the same data directory. */
async function keys(dataDir: string, ...args: string[]): Promise<string> {
  const result = await latchkey({ DATA_DIR: dataDir }, 'keys', ...args);
  if (result.code !== 0) throw new Error(`latchkey keys ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return result.stdout;
}

describe('signing key rotation with the operator command', () => {
  jest.setTimeout(60_000);
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('keeps older credentials and tokens working after a rotation, and refuses them once their key is retired', async () => {
    const admin = await signup(t);
    const app = await request(t.server)
      .post('/console/v1/apps')
      .set(bearer(admin.token))
      .send({ name: 'Rotation app', scopes: ['ReadAccounts'], grantTypes: ['jwt_bearer'], environments: ['production'] })
      .expect(201);
    const client = app.body.clients.production as { clientId: string; clientSecret: string };
    const newCredential = async (label: string) =>
      (
        await request(t.server)
          .post('/console/v1/credentials')
          .set(bearer(admin.token))
          .send({ label, environment: 'production', expiresAt: null, allowedApps: { type: 'organization' } })
          .expect(201)
      ).body.jwt as string;
    const token = (assertion: string) =>
      request(t.server)
        .post('/restapi/oauth/token')
        .auth(client.clientId, client.clientSecret)
        .type('form')
        .send({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
    const account = (accessToken: string) => request(t.server).get('/restapi/v1.0/account/~').set('authorization', `Bearer ${accessToken}`);

    const oldJwt = await newCredential('before rotation');
    const oldAccess = (await token(oldJwt).expect(200)).body.access_token as string;
    await account(oldAccess).expect(200);

    const before = await keys(t.config.dataDir, 'list');
    expect(before).toContain(kidOf(oldJwt));
    await keys(t.config.dataDir, 'rotate', '--environment', 'production');

    // The running server picks the new keys up: new credentials and tokens use them.
    await eventually(async () => expect(kidOf(await newCredential('after rotation'))).not.toBe(kidOf(oldJwt)), { timeoutMs: 10_000 });
    const newJwt = await newCredential('after rotation 2');
    const newAccess = (await token(newJwt).expect(200)).body.access_token as string;
    expect(kidOf(newAccess)).not.toBe(kidOf(oldAccess));
    const jwks = await request(t.server).get('/restapi/oauth/jwks').expect(200);
    expect(jwks.body.keys.map((k: { kid: string }) => k.kid)).toEqual(expect.arrayContaining([kidOf(oldAccess), kidOf(newAccess)]));

    // What the old keys signed keeps working.
    await token(oldJwt).expect(200);
    await account(oldAccess).expect(200);

    // Retiring the old keys refuses what they signed.
    await keys(t.config.dataDir, 'retire', kidOf(oldJwt));
    await keys(t.config.dataDir, 'retire', kidOf(oldAccess));
    await eventually(async () => expect((await token(oldJwt)).status).toBe(400), { timeoutMs: 10_000 });
    expect((await token(oldJwt)).body.error).toBe('invalid_grant');
    await eventually(async () => expect((await account(oldAccess)).status).toBe(401), { timeoutMs: 10_000 });
    await token(newJwt).expect(200);
    await account(newAccess).expect(200);
    const after = await request(t.server).get('/restapi/oauth/jwks').expect(200);
    expect(after.body.keys.map((k: { kid: string }) => k.kid)).not.toContain(kidOf(oldAccess));
  });
});

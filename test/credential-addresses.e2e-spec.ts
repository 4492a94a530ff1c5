import request from 'supertest';
import { ManualClock } from '@latchkey/building-blocks/testing';
import { bearer, signup, type SignedUp } from './support/console';
import { CREDENTIALS, credentialBody, historyOf } from './support/credentials-journey';
import { startTestApp, type TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Uses are written every 5 s; every wait below allows far more. */
const WAIT_MS = 30_000;

interface AppClient {
  name: string;
  clientId: string;
  clientSecret: string;
}

interface CredentialView {
  id: string;
  allowedAddresses: string[];
  lastUsed: { at: string; clientId: string | null; appName: string | null; address: string | null; userAgent: string | null } | null;
  usedBy: { clientId: string; appName: string | null; lastUsedAt: string; count: number }[];
  revision: number;
}

/**
 * Address allowlists and richer usage, end to end: the server believes `X-Forwarded-For` from
 * loopback (TRUST_PROXY), so each request names its client address in that header. Time is a
 * manual clock, so "one refusal per minute" is tested without waiting a minute; uses are written
 * by the real batcher, so the tests wait (with generous bounds) for what it records.
 */
describe('credential address allowlists and usage', () => {
  jest.setTimeout(180_000);
  let t: TestApp;
  let dev: SignedUp;
  let alpha: AppClient;
  let beta: AppClient;
  const clock = new ManualClock(Date.now());
  const receiver = new WebhookReceiver();

  const createApp = async (name: string): Promise<AppClient> => {
    const res = await request(t.server)
      .post('/console/v1/apps')
      .set(bearer(dev.token))
      .send({ name, scopes: ['ReadAccounts'], grantTypes: ['jwt_bearer', 'refresh_token'], environments: ['production'] })
      .expect(201);
    return { name, ...res.body.clients.production };
  };

  const tokenRequest = (client: AppClient, form: Record<string, string>, address: string, userAgent = 'latchkey-e2e/1.0') =>
    request(t.server)
      .post('/restapi/oauth/token')
      .set('x-forwarded-for', address)
      .set('user-agent', userAgent)
      .auth(client.clientId, client.clientSecret)
      .type('form')
      .send(form);
  const exchange = (client: AppClient, jwt: string, address: string, userAgent?: string) =>
    tokenRequest(client, { grant_type: JWT_BEARER, assertion: jwt }, address, userAgent);

  const view = async (id: string): Promise<CredentialView> =>
    (await request(t.server).get(`${CREDENTIALS}/${id}`).set(bearer(dev.token)).expect(200)).body;
  const create = async (overrides: Record<string, unknown> = {}) => {
    const res = await request(t.server).post(CREDENTIALS).set(bearer(dev.token)).send(credentialBody(overrides));
    expect(res.status).toBe(201);
    return res.body as { credential: CredentialView; jwt: string };
  };

  /** Polls until `probe` answers something other than undefined, printing how long it took. */
  async function waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
    const started = Date.now();
    for (;;) {
      const found = await probe();
      if (found !== undefined) {
        console.log(`${what}: ${Date.now() - started} ms`);
        return found;
      }
      if (Date.now() - started > WAIT_MS) throw new Error(`${what}: not seen within ${WAIT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  /** Waits until the credential's last use is at least `sinceMs`: every use and refusal made before it has been written. */
  const waitForUse = (id: string, sinceMs: number) =>
    waitFor('a use recorded', async () => {
      const v = await view(id);
      return v.lastUsed && Date.parse(v.lastUsed.at) >= Math.floor(sinceMs / 1000) * 1000 ? v : undefined;
    });
  const refusalsOf = async (id: string) => (await historyOf(t, dev.token, id)).filter((e) => e.type === 'CredentialUseRefused');

  beforeAll(async () => {
    await receiver.start();
    t = await startTestApp({ TRUST_PROXY: 'loopback', WEBHOOKS_ALLOW_PRIVATE: '127.0.0.0/8' }, { clock });
    dev = await signup(t, { organizationName: 'Fenced' });
    [alpha, beta] = await Promise.all([createApp('Alpha sync'), createApp('Beta reports')]);
  });
  afterAll(async () => {
    await t?.close();
    await receiver.stop();
  });

  it('takes allowedAddresses on create, canonical, and answers a 400 naming each bad entry', async () => {
    const { credential } = await create({ allowedAddresses: ['203.0.113.9', '10.1.2.3/8', '2001:DB8::1/32', '::ffff:192.0.2.0/120', '10.0.0.0/8'] });
    expect(credential.allowedAddresses).toEqual(['203.0.113.9/32', '10.0.0.0/8', '2001:db8::/32', '192.0.2.0/24']);
    expect((await create()).credential.allowedAddresses).toEqual([]);

    const bad = await request(t.server)
      .post(CREDENTIALS)
      .set(bearer(dev.token))
      .send(credentialBody({ allowedAddresses: ['10.0.0.0/8', 'intranet', '10.0.0.0/33', 7] }))
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['allowedAddresses[1]', 'allowedAddresses[2]', 'allowedAddresses[3]']);
    const tooMany = Array.from({ length: 51 }, (_, i) => `10.0.${i}.0/24`);
    for (const allowedAddresses of [tooMany, null, '10.0.0.0/8']) {
      const res = await request(t.server).post(CREDENTIALS).set(bearer(dev.token)).send(credentialBody({ allowedAddresses })).expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'allowedAddresses' })]);
    }
    const patched = await request(t.server)
      .patch(`${CREDENTIALS}/${credential.id}`)
      .set(bearer(dev.token))
      .send({ allowedAddresses: ['fe80::/10', 'not an address'] })
      .expect(400);
    expect(patched.body.errors).toEqual([expect.objectContaining({ field: 'allowedAddresses[1]' })]);
  });

  it('refuses the token endpoint and refresh from other addresses with OAU-281, and accepts allowed ones', async () => {
    const { credential, jwt } = await create({ allowedAddresses: ['10.0.0.0/8', '2001:db8::/32'] });
    const refused = await exchange(alpha, jwt, '198.51.100.7').expect(400);
    expect(refused.body).toEqual({
      error: 'invalid_grant',
      error_description: expect.any(String),
      errors: [{ errorCode: 'OAU-281', message: expect.any(String) }],
    });
    // The client address is the right-most one that is not a trusted proxy: an address the client adds on the left does not help.
    expect((await exchange(alpha, jwt, '10.0.0.1, 198.51.100.7').expect(400)).body.errors[0].errorCode).toBe('OAU-281');
    await exchange(alpha, jwt, '::ffff:10.9.8.7').expect(200);
    await exchange(alpha, jwt, '2001:db8:5::1').expect(200);
    const granted = await exchange(alpha, jwt, '10.20.30.40').expect(200);

    const refresh = (refreshToken: string, address: string) =>
      tokenRequest(alpha, { grant_type: 'refresh_token', refresh_token: refreshToken }, address);
    expect((await refresh(granted.body.refresh_token, '198.51.100.7').expect(400)).body.errors[0].errorCode).toBe('OAU-281');
    // The refused refresh did not use up the refresh token.
    const refreshed = await refresh(granted.body.refresh_token, '10.20.30.41').expect(200);

    // A changed allowlist applies at once, to refresh as well; [] allows any address again.
    const moved = await request(t.server)
      .patch(`${CREDENTIALS}/${credential.id}`)
      .set(bearer(dev.token))
      .send({ allowedAddresses: ['198.51.100.0/24'] })
      .expect(200);
    expect(moved.body.allowedAddresses).toEqual(['198.51.100.0/24']);
    expect((await refresh(refreshed.body.refresh_token, '10.20.30.41').expect(400)).body.errors[0].errorCode).toBe('OAU-281');
    await exchange(alpha, jwt, '198.51.100.7').expect(200);
    await request(t.server).patch(`${CREDENTIALS}/${credential.id}`).set(bearer(dev.token)).send({ allowedAddresses: [] }).expect(200);
    await exchange(alpha, jwt, '192.0.2.99').expect(200);
    const history = await historyOf(t, dev.token, credential.id);
    expect(history.filter((e) => e.type === 'CredentialAllowedAddressesSet').map((e) => e.data.allowedAddresses)).toEqual([['198.51.100.0/24'], []]);
  });

  it('records at most one refusal per credential per minute in its history, whatever the address', async () => {
    const { credential, jwt } = await create({ allowedAddresses: ['10.0.0.0/8'] });
    const refusedRound = async (from: number) => {
      const answers = await Promise.all(Array.from({ length: 25 }, (_, i) => exchange(alpha, jwt, `198.51.100.${from + i}`)));
      expect(answers.map((a) => a.status)).toEqual(Array(25).fill(400));
    };
    await refusedRound(1);
    const first = await waitFor('the first refusal recorded', async () => {
      const found = await refusalsOf(credential.id);
      return found.length > 0 ? found : undefined;
    });
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      actor: null,
      data: { credentialId: credential.id, clientId: alpha.clientId, address: '198.51.100.1', reason: 'address_not_allowed' },
    });

    clock.advance(30_000);
    await refusedRound(101);
    // A use made after these refusals: once it is recorded, so is everything before it.
    await exchange(alpha, jwt, '10.0.0.1').expect(200);
    await waitForUse(credential.id, clock.nowMs());
    expect(await refusalsOf(credential.id)).toHaveLength(1);

    clock.advance(31_000);
    await refusedRound(201);
    const second = await waitFor('the refusal of the next minute recorded', async () => {
      const found = await refusalsOf(credential.id);
      return found.length > 1 ? found : undefined;
    });
    expect(second.map((e) => e.data.address)).toEqual(['198.51.100.1', '198.51.100.201']);
    const audit = await request(t.server)
      .get('/console/v1/audit')
      .query({ credentialId: credential.id, type: 'credential.refused' })
      .set(bearer(dev.token))
      .expect(200);
    expect(audit.body.items).toHaveLength(2);
  });

  it('shows the last use (app, client id, address, user agent) and the uses per app, without moving the revision', async () => {
    const { credential, jwt } = await create();
    await exchange(alpha, jwt, '203.0.113.10', 'alpha-agent/1').expect(200);
    await exchange(alpha, jwt, '203.0.113.11', 'alpha-agent/1').expect(200);
    clock.advance(2_000);
    await exchange(beta, jwt, '2001:db8::beta', `beta\tagent/2 ${'x'.repeat(500)}`).expect(200);
    const used = await waitForUse(credential.id, clock.nowMs());
    expect(used.lastUsed).toEqual({
      at: new Date(Math.floor(clock.nowMs() / 1000) * 1000).toISOString(),
      clientId: beta.clientId,
      appName: 'Beta reports',
      address: '2001:db8::beta',
      // Control characters (a tab) removed, 200 characters kept.
      userAgent: `betaagent/2 ${'x'.repeat(200 - 'betaagent/2 '.length)}`,
    });
    expect(used.usedBy).toEqual([
      { clientId: beta.clientId, appName: 'Beta reports', lastUsedAt: used.lastUsed!.at, count: 1 },
      { clientId: alpha.clientId, appName: 'Alpha sync', lastUsedAt: expect.any(String), count: 2 },
    ]);
    expect(used.revision).toBe(credential.revision);
    const listed = await request(t.server).get(CREDENTIALS).set(bearer(dev.token)).expect(200);
    expect(listed.body.items.find((c: CredentialView) => c.id === credential.id)).toMatchObject({ lastUsed: used.lastUsed, usedBy: used.usedBy });
  });

  it('sends credential.used_by_new_app once per app, and records it in the history and the audit log', async () => {
    const hook = await request(t.server)
      .post('/console/v1/organization/webhooks')
      .set(bearer(dev.token))
      .send({ url: receiver.url, events: ['credential.used_by_new_app'] })
      .expect(201);
    const { credential, jwt } = await create({ label: 'Watched' });
    await exchange(alpha, jwt, '203.0.113.20').expect(200);
    await waitForUse(credential.id, clock.nowMs());
    clock.advance(1_000);
    await exchange(alpha, jwt, '203.0.113.20').expect(200);
    await exchange(beta, jwt, '203.0.113.21').expect(200);
    await exchange(beta, jwt, '203.0.113.21').expect(200);
    await waitForUse(credential.id, clock.nowMs());
    clock.advance(1_000);
    await exchange(alpha, jwt, '203.0.113.20').expect(200);
    await waitForUse(credential.id, clock.nowMs());

    const aboutIt = () => receiver.received.filter((m) => m.payload.data.credentialId === credential.id);
    await waitFor('two webhook messages', async () => (aboutIt().length >= 2 ? true : undefined));
    // Deliveries of the other uses would have come with these: allow them time, then count.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(aboutIt().map((m) => [m.payload.type, m.payload.data.clientId, m.payload.data.label])).toEqual([
      ['credential.used_by_new_app', alpha.clientId, 'Watched'],
      ['credential.used_by_new_app', beta.clientId, 'Watched'],
    ]);
    const history = await historyOf(t, dev.token, credential.id);
    expect(history.filter((e) => e.type === 'CredentialUsedByNewApp').map((e) => e.data.clientId)).toEqual([alpha.clientId, beta.clientId]);
    const audit = await request(t.server)
      .get('/console/v1/audit')
      .query({ credentialId: credential.id, type: 'credential.used_by_new_app' })
      .set(bearer(dev.token))
      .expect(200);
    expect(audit.body.items).toHaveLength(2);
    await request(t.server).delete(`/console/v1/organization/webhooks/${hook.body.id}`).set(bearer(dev.token)).expect(204);
  });
});

import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import request from 'supertest';
import { CREDENTIAL_JWT_PATTERN } from '@latchkey/credentials';
import { LeakedCredentialRevoker } from '../libs/credentials/src/commands/report-leaked-credentials/leaked-credential-revoker';
import { bearer, PASSWORD, signup, type SignedUp } from './support/console';
import { createCredential } from './support/credentials-journey';
import { type ListeningTestApp, startListeningTestApp } from './support/listening-app';
import { startTestApp, type TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

const REVOKE = '/public/v1/credentials/revoke';

/**
 * Public revocation of leaked credentials by proof of possession: genuine credentials of both
 * environments, forged ones (a genuine header and claims with another signature, a token of the
 * right shape signed by another key), a credential of another installation and garbage are
 * answered alike; only the genuine ones are revoked, with reason `leaked`, the reporter's address in
 * the audit log, and `credential.leak_reported` sent to the organization's webhooks.
 */
describe('leaked credentials', () => {
  jest.setTimeout(120_000);
  let t: ListeningTestApp;
  let elsewhere: TestApp;
  let admin: SignedUp;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    await receiver.start();
    t = await startListeningTestApp({ TRUST_PROXY: 'loopback', WEBHOOKS_ALLOW_PRIVATE: '127.0.0.1' });
    elsewhere = await startTestApp();
    admin = await signup(t, { organizationName: 'Leaky' });
    await request(t.server).post('/console/v1/me/sandbox-account').set(bearer(admin.token)).expect(201);
  });
  afterAll(async () => {
    await t?.close();
    await elsewhere?.close();
    await receiver.stop();
  });

  const statusOf = async (id: string) => (await request(t.server).get(`/console/v1/credentials/${id}`).set(bearer(admin.token)).expect(200)).body;

  it('answers every report alike and revokes only genuine, active credentials', async () => {
    await request(t.server)
      .post('/console/v1/organization/webhooks')
      .set(bearer(admin.token))
      .send({ url: receiver.url, events: ['credential.leak_reported'] })
      .expect(201);
    const production = await createCredential(t, admin.token, { label: 'leaked production' });
    const sandbox = await createCredential(t, admin.token, { label: 'leaked sandbox', environment: 'sandbox' });
    const kept = await createCredential(t, admin.token, { label: 'kept' });
    const otherAdmin = await signup(elsewhere);
    const otherInstallation = await createCredential(elsewhere, otherAdmin.token, { label: 'elsewhere' });

    const [header, claims, signature] = kept.jwt.split('.');
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const selfSigned = await new SignJWT(decodeJwt(kept.jwt))
      .setProtectedHeader({ alg: 'ES256', typ: 'credential+jwt', kid: decodeProtectedHeader(kept.jwt).kid! })
      .sign(privateKey);
    const submissions: Record<string, string[]> = {
      genuine: [production.jwt, sandbox.jwt],
      forged: [`${header}.${claims}.${flipped}`, selfSigned],
      otherInstallation: [otherInstallation.jwt],
      garbage: ['hello', 'eyJhbGciOiJub25lIn0.e30.', 'x'.repeat(8000)],
    };
    expect(CREDENTIAL_JWT_PATTERN.test(selfSigned)).toBe(true);

    const answers: { kind: string; status: number; body: unknown; headers: string[]; ms: number }[] = [];
    for (const [kind, credentials] of Object.entries(submissions)) {
      const started = performance.now();
      const res = await request(t.server).post(REVOKE).set('x-forwarded-for', '198.51.100.7').send({ credentials });
      const ms = performance.now() - started;
      answers.push({ kind, status: res.status, body: res.body, headers: Object.keys(res.headers).sort(), ms });
      expect(res.body).toEqual({ received: credentials.length });
    }
    console.log(`report answered in ${answers.map((a) => `${a.kind}: ${a.ms.toFixed(1)} ms`).join(', ')}`);
    for (const a of answers) expect({ status: a.status, headers: a.headers }).toEqual({ status: 202, headers: answers[0].headers });

    await t.app.get(LeakedCredentialRevoker).settled();
    const deadline = Date.now() + 20_000;
    while ((await statusOf(production.credential.id)).status !== 'revoked' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await statusOf(production.credential.id)).toMatchObject({ status: 'revoked' });
    expect(await statusOf(sandbox.credential.id)).toMatchObject({ status: 'revoked' });
    expect(await statusOf(kept.credential.id)).toMatchObject({ status: 'active' });
    const elsewhereStatus = await request(elsewhere.server)
      .get(`/console/v1/credentials/${otherInstallation.credential.id}`)
      .set(bearer(otherAdmin.token));
    expect(elsewhereStatus.body.status).toBe('active');

    const audit = await request(t.server).get('/console/v1/audit').query({ type: 'credential.revoked' }).set(bearer(admin.token)).expect(200);
    const entry = audit.body.items.find((e: { target: { id: string } }) => e.target.id === production.credential.id);
    expect(entry).toMatchObject({ actor: null, address: '198.51.100.7', data: { reason: 'leaked' } });

    await receiver.waitFor((r) => r.length >= 2, 'two credential.leak_reported messages');
    expect(receiver.received.map((r) => r.payload.type)).toEqual(['credential.leak_reported', 'credential.leak_reported']);
    expect(receiver.received.map((r) => r.payload.data.credentialId).sort()).toEqual([production.credential.id, sandbox.credential.id].sort());
    expect(receiver.received[0].payload.data).toMatchObject({ reason: 'leaked', reporterAddress: '198.51.100.7' });
    expect(receiver.received.map((r) => r.body).join()).not.toContain(production.jwt);
  });

  it('revokes a reported console API token (lkc_…) and only that one, by no one, from the reporter’s address', async () => {
    const mint = async (name: string) =>
      (
        await request(t.server)
          .post('/console/v1/me/api-tokens')
          .set(bearer(admin.token))
          .send({ name, scopes: ['credentials:read'], expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), password: PASSWORD })
          .expect(201)
      ).body as { id: string; token: string };
    const leaked = await mint('leaked pipeline');
    const kept = await mint('kept pipeline');
    // A well-formed token with a checksum that does not hold, and one nobody issued: nothing happens.
    const badChecksum = `${leaked.token.slice(0, -1)}${leaked.token.endsWith('A') ? 'B' : 'A'}`;
    await request(t.server)
      .post(REVOKE)
      .set('x-forwarded-for', '198.51.100.20')
      .send({ credentials: [leaked.token, badChecksum] })
      .expect(202);
    await t.app.get(LeakedCredentialRevoker).settled();

    await request(t.server).get('/console/v1/credentials').set(bearer(leaked.token)).expect(401);
    await request(t.server).get('/console/v1/credentials').set(bearer(kept.token)).expect(200);
    const audit = await request(t.server).get('/console/v1/audit').query({ type: 'api_token.revoked' }).set(bearer(admin.token)).expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        actor: null,
        address: '198.51.100.20',
        target: expect.objectContaining({ id: leaked.id }),
        data: expect.objectContaining({ reason: 'leaked' }),
      }),
    ]);
    expect(JSON.stringify(audit.body)).not.toContain(leaked.token);
  });

  it('refuses bodies that are not 1–100 strings with 400, and throttles each address', async () => {
    for (const body of [{}, { credentials: [] }, { credentials: Array(101).fill('x') }, { credentials: [1] }, { credentials: ['x'], extra: 1 }]) {
      expect((await request(t.server).post(REVOKE).set('x-forwarded-for', '198.51.100.8').send(body)).status).toBe(400);
    }
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++)
      statuses.push(
        (
          await request(t.server)
            .post(REVOKE)
            .set('x-forwarded-for', '198.51.100.9')
            .send({ credentials: ['x'] })
        ).status,
      );
    expect(statuses.slice(0, 30).every((s) => s === 202)).toBe(true);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
    expect(
      (
        await request(t.server)
          .post(REVOKE)
          .set('x-forwarded-for', '198.51.100.10')
          .send({ credentials: ['x'] })
      ).status,
    ).toBe(202);
  });
});

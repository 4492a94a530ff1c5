import request from 'supertest';
import { ManualClock } from '@latchkey/building-blocks/testing';
import { Scheduler } from '@latchkey/event-store';
import { bearer, login, signup, type SignedUp } from './support/console';
import { startTestApp, type TestApp } from './support/test-app';
import { verifyStandardWebhook, WebhookReceiver } from './support/webhook-receiver';

const DAY = 86_400_000;
const START = Date.parse('2026-06-01T00:00:00.000Z');
const WEBHOOKS = '/console/v1/organization/webhooks';

/**
 * Expiry notices end to end, on a manual clock: the durable scheduler gives a credential its
 * 7-day and 1-day notices and records its expiry, each once however often it runs; a real HTTP
 * receiver gets them as signed `credential.expiring` and `credential.expired` webhooks; the audit
 * log and the credential's history show them, without an actor.
 */
describe('credential expiry notices (e2e, sqlite, manual clock)', () => {
  jest.setTimeout(120_000);
  let t: TestApp;
  let clock: ManualClock;
  let admin: SignedUp;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    await receiver.start();
    clock = new ManualClock(START);
    t = await startTestApp({ WEBHOOKS_ALLOW_PRIVATE: '127.0.0.0/8' }, { clock });
    admin = await signup(t, { organizationName: 'Expiring' });
  });
  afterAll(async () => {
    await t?.close();
    await receiver.stop();
  });

  const createCredential = async (token: string, label: string, expiresAt: string) =>
    (
      await request(t.server)
        .post('/console/v1/credentials')
        .set(bearer(token))
        .send({ label, environment: 'production', expiresAt, allowedApps: { type: 'organization' } })
        .expect(201)
    ).body.credential as { id: string; expiresAt: string };
  const inDays = (days: number) => new Date(clock.nowMs() + days * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');

  it('notices a credential 7 days and 1 day before it expires and records its expiry, each once, as signed webhooks', async () => {
    const scheduler = t.app.get(Scheduler);
    const hook = (
      await request(t.server)
        .post(WEBHOOKS)
        .set(bearer(admin.token))
        .send({ url: receiver.url, events: ['credential.expiring', 'credential.expired'] })
        .expect(201)
    ).body as { id: string; secret: string };
    const credential = await createCredential(admin.token, 'Short-lived', inDays(10));
    const revoked = await createCredential(admin.token, 'Revoked early', inDays(10));
    await request(t.server).post(`/console/v1/credentials/${revoked.id}/revoke`).set(bearer(admin.token)).send({}).expect(200);
    const expiresMs = Date.parse(credential.expiresAt);

    const runTwiceAt = async (ms: number) => {
      clock.set(ms);
      await scheduler.runDue();
      await scheduler.runDue();
    };
    await runTwiceAt(expiresMs - 7 * DAY - 60_000);
    await runTwiceAt(expiresMs - 7 * DAY);
    await receiver.waitFor((r) => r.length >= 1, 'the 7-day notice');
    await runTwiceAt(expiresMs - DAY - 60_000);
    await runTwiceAt(expiresMs - DAY);
    await receiver.waitFor((r) => r.length >= 2, 'the 1-day notice');
    await runTwiceAt(expiresMs);
    await runTwiceAt(expiresMs + 30 * DAY);
    await receiver.waitFor((r) => r.length >= 3, 'the expiry');
    // Nothing else arrives: give a stray duplicate time to show up.
    await new Promise((r) => setTimeout(r, 1_000));

    expect(receiver.received.map((r) => [r.payload.type, r.payload.data.credentialId, r.payload.data.daysBefore ?? null])).toEqual([
      ['credential.expiring', credential.id, 7],
      ['credential.expiring', credential.id, 1],
      ['credential.expired', credential.id, null],
    ]);
    for (const r of receiver.received) {
      expect(verifyStandardWebhook(hook.secret, r)).toBe(true);
      expect(r.payload.data).toMatchObject({ label: 'Short-lived', expiresAt: new Date(expiresMs).toISOString(), actor: null });
    }
    expect(receiver.received[0].payload.timestamp).toBe(new Date(expiresMs - 7 * DAY).toISOString());

    // Sessions expire as the clock moves on: the admin signs in again.
    const token = await login(t, admin.email);
    const history = await request(t.server).get(`/console/v1/credentials/${credential.id}/history`).set(bearer(token)).expect(200);
    expect(history.body.items.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['CredentialCreated', 'CredentialExpiryNoticed', 'CredentialExpired']),
    );
    expect(history.body.items.filter((e: { type: string }) => e.type === 'CredentialExpiryNoticed')).toHaveLength(2);
    const audit = await request(t.server).get(`/console/v1/audit?credentialId=${credential.id}`).set(bearer(token)).expect(200);
    const lifecycle = audit.body.items.filter((e: { type: string }) => e.type === 'credential.expiring' || e.type === 'credential.expired');
    expect(lifecycle).toMatchObject([
      { type: 'credential.expired', actor: null, target: { id: credential.id } },
      { type: 'credential.expiring', actor: null, data: { daysBefore: 1 } },
      { type: 'credential.expiring', actor: null, data: { daysBefore: 7 } },
    ]);
    const view = await request(t.server).get(`/console/v1/credentials/${credential.id}`).set(bearer(token)).expect(200);
    expect(view.body.status).toBe('expired');
    const revokedHistory = await request(t.server).get(`/console/v1/credentials/${revoked.id}/history`).set(bearer(token)).expect(200);
    expect(revokedHistory.body.items.map((e: { type: string }) => e.type)).not.toContain('CredentialExpiryNoticed');
  });
});

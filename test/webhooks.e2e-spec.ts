import request from 'supertest';
import { bearer, signup, type SignedUp } from './support/console';
import { requestToken } from './support/console-client';
import { createApp, createCredential } from './support/credentials-journey';
import { type ListeningTestApp, startListeningTestApp } from './support/listening-app';
import { startTestApp, type TestApp } from './support/test-app';
import { verifyStandardWebhook, WebhookReceiver } from './support/webhook-receiver';

const WEBHOOKS = '/console/v1/organization/webhooks';

interface Delivery {
  id: string;
  messageId: string;
  type: string;
  attempt: number;
  status: string;
  responseStatus: number | null;
  nextAttemptAt: string | null;
  attempts: { attempt: number; outcome: string; responseStatus: number | null }[];
}

/**
 * Webhooks over real HTTP: endpoints registered through the console API, deliveries received by a
 * real HTTP receiver in this test, which verifies every signature on its own. Retries keep the
 * `webhook-id`, redelivery from the console API, order per endpoint, a dead endpoint beside token
 * issuance, and the address guard at registration (at connection time: webhook-sender.spec.ts).
 */
describe('webhooks', () => {
  jest.setTimeout(180_000);
  let t: ListeningTestApp;
  let admin: SignedUp;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    await receiver.start();
    t = await startListeningTestApp({ WEBHOOKS_ALLOW_PRIVATE: '127.0.0.0/8' });
    admin = await signup(t, { organizationName: 'Hooked' });
  });
  afterAll(async () => {
    await t?.close();
    await receiver.stop();
  });

  const register = async (url: string, events: string[] = ['*']) => {
    const res = await request(t.server).post(WEBHOOKS).set(bearer(admin.token)).send({ url, events, description: 'test receiver' });
    expect(res.status).toBe(201);
    return res.body as { id: string; secret: string; status: string; events: string[] };
  };
  const deliveries = async (webhookId: string): Promise<Delivery[]> =>
    (await request(t.server).get(`${WEBHOOKS}/${webhookId}/deliveries`).set(bearer(admin.token)).expect(200)).body.items;

  it('registers an endpoint, shows the secret once, lists it without, and audits it', async () => {
    const hook = await register(receiver.url, ['credential.revoked']);
    expect(hook).toMatchObject({ status: 'enabled', events: ['credential.revoked'] });
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    const list = await request(t.server).get(WEBHOOKS).set(bearer(admin.token)).expect(200);
    expect(list.body.items.map((w: { id: string }) => w.id)).toContain(hook.id);
    expect(JSON.stringify(list.body)).not.toContain(hook.secret);
    const patched = await request(t.server)
      .patch(`${WEBHOOKS}/${hook.id}`)
      .set(bearer(admin.token))
      .send({ events: ['credential.deleted'] })
      .expect(200);
    expect(patched.body.events).toEqual(['credential.deleted']);
    await request(t.server).delete(`${WEBHOOKS}/${hook.id}`).set(bearer(admin.token)).expect(204);
    await request(t.server).get(`${WEBHOOKS}/${hook.id}`).set(bearer(admin.token)).expect(404);
    const audit = await request(t.server).get('/console/v1/audit').query({ limit: '500' }).set(bearer(admin.token)).expect(200);
    const types = audit.body.items.filter((e: { target: { id: string } }) => e.target.id === hook.id).map((e: { type: string }) => e.type);
    expect(types).toEqual(['webhook.deleted', 'webhook.updated', 'webhook.created']);
    expect(JSON.stringify(audit.body)).not.toContain(hook.secret.slice(6));
  });

  it('refuses unknown event types and bad URLs with 422, and unknown fields with 400', async () => {
    const post = (body: object) => request(t.server).post(WEBHOOKS).set(bearer(admin.token)).send(body);
    expect((await post({ url: receiver.url, events: ['credential.exploded'] })).body).toMatchObject({ status: 422, code: 'UNKNOWN_EVENT_TYPE' });
    expect((await post({ url: 'https://169.254.169.254/latest', events: ['*'] })).body).toMatchObject({ status: 422, code: 'WEBHOOK_URL_REFUSED' });
    expect((await post({ url: 'ftp://example.com/x', events: ['*'] })).body).toMatchObject({ status: 422, code: 'WEBHOOK_URL_REFUSED' });
    expect((await post({ url: receiver.url, events: ['*'], secret: 'mine' })).status).toBe(400);
  });

  it('delivers signed messages, retries a failed one with the same webhook-id, and redelivers from the console API', async () => {
    const hook = await register(receiver.url);
    receiver.received.length = 0;
    receiver.answers = [500];
    const { credential } = await createCredential(t, admin.token, { label: 'hooked credential' });
    await receiver.waitFor((r) => r.filter((x) => x.payload.type === 'credential.created').length >= 2, 'a retry of credential.created');
    const [first, retry] = receiver.ofType('credential.created');
    console.log(`retry came ${retry.receivedAt - first.receivedAt} ms after the failed attempt (schedule: about 5 s)`);
    expect(retry.id).toBe(first.id);
    expect(first.id).toMatch(/^msg_/);
    for (const r of [first, retry]) expect(verifyStandardWebhook(hook.secret, r)).toBe(true);
    expect(verifyStandardWebhook('whsec_' + Buffer.alloc(24).toString('base64'), first)).toBe(false);
    expect(retry.body).toBe(first.body);
    expect(retry.payload).toMatchObject({
      type: 'credential.created',
      data: { credentialId: credential.id, label: 'hooked credential', environment: 'production' },
    });
    expect(retry.body).not.toMatch(/eyJ/);

    let list: Delivery[] = [];
    const deadline = Date.now() + 30_000;
    do {
      list = await deliveries(hook.id);
      if (list.find((d) => d.messageId === first.id)?.status === 'succeeded') break;
      await new Promise((r) => setTimeout(r, 100));
    } while (Date.now() < deadline);
    const delivery = list.find((d) => d.messageId === first.id)!;
    expect(delivery).toMatchObject({ type: 'credential.created', attempt: 2, status: 'succeeded', responseStatus: 204, nextAttemptAt: null });
    expect(delivery.attempts.map((a) => [a.outcome, a.responseStatus])).toEqual([
      ['failed', 500],
      ['succeeded', 204],
    ]);

    await request(t.server).post(`${WEBHOOKS}/${hook.id}/deliveries/${delivery.id}/redeliver`).set(bearer(admin.token)).expect(202);
    await receiver.waitFor((r) => r.filter((x) => x.id === first.id).length >= 3, 'the redelivery');
    const again = receiver.received.filter((x) => x.id === first.id)[2];
    expect(verifyStandardWebhook(hook.secret, again)).toBe(true);
    await request(t.server).post(`${WEBHOOKS}/${hook.id}/deliveries/nope/redeliver`).set(bearer(admin.token)).expect(404);

    await request(t.server).post(`${WEBHOOKS}/${hook.id}/test`).set(bearer(admin.token)).expect(202);
    await receiver.waitFor((r) => r.some((x) => x.payload.type === 'webhook.test'), 'webhook.test');
    await request(t.server).delete(`${WEBHOOKS}/${hook.id}`).set(bearer(admin.token)).expect(204);
  });

  it('delivers the messages of one endpoint in the order of the log', async () => {
    const hook = await register(receiver.url, ['credential.created']);
    receiver.received.length = 0;
    const labels = Array.from({ length: 8 }, (_, i) => `ordered ${i}`);
    for (const label of labels) await createCredential(t, admin.token, { label });
    await receiver.waitFor((r) => r.length >= labels.length, 'eight messages');
    expect(receiver.received.map((r) => r.payload.data.label)).toEqual(labels);
    await request(t.server).delete(`${WEBHOOKS}/${hook.id}`).set(bearer(admin.token)).expect(204);
  });

  it('a dead endpoint delays neither token issuance nor another endpoint', async () => {
    const dead = new WebhookReceiver();
    await dead.start();
    dead.fallback = 'hang';
    const live = await register(receiver.url, ['credential.revoked']);
    const deadHook = await register(dead.url, ['*']);
    const app = await createApp(t, admin.token, 'token app', ['production']);
    const { jwt } = await createCredential(t, admin.token, { label: 'token credential' });

    const measure = async (n: number) => {
      const started = performance.now();
      for (let i = 0; i < n; i++) expect((await requestToken(t.baseUrl, app.clients.production!, jwt)).status).toBe(200);
      return (performance.now() - started) / n;
    };
    const before = await measure(20);
    receiver.received.length = 0;
    // Messages pile up for the dead endpoint (each attempt hangs for the 10 s timeout)…
    for (let i = 0; i < 5; i++) {
      const c = await createCredential(t, admin.token, { label: `piled ${i}` });
      await request(t.server).post(`/console/v1/credentials/${c.credential.id}/revoke`).set(bearer(admin.token)).send({}).expect(200);
    }
    await dead.waitFor((r) => r.length >= 1, 'the dead endpoint to be tried');
    const during = await measure(20);
    console.log(`token request: ${before.toFixed(1)} ms on average before, ${during.toFixed(1)} ms while a dead endpoint hangs`);
    // …while the live endpoint gets its messages and tokens keep coming (bounds are generous: a hang would take 10 s).
    await receiver.waitFor((r) => r.filter((x) => x.payload.type === 'credential.revoked').length >= 5, 'the live endpoint’s messages', 30_000);
    expect(during).toBeLessThan(Math.max(before * 10, 1000));
    const [deadDelivery] = await deliveries(deadHook.id);
    expect(deadDelivery.status).toBe('pending');
    await request(t.server).delete(`${WEBHOOKS}/${deadHook.id}`).set(bearer(admin.token)).expect(204);
    await request(t.server).delete(`${WEBHOOKS}/${live.id}`).set(bearer(admin.token)).expect(204);
    await dead.stop();
  });

  it('is for developer admins only, and 404 for another organization’s endpoint', async () => {
    const other = await signup(t, { organizationName: 'Other' });
    const hook = await register(receiver.url);
    await request(t.server).get(`${WEBHOOKS}/${hook.id}`).set(bearer(other.token)).expect(404);
    await request(t.server).patch(`${WEBHOOKS}/${hook.id}`).set(bearer(other.token)).send({ status: 'disabled' }).expect(404);
    await request(t.server).delete(`${WEBHOOKS}/${hook.id}`).set(bearer(admin.token)).expect(204);
  });
});

describe('webhooks without WEBHOOKS_ALLOW_PRIVATE', () => {
  let t: TestApp;
  let admin: SignedUp;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await signup(t);
  });
  afterAll(() => t?.close());

  it('refuses URLs whose host is or resolves to a loopback or private address, and plain http', async () => {
    for (const url of [
      'https://localhost:8443/hook',
      'https://127.0.0.1/hook',
      'https://[::1]/hook',
      'https://10.1.2.3/hook',
      'http://example.com/hook',
    ]) {
      const res = await request(t.server)
        .post(WEBHOOKS)
        .set(bearer(admin.token))
        .send({ url, events: ['*'] });
      expect([url, res.status, res.body.code]).toEqual([url, 422, 'WEBHOOK_URL_REFUSED']);
    }
  });
});

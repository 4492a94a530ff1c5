import request from 'supertest';
import { eventually, startEsdbDouble, type EsdbDouble } from '@latchkey/event-store/testing';
import { bearer, signup } from '../support/console';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * EventStoreDB goes away under a running Latchkey: writes answer 503 with Retry-After, nothing is
 * acknowledged that was not stored, and everything recovers when the store returns.
 */
describe('event store failure (EventStoreDB adapter against a stopped double)', () => {
  jest.setTimeout(60_000);
  let double: EsdbDouble;
  let t: TestApp;
  beforeAll(async () => {
    double = await startEsdbDouble({ batchAppend: true });
    t = await startTestApp({
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: `${double.connectionString}&defaultDeadline=2000`,
      LOG_LEVEL: 'warn',
    });
  });
  afterAll(async () => {
    await t?.close();
    await double?.stop();
  });

  const createCredential = (token: string, label: string) =>
    request(t.server)
      .post('/console/v1/credentials')
      .set(bearer(token))
      .send({ label, environment: 'production', expiresAt: null, allowedApps: { type: 'organization' } });

  const storedCredentialIds = () =>
    new Set(
      double.storage
        .all()
        .filter((e) => e.type === 'CredentialCreated')
        .map((e) => e.streamName.replace(/^credential-/, '')),
    );

  it('answers writes with 503 while the store is down and recovers when it returns', async () => {
    await eventually(async () => expect((await request(t.server).get('/ready')).status).toBe(200));
    const admin = await signup(t);
    const acknowledged: string[] = [];
    const before = await createCredential(admin.token, 'before the outage').expect(201);
    acknowledged.push(before.body.credential.id);

    await double.stop();
    const during = await createCredential(admin.token, 'during the outage');
    expect(during.status).toBe(503);
    expect(during.headers['retry-after']).toMatch(/^\d+$/);
    expect(during.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(during.body.code).toBe('STORE_UNAVAILABLE');
    await eventually(async () => expect((await request(t.server).get('/ready')).status).toBe(503), { timeoutMs: 15_000 });

    await double.start();
    await eventually(async () => expect((await request(t.server).get('/ready')).status).toBe(200), { timeoutMs: 20_000 });
    const after = await createCredential(admin.token, 'after the outage').expect(201);
    acknowledged.push(after.body.credential.id);

    const stored = storedCredentialIds();
    for (const id of acknowledged) expect(stored.has(id)).toBe(true);
    const labels = double.storage
      .all()
      .filter((e) => e.type === 'CredentialCreated')
      .map((e) => (JSON.parse(Buffer.from(e.data).toString('utf8')) as { label: string }).label);
    expect(labels).not.toContain('during the outage');
    const listed = await request(t.server).get('/console/v1/credentials').set(bearer(admin.token)).expect(200);
    expect(listed.body.items.map((c: { id: string }) => c.id).sort()).toEqual([...acknowledged].sort());
  });
});

import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@latchkey/event-store';
import { requestScope, requestScopeInUse } from '../apps/api/src/observability/request-scope';
import { PASSWORD, signup, uniqueEmail } from './support/console';
import { JWT_BEARER } from './support/oauth-journey';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Every answer carries `X-Request-Id`: the caller's when it is 1–128 visible ASCII characters,
 * else a new one. The same id is in the request's log line, in problem+json as `requestId`, and in
 * the metadata of the events the request wrote (it is their correlation id). OAuth error bodies
 * keep their RingCentral shape: the id is in the header only.
 */
describe('request ids', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ EVENT_STORE: 'memory' });
  });
  afterAll(() => t.close());

  const logLines = () =>
    t.logs
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; reqId?: string; req?: { path: string; id: string } });

  it("echoes a caller's acceptable id, in the header, the problem and the request's log line", async () => {
    const id = `trace-me_42:${'x'.repeat(100)}`;
    const res = await request(t.server).get('/console/v1/me').set('x-request-id', id).expect(401);
    expect(res.headers['x-request-id']).toBe(id);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED', requestId: id });
    const line = logLines().find((l) => l.msg === 'request completed' && l.reqId === id);
    expect(line?.req).toMatchObject({ id, path: '/console/v1/me' });
  });

  it.each([
    ['too long (129 characters)', 'a'.repeat(129)],
    ['with a space', 'two words'],
    ['with a tab', 'tab\there'],
    ['outside ASCII', 'caf\u00e9'],
  ])('replaces an id %s with a new one', async (_what, given) => {
    const res = await request(t.server).get('/console/v1/me').set('x-request-id', given).expect(401);
    const id = res.headers['x-request-id'];
    expect(id).toMatch(/^[\x21-\x7e]{1,128}$/);
    expect(id).not.toBe(given);
    expect(res.body.requestId).toBe(id);
  });

  it('gives each request without an id a new one, also on unknown paths and malformed URLs', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await request(t.server).get('/console/v1/me')).headers['x-request-id']);
    expect(ids.size).toBe(5);
    const unknown = await request(t.server).get('/no/such/page').set('accept', 'application/json');
    expect(unknown.status).toBe(404);
    expect(unknown.body.requestId).toBe(unknown.headers['x-request-id']);
    const malformed = await request(t.server).get('/console/v1/%E0%A4%A');
    expect(malformed.status).toBe(400);
    expect(malformed.headers['x-request-id']).toBeTruthy();
    expect(malformed.body.requestId).toBe(malformed.headers['x-request-id']);
  });

  it('answers the Auth API with the id in the header and OAuth errors in their own shape', async () => {
    const ok = await request(t.server).get('/restapi/oauth/jwks').set('x-request-id', 'jwks-1').expect(200);
    expect(ok.headers['x-request-id']).toBe('jwks-1');
    const refused = await request(t.server)
      .post('/restapi/oauth/token')
      .set('x-request-id', 'token-1')
      .type('form')
      .send(new URLSearchParams({ grant_type: JWT_BEARER, assertion: 'x' }).toString())
      .expect(401);
    expect(refused.headers['x-request-id']).toBe('token-1');
    expect(Object.keys(refused.body)).toEqual(['error', 'error_description', 'errors']);
    const fresh = await request(t.server).post('/restapi/oauth/token').type('form').send('grant_type=password');
    expect(fresh.headers['x-request-id']).toMatch(/^[\x21-\x7e]{1,128}$/);
  });

  it('is the correlation id of the events a console write appends', async () => {
    const id = 'signup-request-7';
    await request(t.server)
      .post('/console/v1/signup')
      .set('x-request-id', id)
      .send({ email: uniqueEmail('rid'), password: PASSWORD, name: 'Rid', organizationName: 'Request Id Org' })
      .expect(201);
    const events = await t.app.get<symbol, EventStore>(EVENT_STORE).readAll();
    const written = events.filter((e) => e.metadata.correlationId === id);
    expect(written.length).toBeGreaterThan(0);
  });

  it("binds what the code serving a console request logs to the request's id", async () => {
    const { email } = await signup(t);
    for (let i = 1; i <= 5; i++) {
      await request(t.server).post('/console/v1/sessions').set('x-request-id', `wrong-password-${i}`).send({ email, password: 'not the password' });
    }
    const lockout = logLines().find((l) => l.msg.startsWith('Too many failed logins for an account'));
    expect(lockout?.reqId).toBe('wrong-password-5');
  });

  it('turns the request scope off once no console request is in flight, and token requests leave it off', async () => {
    const hooksInstalled = () => (requestScope as unknown as { enabled: boolean }).enabled;
    await Promise.all([1, 2, 3].map(() => request(t.server).get('/console/v1/me').expect(401)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(requestScopeInUse()).toBe(false);
    expect(hooksInstalled()).toBe(false);
    await request(t.server)
      .post('/restapi/oauth/token')
      .type('form')
      .send(new URLSearchParams({ grant_type: JWT_BEARER, assertion: 'x' }).toString());
    await request(t.server).get('/health').expect(200);
    expect(hooksInstalled()).toBe(false);
  });

  it('registers no Nest middleware plugin (middie) on the HTTP server', () => {
    expect(t.app.getHttpAdapter().getInstance().hasPlugin('@fastify/middie')).toBe(false);
  });
});

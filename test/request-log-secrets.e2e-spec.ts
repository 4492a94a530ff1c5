import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Path-borne secrets never reach the request log: an invitation token in the console's page link
 * (`/invitations/<token>`) as much as in the API's `/console/v1/invitations/<token>/accept`, however
 * the path is spelled, in a Referer header, and a bearer secret a client put in a path by mistake.
 * The requests go through the real application and the captured log lines are searched.
 */
describe('path-borne secrets in request logs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ EVENT_STORE: 'memory' });
  });
  afterAll(() => t.close());

  const secret = () => randomBytes(24).toString('base64url');
  const requestLines = () =>
    t.logs
      .join('')
      .split('\n')
      .filter((line) => line.includes('"msg":"request completed"'))
      .map((line) => JSON.parse(line) as { req: { path: string; headers: Record<string, string> } });

  it('masks the invitation token of the console page link and of the accept call', async () => {
    const [pageToken, jsonToken, acceptToken] = [secret(), secret(), secret()];
    await request(t.server).get(`/invitations/${pageToken}`).set('accept', 'text/html');
    await request(t.server).get(`/invitations/${jsonToken}`);
    await request(t.server).post(`/console/v1/invitations/${acceptToken}/accept`).send({ password: 'Correct-Horse-Battery-42', name: 'X' });

    const logs = t.logs.join('');
    for (const token of [pageToken, jsonToken, acceptToken]) expect(logs).not.toContain(token);
    const paths = requestLines().map((line) => line.req.path);
    expect(paths).toEqual(expect.arrayContaining(['/invitations/[redacted]', '/console/v1/invitations/[redacted]/accept']));
  });

  it('masks other spellings of the same path, and the page link in a Referer', async () => {
    const tokens = Array.from({ length: 5 }, secret);
    await request(t.server).get(`/INVITATIONS/${tokens[0]}`).set('accept', 'text/html');
    await request(t.server).get(`/invitations%2F${tokens[1]}`).set('accept', 'text/html');
    await request(t.server).get(`/console/v1/invitations/${tokens[2]}%2Faccept`);
    await request(t.server).get(`/invitations/${tokens[3]}?utm=1#frag`).set('accept', 'text/html');
    await request(t.server).get('/console/v1/me').set('referer', `http://latchkey.test/invitations/${tokens[4]}`);
    const logs = t.logs.join('');
    for (const token of tokens) expect(logs).not.toContain(token);
    expect(requestLines().some((line) => line.req.headers.referer === 'http://latchkey.test/invitations/[redacted]')).toBe(true);
  });

  it('masks bearer secrets put in a path by mistake: JWTs, console API tokens, refresh tokens', async () => {
    const jwt = `eyJhbGciOiJFUzI1NiJ9.${secret()}.${secret()}`;
    const apiToken = `lkc_${randomBytes(20).toString('hex')}`;
    const refresh = `lkr1.${secret()}.${secret()}`;
    await request(t.server).get(`/console/v1/credentials/${jwt}`);
    await request(t.server).get(`/console/v1/${apiToken}/x`);
    await request(t.server).get(`/${refresh}`).set('accept', 'text/html');
    const logs = t.logs.join('');
    for (const leaked of [jwt, apiToken, refresh]) {
      expect(logs).not.toContain(leaked);
      expect(logs).not.toContain(leaked.split('.').pop()!.slice(0, 12));
    }
  });

  it('leaves ordinary paths readable', async () => {
    await request(t.server).get('/console/v1/credentials/cred-123/history');
    expect(requestLines().map((line) => line.req.path)).toContain('/console/v1/credentials/cred-123/history');
  });
});

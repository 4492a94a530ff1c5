import request from 'supertest';
import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import { loggablePath } from './logger-options';

describe('loggablePath', () => {
  it.each([
    ['/console/v1/credentials?cursor=abc', '/console/v1/credentials'],
    ['/invitations/tok3n', '/invitations/[redacted]'],
    ['/invitations/tok3n/', '/invitations/[redacted]/'],
    ['/console/v1/invitations/tok3n/accept', '/console/v1/invitations/[redacted]/accept'],
    ['/console/v1/organization/invitations/inv-1', '/console/v1/organization/invitations/[redacted]'],
    ['/Invitations/tok3n', '/Invitations/[redacted]'],
    ['/invitations%2Ftok3n%2Faccept', '/invitations%2F[redacted]%2Faccept'],
    ['/invitations/', '/invitations/'],
    ['/console/v1/credentials/eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln', '/console/v1/credentials/[redacted]'],
    ['/x/lkc_0123456789abcdefABCDEF/y', '/x/[redacted]/y'],
    ['/lkr1.abc.def', '/[redacted]'],
    ['/console/v1/credentials/cred-1/history', '/console/v1/credentials/cred-1/history'],
    ['/assets/index-eyJx.js', '/assets/index-eyJx.js'],
  ])('%s → %s', (url, path) => {
    expect(loggablePath(url)).toBe(path);
  });
});

describe('request logging', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const requestLines = () =>
    t.logs
      .join('')
      .split('\n')
      .filter((line) => line.includes('"msg":"request completed"'));

  it('logs console requests, not Auth API ones', async () => {
    await request(t.server).post('/restapi/oauth/token').type('form').send({ grant_type: 'refresh_token' }).expect(401);
    await request(t.server).post('/sandbox/restapi/oauth/token?x=1').type('form').send({ grant_type: 'refresh_token' }).expect(401);
    await request(t.server).get('/restapi/oauth/jwks').expect(200);
    await request(t.server).get('/console/v1/me').expect(401);
    const lines = requestLines();
    expect(lines.some((line) => line.includes('/console/v1/me'))).toBe(true);
    expect(lines.filter((line) => line.includes('/restapi/oauth/'))).toEqual([]);
  });
});

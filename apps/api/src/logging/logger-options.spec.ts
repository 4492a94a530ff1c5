import request from 'supertest';
import { startTestApp, type TestApp } from '../../../../test/support/test-app';

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

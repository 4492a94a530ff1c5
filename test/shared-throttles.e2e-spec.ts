import { Redis } from 'ioredis';
import { describeWithRedis, type RedisServer, startRedisServer } from '@latchkey/building-blocks/testing';
import { startTestApp, type TestApp } from './support/test-app';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** A failed console login from a chosen client address (Fastify's inject). */
async function failedLogin(t: TestApp, email: string, remoteAddress: string): Promise<Answer> {
  const res = await t.app
    .getHttpAdapter()
    .getInstance()
    .inject({ method: 'POST', url: '/console/v1/sessions', payload: { email, password: 'Not-The-Password-1' }, remoteAddress });
  return { status: res.statusCode, headers: res.headers, body: res.json() };
}

/** A token request with a client that does not exist. */
async function unknownClientToken(t: TestApp): Promise<Answer> {
  const res = await t.app
    .getHttpAdapter()
    .getInstance()
    .inject({
      method: 'POST',
      url: '/restapi/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from('nobody:nothing').toString('base64')}` },
      payload: 'grant_type=client_credentials',
    });
  return { status: res.statusCode, headers: res.headers, body: res.json() };
}

async function throttleConnections(url: string): Promise<number> {
  const raw = new Redis(url);
  try {
    const clients = String(await raw.client('LIST'));
    return clients.split('\n').filter((line) => line.includes('name=latchkey-throttles')).length;
  } finally {
    raw.disconnect();
  }
}

describeWithRedis('THROTTLE_STORE=redis://…: two instances share their failure counters', () => {
  jest.setTimeout(120_000);
  let server: RedisServer;
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    server = await startRedisServer();
    first = await startTestApp({ EVENT_STORE: 'memory', THROTTLE_STORE: server.url });
    second = await startTestApp({ EVENT_STORE: 'memory', THROTTLE_STORE: server.url });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await server?.stop();
  });

  it('locks an account out after 5 failed logins split over both instances', async () => {
    const email = 'mallory-target@example.test';
    const answers = [];
    for (const t of [first, second, first, second, first]) answers.push((await failedLogin(t, email, '198.51.100.7')).body.code);
    expect(answers).toEqual(Array(5).fill('INVALID_LOGIN'));
    for (const t of [first, second]) {
      const locked = await failedLogin(t, email, '198.51.100.7');
      expect(locked).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(20);
    }
  });

  it('closes its Redis connection when the application shuts down', async () => {
    const third = await startTestApp({ EVENT_STORE: 'memory', THROTTLE_STORE: server.url });
    await failedLogin(third, 'someone@example.test', '198.51.100.8');
    expect(await throttleConnections(server.url)).toBe(3);
    await third.close();
    expect(await throttleConnections(server.url)).toBe(2);
  });

  it('refuses logins and token requests with 503 while Redis is gone, never a 500, and counts again once it is back', async () => {
    const port = server.port;
    await server.stop();
    const login = await failedLogin(first, 'anyone@example.test', '198.51.100.9');
    expect(login).toMatchObject({ status: 503, body: { code: 'THROTTLE_UNAVAILABLE' } });
    expect(login.headers['retry-after']).toBe('5');
    expect(JSON.stringify(login.body)).not.toMatch(/redis|ECONNREFUSED|127\.0\.0\.1/i);
    const token = await unknownClientToken(second);
    expect(token).toMatchObject({ status: 503, body: { error: 'temporarily_unavailable', errors: [{ errorCode: 'OAU-503' }] } });

    server = await startRedisServer({ port });
    const started = Date.now();
    let answer = await failedLogin(first, 'anyone@example.test', '198.51.100.9');
    while (answer.status === 503 && Date.now() - started < 30_000) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      answer = await failedLogin(first, 'anyone@example.test', '198.51.100.9');
    }
    console.info(`logins counted again ${Date.now() - started} ms after Redis came back`);
    expect(answer).toMatchObject({ status: 401, body: { code: 'INVALID_LOGIN' } });
  });
});

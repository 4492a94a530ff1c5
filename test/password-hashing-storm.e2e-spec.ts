import { PASSWORD, login, signup, type SignedUp } from './support/console';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * A storm of sign-ups from many addresses (so the per-address throttle does not stop them first):
 * password hashing runs at most 2 at a time with at most 64 waiting, so some are answered
 * `503 BUSY` with `Retry-After` instead of queueing, none fails otherwise, and a real user's login
 * during the storm is served (checks of existing passwords go before new ones).
 */
describe('password hashing under a storm of sign-ups (e2e, real scrypt cost)', () => {
  jest.setTimeout(180_000);
  let t: TestApp;
  let user: SignedUp;

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'warn' });
    user = await signup(t, { organizationName: 'Storm Watchers' });
  });
  afterAll(() => t?.close());

  it('answers the overflow 503 BUSY, never 500, and still logs a real user in', async () => {
    const fastify = t.app.getHttpAdapter().getInstance();
    let firstBusy: () => void = () => undefined;
    const busySeen = new Promise<void>((resolve) => (firstBusy = resolve));
    const storm = Array.from({ length: 80 }, async (_, i) => {
      const res = await fastify.inject({
        method: 'POST',
        url: '/console/v1/signup',
        remoteAddress: `198.51.100.${i + 1}`,
        payload: { email: `storm-${i}@example.test`, password: PASSWORD, name: `Storm ${i}`, organizationName: `Storm ${i}` },
      });
      if (res.statusCode === 503) firstBusy();
      return { status: res.statusCode, code: res.json().code as string | undefined, retryAfter: res.headers['retry-after'] };
    });

    // The wait list is full once the first 503 comes back: the login arrives in the thick of it.
    await busySeen;
    const started = Date.now();
    const token = await login(t, user.email);
    const loginMs = Date.now() - started;
    console.log(`A login during the storm of 80 sign-ups took ${loginMs} ms`);
    expect(token).toEqual(expect.any(String));

    const answers = await Promise.all(storm);
    const busy = answers.filter((a) => a.status === 503);
    console.log(`Storm answers: ${answers.length - busy.length} × 201, ${busy.length} × 503 BUSY`);
    expect(busy.length).toBeGreaterThan(0);
    for (const a of busy) {
      expect(a.code).toBe('BUSY');
      expect(Number(a.retryAfter)).toBeGreaterThanOrEqual(1);
    }
    expect(answers.filter((a) => a.status !== 503).map((a) => a.status)).toEqual(answers.filter((a) => a.status !== 503).map(() => 201));
    // At most 2 running and 64 waiting were ever admitted: the rest were refused at once.
    expect(answers.length - busy.length).toBeLessThanOrEqual(66);
  });
});

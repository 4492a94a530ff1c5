import { randomUUID } from 'node:crypto';
import { LOGIN_LIMITS } from '../../libs/identity/src/commands/log-in/login-throttle';
import { TOKEN_SETTINGS } from '../../libs/token-issuance/src/shared/token-settings';
import { PASSWORD, type SignedUp, signup } from '../support/console';
import { basic, type Client, createOAuthApp, issueCredential, JWT_BEARER } from '../support/oauth-journey';
import { startTestApp, type TestApp } from '../support/test-app';
import { Clock } from '@latchkey/building-blocks';

/**
 * Brute force against console logins and against app client secrets: past the documented
 * thresholds the guesser gets 429 with Retry-After, while the legitimate user, from where they
 * usually are. Client addresses are chosen per request with Fastify's inject; time is moved,
 * never waited for: the application's one clock stands still and moves only when told.
 */
describe('throttling of brute force', () => {
  jest.setTimeout(120_000);
  let t: TestApp;
  /** The clock stands still (password hashing takes seconds on a busy machine) and moves only when told. */
  let nowMs = Date.now();

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'warn' });
    jest.spyOn(t.app.get(Clock), 'nowMs').mockImplementation(() => nowMs);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  const inject = (options: { url: string; payload: string | object; remoteAddress: string; headers?: Record<string, string> }) =>
    t.app
      .getHttpAdapter()
      .getInstance()
      .inject({ method: 'POST', ...options });

  describe('console login (identity)', () => {
    const home = '192.0.2.10';
    const attacker = '203.0.113.66';
    const elsewhere = '198.51.100.7';
    let alice: SignedUp;
    let bob: SignedUp;
    let carol: SignedUp;

    async function login(email: string, password: string, remoteAddress: string, headers: Record<string, string> = {}) {
      const res = await inject({ url: '/console/v1/sessions', payload: { email, password }, remoteAddress, headers });
      return { status: res.statusCode, body: res.json(), headers: res.headers, text: res.body };
    }

    const failures = (email: string, remoteAddress: string, count: number) =>
      Promise.all(Array.from({ length: count }, (_, i) => login(email, `Wrong-Password-${i}-x`, remoteAddress)));

    beforeAll(async () => {
      [alice, bob, carol] = await Promise.all([signup(t), signup(t), signup(t)]);
      // Alice has logged in from home before: home is a known address of her account.
      expect((await login(alice.email, PASSWORD, home)).status).toBe(201);
    });

    it('the documented limits: 5 failures per account and 20 per client address in 15 minutes; the first lockout is 30 s', () => {
      expect(LOGIN_LIMITS.account).toEqual({ limit: 5, windowMs: 15 * 60_000, lockout: { baseMs: 30_000, maxMs: 15 * 60_000 } });
      expect(LOGIN_LIMITS.address).toMatchObject({ limit: 20, windowMs: 15 * 60_000 });
      expect(LOGIN_LIMITS.knownAddressTtlMs).toBe(30 * 24 * 60 * 60_000);
    });

    it('5 wrong passwords lock the account: the 6th attempt, even with the right password, is 429 RATE_LIMITED with Retry-After: 30', async () => {
      const answers = await failures(alice.email, attacker, 5);
      expect(answers.map((a) => [a.status, a.body.code])).toEqual(Array.from({ length: 5 }, () => [401, 'INVALID_LOGIN']));
      const locked = await login(alice.email, PASSWORD, attacker);
      expect(locked.status).toBe(429);
      expect(locked.headers['retry-after']).toBe('30');
      expect(locked.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(locked.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
      expect(locked.text).not.toContain('token');
    });

    it('the legitimate user still gets in from an address she logged in from before', async () => {
      const res = await login(alice.email, PASSWORD, home);
      expect(res.status).toBe(201);
      expect(res.body.user.id).toBe(alice.userId);
    });

    it('the lockout holds for addresses the account was never used from, and X-Forwarded-For does not move the client address', async () => {
      expect((await failures(alice.email, attacker, 5)).every((a) => a.status === 401)).toBe(true);
      expect((await login(alice.email, PASSWORD, elsewhere)).status).toBe(429);
      expect((await login(alice.email, PASSWORD, attacker, { 'x-forwarded-for': home, 'x-real-ip': home, forwarded: `for=${home}` })).status).toBe(
        429,
      );
    });

    it('ends when Retry-After has passed', async () => {
      nowMs += 10_000;
      expect((await login(alice.email, PASSWORD, elsewhere)).headers['retry-after']).toBe('20');
      nowMs += 20_000;
      expect((await login(alice.email, PASSWORD, elsewhere)).status).toBe(201);
    });

    it('counts look-alike spellings of the address (case, whitespace, full-width) against the one account', async () => {
      const fullWidth = [...bob.email].map((c) => (/[a-z0-9]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');
      const spellings = [bob.email.toUpperCase(), ` ${bob.email} `, fullWidth, bob.email.replace(/^./, (c) => c.toUpperCase()), `${bob.email}\t`];
      const answers = await Promise.all(spellings.map((email) => login(email, 'Wrong-Password-123', attacker)));
      expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
      expect((await login(bob.email, PASSWORD, elsewhere)).status).toBe(429);
    });

    it('answers a locked unknown account exactly like a locked real one (no account enumeration)', async () => {
      const ghost = `ghost-${randomUUID().slice(0, 8)}@example.test`;
      const fresh = '198.51.100.200';
      await failures(ghost, fresh, 5);
      const unknown = await login(ghost, PASSWORD, fresh);
      const known = await login(bob.email, PASSWORD, fresh);
      expect([unknown.status, known.status]).toEqual([429, 429]);
      // Each problem quotes its own request's id; nothing else may tell them apart.
      const { requestId: _unknownId, ...unknownProblem } = unknown.body;
      const { requestId: _knownId, ...knownProblem } = known.body;
      expect(unknownProblem).toEqual(knownProblem);
    });

    it('doubles the lockout while failures continue after it: 30 s, then 60 s, then 120 s', async () => {
      const address = '198.51.100.31';
      await failures(carol.email, address, 5);
      expect((await login(carol.email, PASSWORD, address)).headers['retry-after']).toBe('30');
      nowMs += 30_000;
      expect((await login(carol.email, 'Wrong-Password-123', address)).status).toBe(401);
      expect((await login(carol.email, PASSWORD, address)).headers['retry-after']).toBe('60');
      nowMs += 60_000;
      expect((await login(carol.email, 'Wrong-Password-123', address)).status).toBe(401);
      expect((await login(carol.email, PASSWORD, address)).headers['retry-after']).toBe('120');
      nowMs += 120_000;
      expect((await login(carol.email, PASSWORD, address)).status).toBe(201);
    });

    it('20 failures from one address across any accounts lock that address; the legitimate user elsewhere still gets in', async () => {
      const stuffer = '203.0.113.99';
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => login(`victim-${i}-${randomUUID().slice(0, 6)}@example.test`, 'Stuffed-Password-1', stuffer)),
      );
      expect(answers.every((a) => a.status === 401)).toBe(true);
      const locked = await login(alice.email, PASSWORD, stuffer);
      expect(locked.status).toBe(429);
      expect(locked.headers['retry-after']).toBe('30');
      expect(locked.body.code).toBe('RATE_LIMITED');
      expect((await login(alice.email, PASSWORD, home)).status).toBe(201);
      expect((await login(carol.email, PASSWORD, '198.51.100.32')).status).toBe(201);
    });
  });

  describe('client secrets at the token endpoint (token issuance)', () => {
    const attacker = '203.0.113.5';
    const legitimate = '192.0.2.20';
    let admin: SignedUp;
    let victim: Client;
    let bystander: Client;
    let assertion: string;

    async function token(client: Client | null, remoteAddress: string, headers: Record<string, string> = {}, endpoint = 'token') {
      const payload =
        endpoint === 'token'
          ? new URLSearchParams({ grant_type: JWT_BEARER, assertion }).toString()
          : new URLSearchParams({ token: 'anything' }).toString();
      const res = await inject({
        url: `/restapi/oauth/${endpoint}`,
        payload,
        remoteAddress,
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(client ? { authorization: basic(client) } : {}), ...headers },
      });
      const body = res.body ? res.json() : {};
      return { status: res.statusCode, error: body.error, errorCode: body.errors?.[0]?.errorCode, headers: res.headers };
    }

    const guesses = (clientId: string, remoteAddress: string, count: number) =>
      Promise.all(Array.from({ length: count }, (_, i) => token({ clientId, clientSecret: `guess-${i}` }, remoteAddress)));

    beforeAll(async () => {
      admin = await signup(t);
      victim = (await createOAuthApp(t, admin.token, { name: 'Victim', environments: ['production'] })).clients.production!;
      bystander = (await createOAuthApp(t, admin.token, { name: 'Bystander', environments: ['production'] })).clients.production!;
      assertion = (await issueCredential(t, admin.token)).jwt;
    });

    it('the documented limits: 10 failures per client id and source address, 100 per source address, in 60 s', () => {
      expect(TOKEN_SETTINGS.clientFailures).toEqual({ limit: 10, windowMs: 60_000, lockout: 'rest-of-window' });
      expect(TOKEN_SETTINGS.addressFailures).toEqual({ limit: 100, windowMs: 60_000, lockout: 'rest-of-window' });
    });

    it('10 wrong secrets for one client id: the next attempt, even with the right secret, is 429 rate_limited OAU-429 with Retry-After', async () => {
      const answers = await guesses(victim.clientId, attacker, 10);
      expect(answers.map((a) => [a.status, a.errorCode])).toEqual(Array.from({ length: 10 }, () => [401, 'OAU-153']));
      const limited = await token(victim, attacker);
      expect(limited).toMatchObject({ status: 429, error: 'rate_limited', errorCode: 'OAU-429' });
      expect(limited.headers['content-type']).toMatch(/^application\/json/);
      const retryAfter = Number(limited.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
    });

    it('the lockout covers revocation and introspection of that client too', async () => {
      expect(await token(victim, attacker, {}, 'introspect')).toMatchObject({ status: 429, errorCode: 'OAU-429' });
      expect(await token(victim, attacker, {}, 'revoke')).toMatchObject({ status: 429, errorCode: 'OAU-429' });
    });

    it('a brute force on a client id from one address does not lock the legitimate client out elsewhere', async () => {
      expect((await token(victim, attacker)).status).toBe(429);
      expect((await token(victim, legitimate)).status).toBe(200);
      // The legitimate success does not reset the guesser's count.
      expect((await token(victim, attacker)).status).toBe(429);
    });

    it('other clients are not affected, even from the guessing address', async () => {
      expect((await token(bystander, attacker)).status).toBe(200);
      expect((await token(bystander, legitimate)).status).toBe(200);
    });

    it('ends when the 60 s window has passed: the client gets in again', async () => {
      nowMs += 30_000;
      const waiting = await token(victim, attacker);
      expect(waiting.status).toBe(429);
      expect(Number(waiting.headers['retry-after'])).toBeLessThanOrEqual(30);
      nowMs += 31_000;
      expect((await token(victim, legitimate)).status).toBe(200);
      expect((await token(victim, attacker)).status).toBe(200);
    });

    it('100 failures from one address (unknown clients, malformed Basic) lock the address; the legitimate client elsewhere still gets in', async () => {
      const flooder = '203.0.113.77';
      const unknownClients = Array.from({ length: 60 }, () =>
        token({ clientId: `prd_${randomUUID().replace(/-/g, '')}`, clientSecret: 'x' }, flooder),
      );
      const malformed = Array.from({ length: 40 }, () => token(null, flooder, { authorization: 'Basic !!!!' }));
      const answers = await Promise.all([...unknownClients, ...malformed]);
      expect(answers.every((a) => a.status === 401 && a.errorCode === 'OAU-153')).toBe(true);

      const limited = await token(victim, flooder);
      expect(limited).toMatchObject({ status: 429, error: 'rate_limited', errorCode: 'OAU-429' });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect((await token(victim, flooder, { 'x-forwarded-for': legitimate, forwarded: `for=${legitimate}` })).status).toBe(429);
      expect((await token(victim, legitimate)).status).toBe(200);
      expect((await token(bystander, '192.0.2.21')).status).toBe(200);

      nowMs += 61_000;
      expect((await token(victim, flooder)).status).toBe(200);
    });
  });
});

import { Allow } from 'class-validator';
import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Public, systemContext } from '@latchkey/building-blocks';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@latchkey/event-store';
import {
  type ConsolePrincipal,
  DeactivateUserCommand,
  GetUserByEnvironmentUserIdQuery,
  GetUserQuery,
  Principal,
  type RegisteredUser,
  RegisterUserCommand,
} from '@latchkey/identity';
import { startTestApp, type TestApp } from './support/test-app';
import { Clock } from '@latchkey/building-blocks';

class RegisterProbeDto {
  @Allow() email!: unknown;
  @Allow() password!: unknown;
  @Allow() name!: unknown;
}

/** Probe routes: a console route of another module, guarded the way other modules guard theirs. */
@Controller('probe')
class IdentityProbeController {
  constructor(private readonly commandBus: CommandBus) {}

  @Get('whoami')
  whoami(@Principal() principal: ConsolePrincipal) {
    return principal;
  }

  @Public()
  @Post('register')
  register(@Body() body: RegisterProbeDto) {
    return this.commandBus.execute(new RegisterUserCommand(body.email as string, body.password as string, body.name as string, systemContext()));
  }
}

@Module({ controllers: [IdentityProbeController] })
class IdentityProbeModule {}

interface TestUser extends RegisteredUser {
  password: string;
}

/** Turns ASCII into its full-width compatibility form (NFKC folds it back). */
const fullWidth = (text: string) => text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('identity: users, sessions and the console guard (sqlite store)', () => {
  let t: TestApp;
  let commandBus: CommandBus;
  let queryBus: QueryBus;
  let clockOffsetMs = 0;
  /** When set, identity's clock stands still here (plus the offset), so waits can be asserted exactly. */
  let frozenAt: number | null = null;
  /** Every plaintext password and session token the tests used or received. */
  const secrets: string[] = [];
  /** Every HTTP answer body, to check none carries a password hash. */
  const answers: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({}, { extraModules: [IdentityProbeModule] });
    commandBus = t.app.get(CommandBus);
    queryBus = t.app.get(QueryBus);
    const clock = t.app.get(Clock);
    jest.spyOn(clock, 'nowMs').mockImplementation(() => (frozenAt ?? Date.now()) + clockOffsetMs);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  async function register(label: string, email?: string): Promise<TestUser> {
    const password = `Pw-${randomUUID()}`;
    secrets.push(password);
    const address = email ?? `${label}-${randomUUID().slice(0, 8)}@example.com`;
    const user = await commandBus.execute(new RegisterUserCommand(address, password, `${label} Tester`, systemContext()));
    return { ...user, password };
  }

  /** Logs in through Fastify's inject, so each test can choose the client address. */
  async function login(email: string, password: string, remoteAddress = '127.0.0.1') {
    const res = await t.app
      .getHttpAdapter()
      .getInstance()
      .inject({ method: 'POST', url: '/console/v1/sessions', payload: { email, password }, remoteAddress });
    answers.push(res.body);
    const body = res.json();
    if (res.statusCode === 201) secrets.push(body.token);
    return { status: res.statusCode, body, headers: res.headers };
  }

  async function whoami(authorization?: string) {
    const req = request(t.server).get('/probe/whoami');
    const res = authorization === undefined ? await req : await req.set('authorization', authorization);
    answers.push(res.text);
    return res;
  }

  const bearer = (token: string) => `Bearer ${token}`;

  /** Users of the tests below, registered in parallel: each registration costs one slow password hash. */
  const carolId = randomUUID().slice(0, 8);
  let users: Record<'alice' | 'carol' | 'erin' | 'frank' | 'gina' | 'hank' | 'ivy' | 'jack' | 'kim', TestUser>;
  beforeAll(async () => {
    const labels = ['alice', 'carol', 'erin', 'frank', 'gina', 'hank', 'ivy', 'jack', 'kim'] as const;
    const registered = await Promise.all(labels.map((label) => register(label, label === 'carol' ? `Carol.${carolId}@Example.com` : undefined)));
    users = Object.fromEntries(labels.map((label, i) => [label, registered[i]])) as typeof users;
  });

  describe('login', () => {
    let alice: TestUser;
    beforeAll(() => {
      alice = users.alice;
    });

    it('answers 201 with a session token, when it expires and the user; the token authenticates', async () => {
      const before = Date.now();
      const res = await login(alice.email, alice.password);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        expiresAt: expect.any(String),
        user: { id: alice.userId, email: alice.email, name: 'alice Tester' },
      });
      const lifetime = Date.parse(res.body.expiresAt) - before;
      expect(lifetime).toBeGreaterThan(12 * 3600_000 - 60_000);
      expect(lifetime).toBeLessThanOrEqual(12 * 3600_000 + 60_000);

      const me = await whoami(bearer(res.body.token));
      expect(me.status).toBe(200);
      expect(me.body).toEqual({ userId: alice.userId, email: alice.email, sessionId: expect.any(String) });
    });

    it('answers an unknown e-mail and a wrong password with the same 401 INVALID_LOGIN', async () => {
      const unknown = await login(`nobody-${randomUUID().slice(0, 8)}@example.com`, alice.password, '10.10.0.1');
      const wrong = await login(alice.email, `${alice.password}x`, '10.10.0.2');
      expect(unknown.status).toBe(401);
      // Each answer quotes its own request's id; nothing else tells them apart.
      const { requestId: unknownId, ...unknownProblem } = unknown.body;
      const { requestId: wrongId, ...wrongProblem } = wrong.body;
      expect(unknownId).toBe(unknown.headers['x-request-id']);
      expect(wrongId).toBe(wrong.headers['x-request-id']);
      expect(unknownProblem).toEqual({
        type: 'urn:latchkey:problem:invalid-login',
        title: 'Sign-in failed',
        status: 401,
        detail: 'The e-mail address or password is incorrect',
        code: 'INVALID_LOGIN',
      });
      expect(wrong.status).toBe(401);
      expect(wrongProblem).toEqual(unknownProblem);
      expect(wrong.headers['content-type']).toBe(unknown.headers['content-type']);
    });

    it('validates the body: both fields are required strings and unknown fields are refused', async () => {
      const missing = await request(t.server).post('/console/v1/sessions').send({ email: alice.email }).expect(400);
      expect(missing.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'password' }] });
      const extra = await request(t.server)
        .post('/console/v1/sessions')
        .send({ email: alice.email, password: alice.password, admin: true })
        .expect(400);
      expect(extra.body.errors).toEqual([{ field: 'admin', message: 'admin is not a known field' }]);
      await request(t.server)
        .post('/console/v1/sessions')
        .send({ email: ['a'], password: 1 })
        .expect(400);
    });
  });

  describe('e-mail addresses are canonical', () => {
    const id = carolId;
    let carol: TestUser;
    beforeAll(() => {
      carol = users.carol;
    });

    it('stores the canonical form', () => {
      expect(carol.email).toBe(`carol.${id}@example.com`);
    });

    it.each([
      ['a case variant', `CAROL.${id}@EXAMPLE.COM`],
      ['surrounding whitespace', `  carol.${id}@example.com \t`],
      ['a full-width (NFKC) variant', fullWidth(`Carol.${id}@example.com`)],
    ])('logs in with %s to the same account', async (_what, variant) => {
      const res = await login(variant, carol.password, '10.20.0.1');
      expect(res.status).toBe(201);
      expect(res.body.user.id).toBe(carol.userId);
    });

    it('refuses to register a variant of a taken address with 409 EMAIL_TAKEN', async () => {
      await expect(
        commandBus.execute(new RegisterUserCommand(fullWidth(` CAROL.${id}@example.com`), 'Another-Password-1', 'Impostor', systemContext())),
      ).rejects.toMatchObject({ kind: 'conflict', code: 'EMAIL_TAKEN' });
    });

    it('lets exactly one of two concurrent registrations of the same address win', async () => {
      const address = `dave.${randomUUID().slice(0, 8)}@example.com`;
      const outcomes = await Promise.allSettled([
        commandBus.execute(new RegisterUserCommand(address, 'First-Password-1', 'First', systemContext())),
        commandBus.execute(new RegisterUserCommand(address.toUpperCase(), 'Second-Password-2', 'Second', systemContext())),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { code: 'EMAIL_TAKEN' } });
    });
  });

  describe('registration rules', () => {
    it.each([
      ['too short', 'Short-1', 'Use at least 12 characters'],
      [
        'one kind of character',
        'abcdefghijklmnop',
        'Mix at least two kinds of characters: lower-case letters, upper-case letters, digits, symbols or spaces',
      ],
      ['the e-mail address', 'Weak.Password@Example.com', 'Choose a password other than your e-mail address'],
    ])('answers a weak password (%s) with 400 and a password field error', async (_what, password, message) => {
      const res = await request(t.server).post('/probe/register').send({ email: 'weak.password@example.com', password, name: 'Weak' }).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'password', message }] });
    });

    it('reports every bad field at once', async () => {
      const res = await request(t.server).post('/probe/register').send({ email: 'not an address', password: 'short', name: '' }).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['email', 'password', 'name']);
    });

    it('gives each user a numeric production user id and no sandbox account', async () => {
      const erin = users.erin;
      expect(erin.productionUserId).toMatch(/^[1-9]\d{14}$/);
      const view = await queryBus.execute(new GetUserQuery(erin.userId));
      expect(view).toEqual({
        id: erin.userId,
        email: erin.email,
        name: 'erin Tester',
        status: 'active',
        accounts: { production: { userId: erin.productionUserId }, sandbox: null },
      });
      await expect(queryBus.execute(new GetUserByEnvironmentUserIdQuery('production', erin.productionUserId))).resolves.toEqual(view);
      await expect(queryBus.execute(new GetUserByEnvironmentUserIdQuery('sandbox', erin.productionUserId))).resolves.toBeNull();
      await expect(queryBus.execute(new GetUserQuery(randomUUID()))).resolves.toBeNull();
    });
  });

  describe('the console guard', () => {
    let token: string;
    beforeAll(async () => {
      const frank = users.frank;
      token = (await login(frank.email, frank.password, '10.30.0.1')).body.token;
    });

    it.each([
      ['no Authorization header', undefined, 'Bearer realm="console"'],
      ['a garbage token', 'Bearer not-a-token', 'Bearer realm="console", error="invalid_token"'],
      ['a well-formed but unknown token', `Bearer ${'A'.repeat(43)}`, 'Bearer realm="console", error="invalid_token"'],
      [
        'a JWT',
        'Bearer eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwiaWF0IjoxNzAwMDAwMDAwfQ.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJl',
        'Bearer realm="console", error="invalid_token"',
      ],
      ['another scheme', 'Basic dXNlcjpwYXNz', 'Bearer realm="console"'],
      ['an empty bearer', 'Bearer ', 'Bearer realm="console"'],
    ])('refuses %s with 401 UNAUTHENTICATED and WWW-Authenticate', async (_what, authorization, challenge) => {
      const res = await whoami(authorization);
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['www-authenticate']).toBe(challenge);
      expect(res.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    });

    it('accepts the scheme in any case', async () => {
      expect((await whoami(`bearer ${token}`)).status).toBe(200);
      expect((await whoami(`BEARER ${token}`)).status).toBe(200);
    });

    it('refuses a token once its session has expired (12 hours)', async () => {
      clockOffsetMs = 12 * 3600_000 + 1000;
      try {
        expect((await whoami(bearer(token))).status).toBe(401);
      } finally {
        clockOffsetMs = 0;
      }
    });
  });

  describe('logout', () => {
    it('answers 204, and the token stops working while other sessions go on', async () => {
      const gina = users.gina;
      const [first, second] = (await Promise.all([login(gina.email, gina.password, '10.40.0.1'), login(gina.email, gina.password, '10.40.0.1')])).map(
        (r) => r.body.token,
      );
      await request(t.server).delete('/console/v1/sessions/current').set('authorization', bearer(first)).expect(204);
      expect((await whoami(bearer(first))).status).toBe(401);
      expect((await whoami(bearer(second))).status).toBe(200);
      const again = await request(t.server).delete('/console/v1/sessions/current').set('authorization', bearer(first)).expect(401);
      expect(again.body.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('deactivation', () => {
    it('ends every session of the user and blocks their login with the usual INVALID_LOGIN; idempotent', async () => {
      const hank = users.hank;
      const tokens = (await Promise.all([login(hank.email, hank.password, '10.50.0.1'), login(hank.email, hank.password, '10.50.0.1')])).map(
        (r) => r.body.token,
      );
      for (const token of tokens) expect((await whoami(bearer(token))).status).toBe(200);

      const admin = { userId: randomUUID(), email: 'admin@example.com' };
      await commandBus.execute(new DeactivateUserCommand(hank.userId, 'left the company', systemContext('deactivate-hank', admin)));
      for (const token of tokens) expect((await whoami(bearer(token))).status).toBe(401);
      const refused = await login(hank.email, hank.password, '10.50.0.1');
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('INVALID_LOGIN');
      await expect(queryBus.execute(new GetUserQuery(hank.userId))).resolves.toMatchObject({ status: 'deactivated' });

      await commandBus.execute(new DeactivateUserCommand(hank.userId, 'again', systemContext('deactivate-hank-again', admin)));
      const events = await t.app.get<symbol, EventStore>(EVENT_STORE).readAll();
      const ofHank = events.filter((e) => (e.data as { userId?: string }).userId === hank.userId);
      expect(ofHank.filter((e) => e.type === 'UserDeactivated')).toEqual([
        expect.objectContaining({
          data: expect.objectContaining({ reason: 'left the company' }),
          metadata: { actor: admin, correlationId: 'deactivate-hank' },
        }),
      ]);
      expect(ofHank.filter((e) => e.type === 'SessionEnded').map((e) => e.data.reason)).toEqual(['user_deactivated', 'user_deactivated']);
    });
  });

  describe('throttling', () => {
    const known = '192.0.2.10';
    const attacker = '203.0.113.66';
    const elsewhere = '198.51.100.7';
    let jack: TestUser;
    beforeAll(async () => {
      frozenAt = Date.now();
      jack = users.jack;
      expect((await login(jack.email, jack.password, known)).status).toBe(201);
    });
    afterAll(() => {
      frozenAt = null;
      clockOffsetMs = 0;
    });

    const failFiveTimes = async () => {
      const results = await Promise.all(Array.from({ length: 5 }, () => login(jack.email, 'Wrong-Password-123', attacker)));
      expect(results.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    };

    it('locks the account after 5 failures: 429 RATE_LIMITED with Retry-After, without checking the password', async () => {
      await failFiveTimes();
      const locked = await login(jack.email, jack.password, attacker);
      expect(locked.status).toBe(429);
      expect(locked.headers['retry-after']).toBe('30');
      expect(locked.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    });

    it('locks it for addresses the account was never used from, so spreading guesses does not help', async () => {
      const res = await login(jack.email, jack.password, elsewhere);
      expect(res.status).toBe(429);
    });

    it('ends the lockout after Retry-After: the owner logs in again', async () => {
      clockOffsetMs += 10_000;
      expect((await login(jack.email, jack.password, elsewhere)).headers['retry-after']).toBe('20');
      clockOffsetMs += 21_000;
      const res = await login(jack.email, jack.password, elsewhere);
      expect(res.status).toBe(201);
      expect(res.body.user.id).toBe(jack.userId);
    });

    it('keeps admitting the owner from an address they logged in from before, while the account is locked elsewhere', async () => {
      await failFiveTimes();
      expect((await login(jack.email, jack.password, attacker)).status).toBe(429);
      const res = await login(jack.email, jack.password, known);
      expect(res.status).toBe(201);
    });
  });

  describe('sandbox account', () => {
    it('creates the caller’s sandbox account once, then answers 409 SANDBOX_ACCOUNT_EXISTS', async () => {
      const kim = users.kim;
      const token = (await login(kim.email, kim.password, '10.70.0.1')).body.token;
      const created = await request(t.server).post('/console/v1/me/sandbox-account').set('authorization', bearer(token)).expect(201);
      answers.push(created.text);
      expect(created.body).toEqual({ environment: 'sandbox', userId: expect.stringMatching(/^[1-9]\d{14}$/) });
      expect(created.body.userId).not.toBe(kim.productionUserId);

      const again = await request(t.server).post('/console/v1/me/sandbox-account').set('authorization', bearer(token)).expect(409);
      expect(again.body).toMatchObject({ code: 'SANDBOX_ACCOUNT_EXISTS' });

      await expect(queryBus.execute(new GetUserByEnvironmentUserIdQuery('sandbox', created.body.userId))).resolves.toMatchObject({
        id: kim.userId,
        accounts: { production: { userId: kim.productionUserId }, sandbox: { userId: created.body.userId } },
      });
      await expect(queryBus.execute(new GetUserByEnvironmentUserIdQuery('production', created.body.userId))).resolves.toBeNull();
    });

    it('requires a session', async () => {
      const res = await request(t.server).post('/console/v1/me/sandbox-account').expect(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('the OpenAPI description', () => {
    it('documents the identity routes with their status codes', async () => {
      const doc = (await request(t.server).get('/docs/openapi.json').expect(200)).body;
      const login = doc.paths['/console/v1/sessions'].post;
      expect(login.tags).toEqual(['Identity']);
      expect(Object.keys(login.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '429']));
      expect(login.responses['401'].description).toContain('INVALID_LOGIN');
      const logout = doc.paths['/console/v1/sessions/current'].delete;
      expect(logout.security).toEqual([{ session: [] }]);
      expect(Object.keys(logout.responses)).toEqual(expect.arrayContaining(['204', '401']));
      const sandbox = doc.paths['/console/v1/me/sandbox-account'].post;
      expect(Object.keys(sandbox.responses)).toEqual(expect.arrayContaining(['201', '401', '409']));
    });
  });

  describe('secrets', () => {
    let events: RecordedEvent[];
    beforeAll(async () => {
      events = await t.app.get<symbol, EventStore>(EVENT_STORE).readAll();
    });

    it('never stores a password or a session token in an event', () => {
      expect(secrets.length).toBeGreaterThan(20);
      const stored = events.map((e) => JSON.stringify(e));
      for (const secret of secrets) expect(stored.filter((s) => s.includes(secret))).toEqual([]);
    });

    it('never writes a password, a session token or a password hash to the logs', async () => {
      const logs = t.logs.join('');
      expect(logs.length).toBeGreaterThan(0);
      for (const secret of secrets) expect(logs).not.toContain(secret);
      expect(logs).not.toContain('scrypt$');
      for (const e of events.filter((e) => e.type === 'UserRegistered')) expect(logs).not.toContain(e.data.passwordHash as string);
    });

    it('never answers with a password hash', () => {
      expect(answers.length).toBeGreaterThan(20);
      for (const answer of answers) expect(answer).not.toContain('scrypt$');
    });

    it('records every identity event with its actor, correlation id and client address, on <category>-<id> streams', () => {
      const identityEvents = events.filter((e) => /^(user|session|emailReservation|environmentUserId)-/.test(e.streamName));
      expect(identityEvents.length).toBeGreaterThan(20);
      for (const e of identityEvents) {
        expect(e.metadata).toEqual({
          correlationId: expect.any(String),
          actor: e.metadata.actor === null ? null : { userId: expect.any(String), email: expect.any(String) },
          // Work no client asked for (a reaction's deactivation) has no address.
          ...(e.metadata.address === undefined ? {} : { address: expect.stringMatching(/^[0-9a-f.:]+$/) }),
        });
        expect(e.streamName).toMatch(/^[A-Za-z]+-[^-]/);
      }
      expect(
        identityEvents.filter((e) => e.streamName.startsWith('emailReservation-')).every((e) => /^emailReservation-[0-9a-f]{64}$/.test(e.streamName)),
      ).toBe(true);
      const sessionStarted = identityEvents.find((e) => e.type === 'SessionStarted')!;
      expect(Object.keys(sessionStarted.data).sort()).toEqual(['expiresAt', 'sessionId', 'tokenHash', 'userId']);
      expect(sessionStarted.metadata.actor).toEqual({ userId: sessionStarted.data.userId, email: expect.any(String) });
      expect(sessionStarted.metadata.address).toMatch(/127\.0\.0\.1$/);
    });
  });
});

import request from 'supertest';
import { Clock } from '@latchkey/building-blocks';
import { bearer, PASSWORD, signup, uniqueEmail } from './support/console';
import { startTestApp, type TestApp } from './support/test-app';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** A console POST from a chosen client address (Fastify's inject). */
async function post(t: TestApp, url: string, payload: Record<string, unknown>, remoteAddress: string): Promise<Answer> {
  const res = await t.app.getHttpAdapter().getInstance().inject({ method: 'POST', url, payload, remoteAddress });
  return { status: res.statusCode, headers: res.headers, body: res.json() };
}

const signupBody = (extra: Record<string, unknown> = {}) => ({
  email: uniqueEmail('signup'),
  password: PASSWORD,
  name: 'Sam Signup',
  organizationName: 'Signup Co',
  ...extra,
});

describe('sign-ups and acceptances per client address (SIGNUP_RATE_LIMIT=3/600)', () => {
  let t: TestApp;
  let nowMs = Date.now();

  beforeAll(async () => {
    t = await startTestApp({ SIGNUP_RATE_LIMIT: '3/600' });
    jest.spyOn(t.app.get(Clock), 'nowMs').mockImplementation(() => nowMs);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
  });

  it('counts attempts, not only failures, and answers 429 RATE_LIMITED with Retry-After past the limit', async () => {
    const address = '203.0.113.10';
    const first = await post(t, '/console/v1/signup', signupBody({ email: 'counted@example.test' }), address);
    expect(first.status).toBe(201);
    const taken = await post(t, '/console/v1/signup', signupBody({ email: 'counted@example.test' }), address);
    expect(taken.body.code).toBe('EMAIL_TAKEN');
    const unknownToken = await post(t, '/console/v1/invitations/not-a-token/accept', { name: 'X', password: PASSWORD }, address);
    expect(unknownToken.body.code).toBe('INVITATION_NOT_FOUND');

    const refused = await post(t, '/console/v1/signup', signupBody(), address);
    expect(refused).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(590);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(600);
    // Acceptances share the count.
    const acceptance = await post(t, '/console/v1/invitations/not-a-token/accept', { name: 'X', password: PASSWORD }, address);
    expect(acceptance).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });

    // Another address is not affected; this one may try again once its window has passed.
    expect((await post(t, '/console/v1/signup', signupBody(), '203.0.113.11')).status).toBe(201);
    nowMs += 600_000;
    expect((await post(t, '/console/v1/signup', signupBody(), address)).status).toBe(201);
  });

  it('does not let parallel attempts slip in under the limit', async () => {
    const address = '203.0.113.20';
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => post(t, '/console/v1/invitations/not-a-token/accept', { name: 'X', password: PASSWORD }, address)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([404, 404, 404, 429, 429, 429]);
  });

  it('documents the limits and their answers in the OpenAPI description', async () => {
    const doc = (await request(t.server).get('/docs/openapi.json').expect(200)).body;
    const signupDoc = doc.paths['/console/v1/signup'].post;
    expect(signupDoc.responses['429'].description).toContain('RATE_LIMITED');
    expect(signupDoc.responses['403'].description).toContain('SIGNUP_DISABLED');
    expect(signupDoc.responses['503'].description).toContain('BUSY');
    expect(doc.components.schemas.SignupDto.properties.setupToken.description).toContain('SETUP_TOKEN');
    expect(doc.components.schemas.SignupDto.required).not.toContain('setupToken');
    expect(doc.paths['/console/v1/invitations/{token}/accept'].post.responses['429'].description).toContain('RATE_LIMITED');
  });
});

describe('SIGNUP=invite-only', () => {
  const SETUP_TOKEN = 'setup-6f1c2a8e-a-long-random-token';
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ SIGNUP: 'invite-only', SETUP_TOKEN, SIGNUP_RATE_LIMIT: '3/600' });
  });
  afterAll(() => t?.close());

  it('admits exactly one bootstrap sign-up, with the setup token, and then no other', async () => {
    const missing = await post(t, '/console/v1/signup', signupBody(), '198.51.100.1');
    expect(missing).toMatchObject({ status: 403, body: { code: 'SIGNUP_DISABLED' } });
    const wrong = await post(t, '/console/v1/signup', signupBody({ setupToken: `${SETUP_TOKEN}x` }), '198.51.100.1');
    expect(wrong).toMatchObject({ status: 403, body: { code: 'SIGNUP_DISABLED' } });
    const nullToken = await post(t, '/console/v1/signup', signupBody({ setupToken: null }), '198.51.100.1');
    expect(nullToken).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED', errors: [{ field: 'setupToken', message: 'setupToken must not be null' }] },
    });

    // Past the limit, that address's attempts are refused as SIGNUP_DISABLED, the right token too: a
    // guesser learns nothing, and gets no 429 to tell the refusals apart.
    await post(t, '/console/v1/signup', signupBody({ setupToken: 'guess' }), '198.51.100.1');
    const locked = await post(t, '/console/v1/signup', signupBody({ setupToken: SETUP_TOKEN }), '198.51.100.1');
    expect(locked).toMatchObject({ status: 403, body: { code: 'SIGNUP_DISABLED' } });

    // Concurrent bootstraps with the right token, from three addresses: one founds the installation.
    const racers = await Promise.all(
      ['198.51.100.2', '198.51.100.3', '198.51.100.4'].map((address) =>
        post(t, '/console/v1/signup', signupBody({ setupToken: SETUP_TOKEN }), address),
      ),
    );
    expect(racers.map((r) => r.status).sort()).toEqual([201, 403, 403]);
    const founder = racers.find((r) => r.status === 201)!;
    expect(founder.body.user).toMatchObject({ id: expect.any(String) });

    // From now on sign-up is closed, the right token or not, and SIGNUP_DISABLED comes before 429.
    const after = await post(t, '/console/v1/signup', signupBody({ setupToken: SETUP_TOKEN }), '198.51.100.5');
    expect(after).toMatchObject({ status: 403, body: { code: 'SIGNUP_DISABLED' } });
    const lockedAfter = await post(t, '/console/v1/signup', signupBody(), '198.51.100.1');
    expect(lockedAfter).toMatchObject({ status: 403, body: { code: 'SIGNUP_DISABLED' } });

    // Invitations still work.
    const invitation = await request(t.server)
      .post('/console/v1/organization/invitations')
      .set(bearer(founder.body.session.token))
      .send({ email: uniqueEmail('invited'), role: 'developer' })
      .expect(201);
    const accepted = await post(t, `/console/v1/invitations/${invitation.body.token}/accept`, { name: 'Ivy', password: PASSWORD }, '198.51.100.6');
    expect(accepted.status).toBe(201);
  });
});

describe('SIGNUP=open (the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('lets anyone sign up, and ignores a setup token', async () => {
    await signup(t);
    const res = await request(t.server)
      .post('/console/v1/signup')
      .send(signupBody({ setupToken: 'anything' }));
    expect(res.status).toBe(201);
  });
});

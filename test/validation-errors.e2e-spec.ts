import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { bearer, signup, type SignedUp, uniqueEmail } from './support/console';
import { CREDENTIALS, createApp, createCredential, historyOf, recordUsage } from './support/credentials-journey';
import { startTestApp, type TestApp } from './support/test-app';

/** Every invalid field answered at once, titled with what went wrong; the invitation lookup; app names in history. */
describe('validation errors, titles, invitation lookup, app names in history (e2e, sqlite)', () => {
  let t: TestApp;
  let admin: SignedUp;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await signup(t, { organizationName: 'Acme' });
  });
  afterAll(() => t?.close());

  const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

  it('answers five invalid sign-up fields in one answer, titled "Invalid sign-up details", in words for people', async () => {
    const res = await request(t.server)
      .post('/console/v1/signup')
      .send({ email: 'not-an-address', password: 'short', name: '  ', organizationName: ' ', setupToken: null })
      .expect(400);
    expect(res.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', title: 'Invalid sign-up details', detail: '5 fields are invalid' });
    expect(res.body.errors).toEqual([
      { field: 'email', message: 'Enter an e-mail address such as name@example.com' },
      { field: 'password', message: 'Use at least 12 characters' },
      { field: 'name', message: 'Enter your name' },
      { field: 'organizationName', message: 'Enter the name of your organization' },
      { field: 'setupToken', message: 'setupToken must not be null' },
    ]);
  });

  it('answers the type errors and the rules of a credential together (label, environment, expiry, allowed apps)', async () => {
    const res = await request(t.server)
      .post(CREDENTIALS)
      .set(bearer(admin.token))
      .send({ label: '', environment: 'staging', expiresAt: '2001-01-01T00:00:00Z', allowedApps: { type: 'specific', clientIds: [] }, extra: 1 })
      .expect(400);
    expect(res.body.title).toBe('Invalid credential settings');
    expect(res.body.errors).toEqual([
      { field: 'label', message: 'Enter a label' },
      { field: 'environment', message: 'environment must be "production" or "sandbox"' },
      { field: 'expiresAt', message: 'Choose a date and time in the future' },
      { field: 'allowedApps.clientIds', message: 'Add at least one app' },
      { field: 'extra', message: 'extra is not a known field' },
    ]);
  });

  it('answers every invalid field of a change to a credential at once', async () => {
    const { credential } = await createCredential(t, admin.token);
    const res = await request(t.server)
      .patch(`${CREDENTIALS}/${credential.id}`)
      .set(bearer(admin.token))
      .send({ label: 'x'.repeat(101), expiresAt: 'tomorrow', allowedApps: { type: 'organization', clientIds: ['prd_x'] }, environment: 'sandbox' })
      .expect(400);
    expect(res.body.title).toBe('Invalid credential settings');
    expect(fieldsOf(res.body)).toEqual(['label', 'expiresAt', 'allowedApps.clientIds', 'environment']);
  });

  it('answers every invalid field of an app and of an invitation acceptance at once', async () => {
    const app = await request(t.server)
      .post('/console/v1/apps')
      .set(bearer(admin.token))
      .send({ name: ' ', scopes: [], grantTypes: ['password'], environments: ['staging'], owner: 'me' })
      .expect(400);
    expect(app.body.title).toBe('Invalid app settings');
    expect(fieldsOf(app.body)).toEqual(['name', 'scopes', 'grantTypes', 'environments', 'owner']);

    const invitation = await request(t.server)
      .post('/console/v1/organization/invitations')
      .set(bearer(admin.token))
      .send({ email: uniqueEmail('bob'), role: 'developer' })
      .expect(201);
    const accept = await request(t.server)
      .post(`/console/v1/invitations/${invitation.body.token}/accept`)
      .send({ name: '', password: 'aaaaaaaaaaaaaaa' })
      .expect(400);
    expect(accept.body).toMatchObject({ title: 'Invalid account details', code: 'VALIDATION_FAILED' });
    expect(accept.body.errors).toEqual([
      { field: 'name', message: 'Enter your name' },
      { field: 'password', message: 'Mix at least two kinds of characters: lower-case letters, upper-case letters, digits, symbols or spaces' },
    ]);
  });

  it('titles other problems with what went wrong', async () => {
    const res = await request(t.server).get('/console/v1/me').expect(401);
    expect(res.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', title: 'Not signed in' });
    const missing = await request(t.server).get(`${CREDENTIALS}/${randomUUID()}`).set(bearer(admin.token)).expect(404);
    expect(missing.body).toMatchObject({ code: 'CREDENTIAL_NOT_FOUND', title: 'Credential not found' });
  });

  describe('POST /console/v1/invitations/lookup', () => {
    const lookup = (body: unknown) =>
      request(t.server)
        .post('/console/v1/invitations/lookup')
        .send(body as object);

    it('names the organization, address and role of an invitation, without a session', async () => {
      const email = uniqueEmail('carol');
      const invitation = await request(t.server)
        .post('/console/v1/organization/invitations')
        .set(bearer(admin.token))
        .send({ email, role: 'developer_admin' })
        .expect(201);
      const res = await lookup({ token: invitation.body.token }).expect(200);
      expect(res.body).toEqual({ organizationName: 'Acme', email, role: 'developer_admin' });
    });

    it('answers 404 for an unknown or cancelled token and 400 without one', async () => {
      expect((await lookup({ token: 'x'.repeat(43) }).expect(404)).body).toMatchObject({
        code: 'INVITATION_NOT_FOUND',
        title: 'Invitation not found',
      });
      const invitation = await request(t.server)
        .post('/console/v1/organization/invitations')
        .set(bearer(admin.token))
        .send({ email: uniqueEmail('dan'), role: 'user' })
        .expect(201);
      await request(t.server).delete(`/console/v1/organization/invitations/${invitation.body.id}`).set(bearer(admin.token)).expect(204);
      await lookup({ token: invitation.body.token }).expect(404);
      expect((await lookup({}).expect(400)).body).toMatchObject({ title: 'Invalid invitation token', errors: [{ field: 'token' }] });
    });

    it('is documented in the OpenAPI description', async () => {
      const doc = (await request(t.server).get('/docs/openapi.json').expect(200)).body;
      const operation = doc.paths['/console/v1/invitations/lookup'].post;
      expect(operation.responses['404'].description).toContain('INVITATION_NOT_FOUND');
      expect(operation.responses['429'].description).toContain('RATE_LIMITED');
    });
  });

  it('names the app of a use and of an allowed app in the credential’s history', async () => {
    const app = await createApp(t, admin.token, 'Billing sync');
    const clientId = app.clients.production!.clientId;
    const { credential } = await createCredential(t, admin.token, { allowedApps: { type: 'specific', clientIds: [clientId] } });
    await recordUsage(t, [{ credentialId: credential.id, clientId, lastUsedAt: new Date().toISOString(), count: 1 }]);
    const history = (await historyOf(t, admin.token, credential.id)) as unknown as { type: string; app: unknown }[];
    expect(history.map((e) => [e.type, e.app])).toEqual([
      ['CredentialCreated', null],
      ['CredentialUsedByNewApp', { clientId, name: 'Billing sync' }],
      ['CredentialUsed', { clientId, name: 'Billing sync' }],
    ]);
  });
});

describe('the invitation lookup is throttled with sign-ups and acceptances (e2e, sqlite)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SIGNUP_RATE_LIMIT: '3/600' });
  });
  afterAll(() => t?.close());

  it('counts lookups that find nothing and answers 429 past the limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (
          await request(t.server)
            .post('/console/v1/invitations/lookup')
            .send({ token: `guess-${i}` })
        ).status,
      );
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
  });
});

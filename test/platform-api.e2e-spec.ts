import request from 'supertest';
import { bearer, join, type SignedUp, signup } from './support/console';
import { type Client, createOAuthApp, createSandboxAccount, exchange, issueCredential, type OAuthApp, platform } from './support/oauth-journey';
import { startTestApp, type TestApp } from './support/test-app';

const CMN_408_MESSAGE = 'In order to call this API endpoint, user needs to have [EditAccounts] permission for requested resource.';

describe('Platform API: account and extension, guarded by scope and permission (sqlite store)', () => {
  jest.setTimeout(30_000);
  let t: TestApp;
  let admin: SignedUp;
  let app: OAuthApp;
  let prod: Client;
  let adminToken: string;

  const accessToken = async (client: Client, jwt: string, environment: 'production' | 'sandbox' = 'production') =>
    (await exchange(t, environment, client, jwt).expect(200)).body.access_token as string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await signup(t, { organizationName: 'Tatooine Moisture Farms', name: 'Owen Lars' });
    await createSandboxAccount(t, admin.token);
    app = await createOAuthApp(t, admin.token, { name: 'Farm console', scopes: ['ReadAccounts', 'EditAccounts'] });
    prod = app.clients.production!;
    adminToken = await accessToken(prod, (await issueCredential(t, admin.token)).jwt);
  });
  afterAll(() => t.close());

  it("answers the caller's account: their organization in the environment", async () => {
    const res = await platform.account(t, 'production', adminToken).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({ id: expect.stringMatching(/^\d+$/), name: 'Tatooine Moisture Farms', environment: 'production' });
    await request(t.server).get(`/restapi/v1.0/account/${res.body.id}`).set(bearer(adminToken)).expect(200, res.body);
  });

  it("answers the token's user as the extension", async () => {
    const res = await platform.extension(t, 'production', adminToken).expect(200);
    const me = await request(t.server).get('/console/v1/me').set(bearer(admin.token)).expect(200);
    expect(res.body).toEqual({
      id: me.body.accounts.production.userId,
      name: 'Owen Lars',
      email: admin.email,
      status: 'Enabled',
      permissions: ['ReadAccounts', 'EditAccounts', 'ReadExtensions', 'EditExtensions'],
    });
    await request(t.server).get(`/restapi/v1.0/account/~/extension/${res.body.id}`).set(bearer(adminToken)).expect(200, res.body);
  });

  it('accepts the bearer scheme in any case (the RingCentral SDK sends "bearer")', async () => {
    for (const scheme of ['bearer', 'BEARER', 'Bearer']) await platform.account(t, 'production', adminToken, scheme).expect(200);
  });

  it('renames the account with EditAccounts, per environment, and reads it back', async () => {
    const before = (await platform.account(t, 'production', adminToken).expect(200)).body;
    const renamed = await platform.renameAccount(t, 'production', adminToken, '  Lars Homestead  ').expect(200);
    expect(renamed.body).toEqual({ id: before.id, name: 'Lars Homestead', environment: 'production' });
    expect((await platform.account(t, 'production', adminToken).expect(200)).body.name).toBe('Lars Homestead');

    const sandboxToken = await accessToken(app.clients.sandbox!, (await issueCredential(t, admin.token, { environment: 'sandbox' })).jwt, 'sandbox');
    const sandboxAccount = (await platform.account(t, 'sandbox', sandboxToken).expect(200)).body;
    expect(sandboxAccount).toEqual({ id: expect.stringMatching(/^\d+$/), name: 'Tatooine Moisture Farms', environment: 'sandbox' });
    expect(sandboxAccount.id).not.toBe(before.id);
  });

  it("the seed's example: a user without EditAccounts whose credential is used to edit the account gets 403 CMN-408", async () => {
    const luke = await join(t, admin, 'developer', { name: 'Luke' });
    const lukeToken = await accessToken(prod, (await issueCredential(t, luke.token, { label: "Luke's" })).jwt);
    await platform.account(t, 'production', lukeToken).expect(200);
    const res = await platform.renameAccount(t, 'production', lukeToken, 'Luke was here').expect(403);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({
      errorCode: 'CMN-408',
      message: CMN_408_MESSAGE,
      errors: [{ errorCode: 'CMN-408', message: CMN_408_MESSAGE, permissionName: 'EditAccounts' }],
      permissionName: 'EditAccounts',
    });
    expect((await platform.account(t, 'production', adminToken).expect(200)).body.name).not.toBe('Luke was here');

    // granting the permission takes effect for the token Luke already has
    await request(t.server)
      .patch(`/console/v1/organization/members/${luke.userId}`)
      .set(bearer(admin.token))
      .send({ permissions: ['ReadAccounts', 'EditAccounts'] })
      .expect(200);
    await platform.renameAccount(t, 'production', lukeToken, 'Skywalker Farms').expect(200);
  });

  it('answers 403 InsufficientPermissions CMN-401 when the app lacks the scope, whatever the user may do', async () => {
    const readOnly = (await createOAuthApp(t, admin.token, { name: 'Read only', scopes: ['ReadAccounts'], environments: ['production'] })).clients
      .production!;
    const token = await accessToken(readOnly, (await issueCredential(t, admin.token)).jwt);
    await platform.account(t, 'production', token).expect(200);
    const res = await platform.renameAccount(t, 'production', token, 'Nope').expect(403);
    expect(res.body).toEqual({
      errorCode: 'InsufficientPermissions',
      message: expect.stringContaining('[EditAccounts]'),
      errors: [{ errorCode: 'CMN-401', message: expect.any(String), permissionName: 'EditAccounts' }],
    });
    // a token narrowed by scope at issuance is treated the same way
    const narrowed = (await exchange(t, 'production', prod, (await issueCredential(t, admin.token)).jwt, { scope: 'ReadAccounts' }).expect(200)).body
      .access_token;
    expect((await platform.renameAccount(t, 'production', narrowed, 'Nope').expect(403)).body.errors[0].errorCode).toBe('CMN-401');
  });

  it('answers 401 TokenInvalid OAU-149 for a missing, malformed or foreign token, and a token of the other environment', async () => {
    const sandboxToken = await accessToken(app.clients.sandbox!, (await issueCredential(t, admin.token, { environment: 'sandbox' })).jwt, 'sandbox');
    const cases = [
      request(t.server).get('/restapi/v1.0/account/~'),
      request(t.server).get('/restapi/v1.0/account/~').set('authorization', 'Bearer'),
      request(t.server).get('/restapi/v1.0/account/~').set('authorization', 'Bearer not.a.token'),
      request(t.server).get('/restapi/v1.0/account/~').set('authorization', `Basic ${adminToken}`),
      platform.account(t, 'production', sandboxToken),
      platform.account(t, 'sandbox', adminToken),
      platform.account(t, 'production', admin.token), // a console session token
    ];
    for (const res of await Promise.all(cases)) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        errorCode: 'TokenInvalid',
        message: expect.any(String),
        errors: [{ errorCode: 'OAU-149', message: expect.any(String) }],
      });
      expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
    }
  });

  it("answers 404 CMN-102 for an account or extension that is not the caller's", async () => {
    const res = await request(t.server).get('/restapi/v1.0/account/123456').set(bearer(adminToken)).expect(404);
    expect(res.body).toMatchObject({ errorCode: 'CMN-102', errors: [{ errorCode: 'CMN-102', parameterName: 'accountId' }] });
    const ext = await request(t.server).get('/restapi/v1.0/account/~/extension/someone-else').set(bearer(adminToken)).expect(404);
    expect(ext.body.errors[0].parameterName).toBe('extensionId');
  });

  it('validates the rename body in its own error shape, never problem+json', async () => {
    const put = () => request(t.server).put('/restapi/v1.0/account/~').set(bearer(adminToken));
    const cases: [request.Test, number, string][] = [
      [put().send({ name: '' }), 400, 'CMN-101'],
      [put().send({ name: 'x'.repeat(101) }), 400, 'CMN-101'],
      [put().send({ name: 42 }), 400, 'CMN-101'],
      [put().send({ name: 'ok', isAdmin: true }), 400, 'CMN-101'],
      [put().send([{ name: 'ok' }]), 400, 'CMN-100'],
      [put().set('content-type', 'application/json').send('{"name":'), 400, 'CMN-100'],
      [put().set('content-type', 'text/plain').send('name=x'), 415, 'CMN-415'],
      [put().send({ name: 'x'.repeat(20_000) }), 413, 'CMN-413'],
    ];
    for (const [pending, status, errorCode] of cases) {
      const res = await pending;
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body.errorCode).toBe(errorCode);
    }
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('answers unknown Platform API routes and methods in its own shape', async () => {
    const unknown = await request(t.server).get('/restapi/v1.0/glip/chats').set(bearer(adminToken)).expect(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/json/);
    expect(unknown.body.errorCode).toBe('CMN-404');
    expect((await request(t.server).post('/sandbox/restapi/v2/anything').expect(404)).body.errorCode).toBe('CMN-404');
    const method = await request(t.server).delete('/sandbox/restapi/v1.0/account/~').set(bearer(adminToken)).expect(405);
    expect(method.body.errorCode).toBe('CMN-405');
  });

  it('stops a token at once when its owner is removed from the organization', async () => {
    const leia = await join(t, admin, 'developer_admin', { name: 'Leia' });
    const leiaToken = await accessToken(prod, (await issueCredential(t, leia.token)).jwt);
    await platform.extension(t, 'production', leiaToken).expect(200);
    await request(t.server).delete(`/console/v1/organization/members/${leia.userId}`).set(bearer(admin.token)).expect(204);
    await platform.extension(t, 'production', leiaToken).expect(401);
  });
});
